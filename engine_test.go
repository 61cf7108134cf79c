package telnyx_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

var ctx = context.Background()

func get(c *telnyx.Client, path string, opts ...option.RequestOption) error {
	_, err := c.Do(ctx, telnyx.Request{Method: http.MethodGet, Path: path}, nil, opts...)
	return err
}

func post(c *telnyx.Client, path string, body any, opts ...option.RequestOption) error {
	_, err := c.Do(ctx, telnyx.Request{Method: http.MethodPost, Path: path, Body: body}, nil, opts...)
	return err
}

// sequence answers the i-th request with statuses[i] (the last one repeats)
// and counts requests.
func sequence(mock *httpmock.MockTransport, method, path string, header http.Header, statuses ...int) *atomic.Int32 {
	var n atomic.Int32
	mock.RegisterResponder(method, testutil.BaseURL+path, func(r *http.Request) (*http.Response, error) {
		i := int(n.Add(1)) - 1
		if r.Body != nil {
			_, _ = io.Copy(io.Discard, r.Body)
		}
		st := statuses[min(i, len(statuses)-1)]
		resp := httpmock.NewStringResponse(st, `{"errors":[{"code":"10001","title":"Failure","detail":"try later"}]}`)
		for k, v := range header {
			resp.Header[k] = v
		}
		return resp, nil
	})
	return &n
}

func TestHeadersOnTheWire(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t, option.WithHeader("X-Extra", "1"))
	seen := respond(mock, http.MethodPost, "/things", 200, `{}`)
	require.NoError(t, post(c, "/things", map[string]int{"a": 1}, option.WithHeader("X-Call", "2")))
	h := (*seen)[0].Header
	assert.Equal(t, "Bearer "+testutil.APIKey, h.Get("Authorization"))
	assert.Equal(t, "application/json", h.Get("Accept"))
	assert.Equal(t, "application/json", h.Get("Content-Type"))
	assert.Equal(t, "1", h.Get("X-Extra"))
	assert.Equal(t, "2", h.Get("X-Call"))
	assert.Regexp(t, `^telnyx-go/`+telnyx.Version+` \(go[^;]+; [a-z0-9]+/[a-z0-9]+\)$`, h.Get("User-Agent"))

	// A call option does not leak into the client.
	require.NoError(t, post(c, "/things", nil))
	assert.Empty(t, (*seen)[1].Header.Get("X-Call"))
	assert.Empty(t, (*seen)[1].Body)
}

func TestCallOptionsOverrideClientOptions(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	seen := respond(mock, http.MethodGet, "/things", 200, `{}`)
	other := httpmock.NewMockTransport()
	otherSeen := respond(other, http.MethodGet, "/things", 200, `{}`)
	require.NoError(t, get(c, "/things", option.WithAPIKey("other-key")))
	assert.Equal(t, "Bearer other-key", (*seen)[0].Header.Get("Authorization"))
	require.NoError(t, get(c, "/things", option.WithHTTPClient(&http.Client{Transport: other})))
	assert.Len(t, *seen, 1)
	assert.Len(t, *otherSeen, 1)
	require.NoError(t, get(c, "/things"))
	assert.Equal(t, "Bearer "+testutil.APIKey, (*seen)[1].Header.Get("Authorization"))
}

func TestConfigurationErrorsBeforeSending(t *testing.T) {
	t.Setenv("TELNYX_API_KEY", "")
	t.Setenv("TELNYX_BASE_URL", "")
	mock := httpmock.NewMockTransport()
	hc := option.WithHTTPClient(&http.Client{Transport: mock})
	_, err := telnyx.NewClient(hc)
	require.ErrorIs(t, err, telnyx.ErrMissingAPIKey)

	for _, bad := range []string{"://nope", "api.telnyx.com/v2", "ftp://api.telnyx.com", "http://api.telnyx.com/v2", "http://10.0.0.8/v2", "https://api.telnyx.com/v2?x=1"} {
		_, err := telnyx.NewClient(hc, option.WithAPIKey("k"), option.WithBaseURL(bad))
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "base URL", bad)
	}
	for _, ok := range []string{"http://127.0.0.1:4010/v2", "http://localhost:8080/v2", "http://[::1]:9/v2", "https://api.telnyx.com/v2"} {
		_, err := telnyx.NewClient(hc, option.WithAPIKey("k"), option.WithBaseURL(ok))
		require.NoError(t, err, ok)
	}
	_, err = telnyx.NewClient(hc, option.WithAPIKey("k"), option.WithBaseURL("http://api.internal/v2"), option.WithInsecureHTTP())
	require.NoError(t, err)

	// A bad per-call option fails the call without sending.
	c, mock2 := mockClient(t)
	require.Error(t, get(c, "/x", option.WithBaseURL("http://example.com")))
	require.Error(t, get(c, "/x", option.WithAPIKey("")))
	require.Error(t, get(c, "/x", option.WithMaxRetries(-1)))
	assert.Zero(t, mock.GetTotalCallCount()+mock2.GetTotalCallCount())
}

func TestEnvironmentDefaults(t *testing.T) {
	t.Setenv("TELNYX_API_KEY", "env-key")
	t.Setenv("TELNYX_BASE_URL", "https://env.example/v2/")
	mock := httpmock.NewMockTransport()
	var got *http.Request
	mock.RegisterResponder("GET", "https://env.example/v2/ping", func(r *http.Request) (*http.Response, error) {
		got = r
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	c, err := telnyx.NewClient(option.WithHTTPClient(&http.Client{Transport: mock}))
	require.NoError(t, err)
	require.NoError(t, get(c, "/ping"))
	assert.Equal(t, "Bearer env-key", got.Header.Get("Authorization"))
}

func TestQueryDeepObjects(t *testing.T) {
	t.Parallel()
	type contains struct {
		Contains string `url:"contains,omitempty"`
	}
	type created struct {
		GTE string `url:"gte,omitempty"`
		LTE string `url:"lte,omitempty"`
	}
	type filter struct {
		Name        *contains `url:"connection_name,omitempty"`
		CreatedAt   *created  `url:"created_at,omitempty"`
		ContentType []string  `url:"content_type,brackets,omitempty"`
	}
	type params struct {
		Filter *filter           `url:"filter,omitempty"`
		Page   telnyx.PageParams `url:"page,omitempty"`
	}
	c, mock := mockClient(t)
	seen := respond(mock, http.MethodGet, "/things", 200, `{"data":[]}`)
	_, err := telnyx.ListPage[map[string]any](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/things", Query: params{
		Filter: &filter{Name: &contains{"My Conn"}, CreatedAt: &created{GTE: "2024-01-01T00:00:00Z"}, ContentType: []string{"audio/mpeg", "audio/wav"}},
		Page:   telnyx.PageParams{Number: 2, Size: 250},
	}})
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"filter[connection_name][contains]": {"My Conn"},
		"filter[created_at][gte]":           {"2024-01-01T00:00:00Z"},
		"filter[content_type][]":            {"audio/mpeg", "audio/wav"},
		"page[number]":                      {"2"},
		"page[size]":                        {"250"},
	}, (*seen)[0].Query)

	_, err = telnyx.ListPage[map[string]any](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/things", Query: params{}})
	require.NoError(t, err)
	assert.Empty(t, (*seen)[1].Query, "unset params are left out")

	_, err = telnyx.ListPage[map[string]any](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/things", Query: params{Page: telnyx.PageParams{Size: 251}}})
	var verr *telnyx.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, "page[size]", verr.Field)
	assert.Len(t, *seen, 2)
}

func TestPathEscaping(t *testing.T) {
	t.Parallel()
	// The escaped name reaches exactly that path on a real server.
	var mu sync.Mutex
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.EscapedPath())
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL+"/v2"))
	require.NoError(t, err)
	names := map[string]string{
		"greeting#2.mp3":     "/v2/media/greeting%232.mp3",
		"50%.wav":            "/v2/media/50%25.wav",
		"a/../../recordings": "/v2/media/a%2F..%2F..%2Frecordings",
		"with space?x=1":     "/v2/media/with%20space%3Fx=1",
		"...":                "/v2/media/...",
		"a;b,c":              "/v2/media/a%3Bb%2Cc",
	}
	for name, want := range names {
		mu.Lock()
		paths = nil
		mu.Unlock()
		require.NoError(t, do(ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/media/{media_name}", PathParams: []string{name}}))
		assert.Equal(t, []string{want}, paths, name)
	}
	for _, bad := range []string{"", ".", ".."} {
		err := do(ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/media/{media_name}/download", PathParams: []string{bad}})
		var verr *telnyx.ValidationError
		require.ErrorAs(t, err, &verr, bad)
		assert.Equal(t, "media_name", verr.Field)
	}
	// Declared formats and sibling words are enforced by the engine.
	mu.Lock()
	paths = nil
	mu.Unlock()
	for _, tc := range []struct {
		path, field string
		args        []string
	}{
		{"/external_connections/{id}", "id", []string{"log_messages"}},
		{"/external_connections/{id}", "id", []string{"abc"}},
		{"/external_connections/{id}/uploads/{ticket_id}", "ticket_id", []string{"1", "status"}},
		{"/external_connections/{id}/releases/{release_id}", "release_id", []string{"1", "not-a-uuid"}},
		{"/recordings/{recording_id}", "recording_id", []string{"actions"}},
	} {
		err := do(ctx, c, telnyx.Request{Method: http.MethodGet, Path: tc.path, PathParams: tc.args})
		var verr *telnyx.ValidationError
		require.ErrorAs(t, err, &verr, tc.args)
		assert.Equal(t, tc.field, verr.Field)
	}
	// A wrong number of values is a programming error, refused too.
	require.Error(t, do(ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/a/{id}/b/{ticket_id}", PathParams: []string{"1"}}))
	mu.Lock()
	defer mu.Unlock()
	assert.Empty(t, paths, "refused values send nothing")
}

func TestRetriedStatuses(t *testing.T) {
	t.Parallel()
	for _, st := range []int{408, 429, 500, 502, 503, 504} {
		c, mock := mockClient(t)
		n := sequence(mock, "GET", "/x", nil, st, st, 200)
		require.NoError(t, get(c, "/x"), st)
		assert.EqualValues(t, 3, n.Load(), "status %d", st)
	}
	for _, st := range []int{400, 401, 403, 404, 409, 422, 501} {
		c, mock := mockClient(t)
		n := sequence(mock, "GET", "/x", nil, st)
		require.Error(t, get(c, "/x"))
		assert.EqualValues(t, 1, n.Load(), "status %d", st)
	}
}

func TestMaxRetries(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t, option.WithMaxRetries(4))
	n := sequence(mock, "GET", "/x", nil, 503)
	err := get(c, "/x")
	require.ErrorIs(t, err, telnyx.ErrServer)
	assert.EqualValues(t, 5, n.Load())
	n.Store(0)
	require.Error(t, get(c, "/x", option.WithMaxRetries(0)))
	assert.EqualValues(t, 1, n.Load())
}

func TestWritesAreNotDuplicated(t *testing.T) {
	t.Parallel()
	for _, method := range []string{"PUT", "DELETE"} {
		c, mock := mockClient(t)
		n := sequence(mock, method, "/x", nil, 500, 200)
		require.NoError(t, do(ctx, c, telnyx.Request{Method: method, Path: "/x", Body: map[string]int{"a": 1}}))
		assert.EqualValues(t, 2, n.Load(), method)
	}
	for _, method := range []string{"POST", "PATCH"} {
		c, mock := mockClient(t)
		n := sequence(mock, method, "/x", nil, 500, 200)
		err := do(ctx, c, telnyx.Request{Method: method, Path: "/x", Body: map[string]int{"a": 1}})
		require.ErrorIs(t, err, telnyx.ErrServer, method)
		assert.EqualValues(t, 1, n.Load(), "%s 500 must not be retried", method)

		n.Store(0)
		require.NoError(t, do(ctx, c, telnyx.Request{Method: method, Path: "/x"}, option.WithRetryWrites()))
		assert.EqualValues(t, 2, n.Load(), "%s retried when the caller opts in", method)

		c, mock = mockClient(t)
		n = sequence(mock, method, "/x", nil, 429, 200)
		require.NoError(t, do(ctx, c, telnyx.Request{Method: method, Path: "/x"}))
		assert.EqualValues(t, 2, n.Load(), "%s 429 is retried", method)
	}
}

func TestPostRetriedOnlyWhenNothingWasSent(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	var n atomic.Int32
	mock.RegisterResponder("POST", testutil.BaseURL+"/x", func(*http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
		}
		return httpmock.NewStringResponse(201, `{}`), nil
	})
	require.NoError(t, post(c, "/x", map[string]int{"a": 1}))
	assert.EqualValues(t, 2, n.Load())

	c, mock = mockClient(t)
	n.Store(0)
	mock.RegisterResponder("POST", testutil.BaseURL+"/x", func(*http.Request) (*http.Response, error) {
		n.Add(1)
		return nil, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	})
	err := post(c, "/x", map[string]int{"a": 1})
	var connErr *telnyx.ConnectionError
	require.ErrorAs(t, err, &connErr)
	require.ErrorIs(t, err, syscall.ECONNRESET)
	assert.EqualValues(t, 1, n.Load(), "a POST whose connection broke may have been processed")
}

func TestRetryAfterIsHonouredAndCapped(t *testing.T) { //nolint:paralleltest // asserts calls return within 400ms of a 500ms deadline; a busy scheduler would blur that
	c, mock := mockClient(t)
	n := sequence(mock, "GET", "/ms", http.Header{"Retry-After-Ms": {"120"}}, 429, 200)
	start := time.Now()
	require.NoError(t, get(c, "/ms"))
	assert.GreaterOrEqual(t, time.Since(start), 120*time.Millisecond)
	assert.EqualValues(t, 2, n.Load())

	sequence(mock, "GET", "/s", http.Header{"Retry-After": {"1"}}, 503, 200)
	start = time.Now()
	require.NoError(t, get(c, "/s"))
	assert.GreaterOrEqual(t, time.Since(start), time.Second)

	date := time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)
	sequence(mock, "GET", "/date", http.Header{"Retry-After": {date}}, 503, 200)
	start = time.Now()
	require.NoError(t, get(c, "/date"))
	assert.GreaterOrEqual(t, time.Since(start), 900*time.Millisecond)

	// Past the cap: the API error comes back at once.
	n = sequence(mock, "GET", "/hour", http.Header{"Retry-After": {"3600"}}, 429)
	start = time.Now()
	err := get(c, "/hour")
	assert.Less(t, time.Since(start), time.Second)
	var apiErr *telnyx.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, time.Hour, apiErr.RetryAfter)
	assert.ErrorIs(t, err, telnyx.ErrRateLimited)
	assert.EqualValues(t, 1, n.Load())

	// A lower cap set by option applies too.
	n = sequence(mock, "GET", "/five", http.Header{"Retry-After": {"5"}}, 429)
	require.ErrorIs(t, get(c, "/five", option.WithMaxRetryDelay(2*time.Second)), telnyx.ErrRateLimited)
	assert.EqualValues(t, 1, n.Load())

	// Past the context deadline: no sleeping into a timeout.
	n = sequence(mock, "GET", "/deadline", http.Header{"Retry-After": {"10"}}, 503)
	dctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	start = time.Now()
	err = do(dctx, c, telnyx.Request{Method: "GET", Path: "/deadline"})
	assert.Less(t, time.Since(start), 400*time.Millisecond)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.EqualValues(t, 1, n.Load())
}

func TestCancelDuringBackoff(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	sequence(mock, "GET", "/x", http.Header{"Retry-After": {"20"}}, 503)
	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	err := do(cctx, c, telnyx.Request{Method: "GET", Path: "/x"})
	assert.Less(t, time.Since(start), 5*time.Second)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, err, telnyx.ErrServer, "the API error is kept")
}

func TestAttemptTimeoutIsRetried(t *testing.T) { //nolint:paralleltest // the retried attempt must finish within a 150ms per-attempt timeout; a busy scheduler would blur that
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		_, _ = w.Write([]byte(`{"data":{"ok":true}}`))
	}))
	defer srv.Close()
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithRetryBackoff(time.Millisecond, time.Millisecond),
		option.WithRequestTimeout(150*time.Millisecond))
	require.NoError(t, err)
	got, err := telnyx.Call[map[string]bool](ctx, c, telnyx.Request{Method: "GET", Path: "/x"})
	require.NoError(t, err)
	assert.True(t, (*got)["ok"])
	assert.EqualValues(t, 2, n.Load())

	// When the whole call's context ends, nothing is retried.
	n.Store(0)
	dctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	err = do(dctx, c, telnyx.Request{Method: "GET", Path: "/x"}, option.WithRequestTimeout(0))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	var connErr *telnyx.ConnectionError
	require.ErrorAs(t, err, &connErr)
	assert.NotContains(t, err.Error(), srv.URL, "the error names the path, not the URL")
	assert.EqualValues(t, 1, n.Load())
}

func TestStreamedBodyKeepsItsTimeoutUntilClosed(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(bytes.Repeat([]byte("x"), 1<<16))
	}))
	defer srv.Close()
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithRequestTimeout(time.Second))
	require.NoError(t, err)
	resp, err := c.Stream(ctx, telnyx.Request{Method: "GET", Path: "/file", Accept: "*/*"})
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Len(t, b, 1<<16)
	require.NoError(t, resp.Body.Close())
}

type oneShot struct{ r io.Reader }

func (o *oneShot) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestMultipartBodies(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	var bodies [][]byte
	var n atomic.Int32
	mock.RegisterResponder("PUT", testutil.BaseURL+"/media/x", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, b)
		if n.Add(1) == 1 {
			return httpmock.NewStringResponse(503, ``), nil
		}
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	content := bytes.Repeat([]byte("xyz"), 1000)
	file := bytes.NewReader(content)
	mp := &telnyx.Multipart{Form: url.Values{"media_name": {"x"}}, FileField: "media", FileName: "x.mp3", ContentType: "audio/mpeg", File: file}
	require.NoError(t, do(ctx, c, telnyx.Request{Method: "PUT", Path: "/media/x", Body: mp}))
	require.Len(t, bodies, 2)
	assert.Contains(t, string(bodies[0]), string(content))
	assert.Equal(t, len(bodies[0]), len(bodies[1]), "the rewindable body is replayed byte for byte")
	// Boundaries differ between attempts; the parts do not.
	assert.Equal(t, strings.Count(string(bodies[0]), "xyz"), strings.Count(string(bodies[1]), "xyz"))

	n.Store(0)
	bodies = nil
	mp = &telnyx.Multipart{FileField: "media", FileName: "x.mp3", File: &oneShot{bytes.NewReader(content)}}
	err := do(ctx, c, telnyx.Request{Method: "PUT", Path: "/media/x", Body: mp})
	require.ErrorIs(t, err, telnyx.ErrServer)
	assert.EqualValues(t, 1, n.Load(), "a one-shot reader cannot be replayed")
}

func TestMultipartWriterNeverLeaks(t *testing.T) { //nolint:paralleltest // compares runtime.NumGoroutine before and after, which tests running beside it change
	c, mock := mockClient(t, option.WithMaxRetries(0))
	mock.RegisterResponder("POST", testutil.BaseURL+"/media", func(r *http.Request) (*http.Response, error) {
		return httpmock.NewStringResponse(413, `too large`), nil // answers without reading the body
	})
	before := runtime.NumGoroutine()
	for range 20 {
		mp := &telnyx.Multipart{FileField: "media", FileName: "big", File: io.LimitReader(zeroes{}, 10<<20)}
		require.Error(t, post(c, "/media", mp))
	}
	require.Eventually(t, func() bool { return runtime.NumGoroutine() <= before+1 }, 2*time.Second, 10*time.Millisecond)
}

type zeroes struct{}

func (zeroes) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestRetryBudget(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t, option.WithRetryBudget(10), option.WithMaxRetries(5))
	n := sequence(mock, "GET", "/down", nil, 503)
	require.Error(t, get(c, "/down"))
	assert.EqualValues(t, 3, n.Load(), "two retries spend the budget of 10")
	n.Store(0)
	require.Error(t, get(c, "/down"))
	assert.EqualValues(t, 1, n.Load(), "an empty budget means no retry")

	// Successes refill it.
	respond(mock, "GET", "/up", 200, `{}`)
	for range 5 {
		require.NoError(t, get(c, "/up"))
	}
	n.Store(0)
	require.Error(t, get(c, "/down"))
	assert.EqualValues(t, 2, n.Load())

	// Without a budget every failure is retried.
	c, mock = mockClient(t, option.WithRetryBudget(0), option.WithMaxRetries(1))
	n = sequence(mock, "GET", "/down", nil, 503)
	for range 10 {
		require.Error(t, get(c, "/down"))
	}
	assert.EqualValues(t, 20, n.Load())
}

func TestMiddlewareOrderAndShortCircuit(t *testing.T) {
	t.Parallel()
	var order []string
	mw := func(name string) option.Middleware {
		return func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			order = append(order, name+">")
			resp, err := next(r)
			order = append(order, "<"+name)
			return resp, err
		}
	}
	c, mock := mockClient(t, option.WithMiddleware(mw("a"), mw("b")))
	respond(mock, "GET", "/x", 200, `{}`)
	require.NoError(t, get(c, "/x", option.WithMiddleware(mw("c"))))
	assert.Equal(t, []string{"a>", "b>", "c>", "<c", "<b", "<a"}, order)

	order = nil
	require.NoError(t, get(c, "/x"))
	assert.Equal(t, []string{"a>", "b>", "<b", "<a"}, order, "call middleware does not stick")

	cached := func(r *http.Request, _ option.MiddlewareNext) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"data":{"v":7}}`))}, nil
	}
	before := mock.GetTotalCallCount()
	got, err := telnyx.Call[map[string]int](ctx, c, telnyx.Request{Method: "GET", Path: "/x"}, option.WithMiddleware(cached))
	require.NoError(t, err)
	assert.Equal(t, 7, (*got)["v"])
	assert.Equal(t, before, mock.GetTotalCallCount())
}

func TestLoggingShowsMetadataOnly(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mock := mockClient(t, option.WithLogger(logger))
	sequence(mock, "POST", "/custom_storage_credentials/1", http.Header{"X-Request-Id": {"req-42"}}, 429, 500)
	err := post(c, "/custom_storage_credentials/1", map[string]string{"aws_secret_access_key": "SECRET-VALUE"})
	require.Error(t, err)
	mock.RegisterResponder("GET", `=~^`+testutil.BaseURL+`/x`, func(*http.Request) (*http.Response, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	})
	q := url.Values{"filter[phone_number][eq]": {"+15555550100"}}
	connErr := do(ctx, c, telnyx.Request{Method: "GET", Path: "/x", Query: q}, option.WithMaxRetries(0))
	require.Error(t, connErr)
	assert.NotContains(t, connErr.Error(), "15555550100")

	out := buf.String()
	assert.NotContains(t, out, testutil.APIKey)
	assert.NotContains(t, out, "Bearer")
	assert.NotContains(t, out, "SECRET-VALUE")
	assert.NotContains(t, out, "15555550100")
	assert.NotContains(t, err.Error(), "SECRET-VALUE")

	var first map[string]any
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &first))
	assert.Equal(t, "POST", first["method"])
	assert.Equal(t, "/v2/custom_storage_credentials/1", first["path"])
	assert.EqualValues(t, 429, first["status"])
	assert.EqualValues(t, 1, first["attempt"])
	assert.Equal(t, "req-42", first["request_id"])
	assert.Contains(t, first, "duration")
	assert.Equal(t, 2, strings.Count(out, `"msg":"telnyx request","method":"POST","path":"/v2/custom_storage_credentials/1"`), "429 is retried once, 500 is not")
	assert.Regexp(t, `"msg":"telnyx retry","method":"POST","path":"/v2/custom_storage_credentials/1","attempt":1,"delay":\d+,"reason":"rate limited","budget_tokens":495}`, out)
	assert.Contains(t, out, `"msg":"telnyx no retry","method":"POST","path":"/v2/custom_storage_credentials/1","attempt":2,"reason":"write may have been applied"}`)
	assert.Contains(t, out, `"msg":"telnyx no retry","method":"GET","path":"/v2/x","attempt":1,"reason":"no retries left"}`)
}

func TestResponseIntoKeepsRawJSON(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	respond(mock, "GET", "/x", 200, `{"data":{"known":1,"future_field":"yes"}}`)
	var raw *http.Response
	got, err := telnyx.Call[struct {
		Known int `json:"known"`
	}](ctx, c, telnyx.Request{Method: "GET", Path: "/x"}, option.WithResponseInto(&raw))
	require.NoError(t, err)
	assert.Equal(t, 1, got.Known)
	require.NotNil(t, raw)
	b, err := io.ReadAll(raw.Body)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"future_field":"yes"`)
	assert.Equal(t, "req-1", raw.Header.Get("X-Request-Id"))
}

func TestDecodeFailureIsAnErrorNotAPanic(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	for path, body := range map[string]string{"/html": `<html>oops</html>`, "/trunc": `{"data":{"a":`, "/wrong": `{"data":[1,2]}`} {
		respond(mock, "GET", path, 200, body)
		_, err := telnyx.Call[struct{ A int }](ctx, c, telnyx.Request{Method: "GET", Path: path})
		var derr *telnyx.DecodeError
		require.ErrorAs(t, err, &derr, path)
		assert.Equal(t, "/v2"+path, derr.Path)
		assert.Equal(t, "req-1", derr.RequestID)
	}
	respond(mock, "GET", "/empty", 200, ``)
	_, err := telnyx.Call[struct{ A int }](ctx, c, telnyx.Request{Method: "GET", Path: "/empty"})
	require.NoError(t, err)
}

type checked struct {
	A int `url:"a" json:"a"`
}

func (c checked) Validate() error {
	if c.A < 0 {
		return &telnyx.ValidationError{Field: "a", Reason: "negative"}
	}
	return nil
}

func TestNilParamsAreSafe(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	seen := respond(mock, "POST", "/x", 200, `{"data":[]}`)
	var nilParams *checked
	require.NoError(t, do(ctx, c, telnyx.Request{Method: "POST", Path: "/x", Query: nilParams, Body: nilParams}))
	assert.Empty(t, (*seen)[0].Body)
	assert.Empty(t, (*seen)[0].Query)
	err := do(ctx, c, telnyx.Request{Method: "POST", Path: "/x", Body: checked{A: -1}})
	var verr *telnyx.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, "a", verr.Field)
	assert.Len(t, *seen, 1)
}

// TestRewindWaitsForThePreviousWriter: the server refuses before reading the
// body, so the first attempt's writer may still be copying the file when the
// retry rewinds it. Run with -race.
func TestRewindWaitsForThePreviousWriter(t *testing.T) {
	t.Parallel()
	content := bytes.Repeat([]byte("0123456789"), 800<<10)
	want := sha256.Sum256(content)
	var n atomic.Int32
	var mu sync.Mutex
	var got [][32]byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		mr, err := r.MultipartReader()
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		part, err := mr.NextPart()
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		h := sha256.New()
		_, _ = io.Copy(h, part)
		var sum [32]byte
		copy(sum[:], h.Sum(nil))
		mu.Lock()
		got = append(got, sum)
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithRetryBackoff(0, 0))
	require.NoError(t, err)
	mp := &telnyx.Multipart{FileField: "media", FileName: "f.bin", File: bytes.NewReader(content)}
	require.NoError(t, do(ctx, c, telnyx.Request{Method: http.MethodPost, Path: "/media", Body: mp}))
	require.Len(t, got, 1)
	assert.Equal(t, want, got[0], "the replayed file is byte for byte the original")
}

func TestFailedNextCanBeRetried(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t, option.WithMaxRetries(0))
	var calls atomic.Int32
	mock.RegisterResponder("GET", `=~^`+testutil.BaseURL+`/cursor`, func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("page[after]") == "" {
			return httpmock.NewStringResponse(200, `{"data":[{"id":1}],"meta":{"cursors":{"after":"c1"}}}`), nil
		}
		if calls.Add(1) == 1 {
			return httpmock.NewStringResponse(400, `{"errors":[{"code":"1","title":"Bad"}]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"data":[{"id":2}],"meta":{}}`), nil
	})
	page, err := telnyx.ListPage[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/cursor"})
	require.NoError(t, err)
	_, err = page.Next(ctx)
	require.ErrorIs(t, err, telnyx.ErrBadRequest)
	require.True(t, page.HasNext(), "a failed Next does not use up the cursor")
	next, err := page.Next(ctx)
	require.NoError(t, err)
	assert.Equal(t, []item{{2}}, next.Data)
}

func TestHugeRetryAfterMsIsPastTheCap(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	n := sequence(mock, "GET", "/x", http.Header{"Retry-After-Ms": {"1e20"}}, 429)
	start := time.Now()
	err := get(c, "/x")
	assert.Less(t, time.Since(start), time.Second)
	var apiErr *telnyx.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Positive(t, apiErr.RetryAfter)
	assert.EqualValues(t, 1, n.Load(), "a wait past the cap is not taken")
}

func TestResponseIntoIsRefusedOnTheClient(t *testing.T) {
	t.Parallel()
	var resp *http.Response
	_, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithResponseInto(&resp))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "single call")
	_, err = telnyx.NewClient(option.WithAPIKey("k"), option.WithRetryBudget(-1))
	require.Error(t, err)
}

// TestAttemptTimeoutWhileReadingIsRetried: the headers come at once, the
// body stalls past the per-attempt limit; the attempt is retried.
func TestAttemptTimeoutWhileReadingIsRetried(t *testing.T) { //nolint:paralleltest // the retried attempt must finish within a 150ms per-attempt timeout; a busy scheduler would blur that
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			_, _ = w.Write([]byte(`{"data":`))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		_, _ = w.Write([]byte(`{"data":{"ok":true}}`))
	}))
	defer srv.Close()
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL),
		option.WithRetryBackoff(0, 0), option.WithRequestTimeout(150*time.Millisecond))
	require.NoError(t, err)
	got, err := telnyx.Call[map[string]bool](context.Background(), c, telnyx.Request{Method: "GET", Path: "/x"})
	require.NoError(t, err)
	assert.True(t, (*got)["ok"])
	assert.EqualValues(t, 2, n.Load())
}
