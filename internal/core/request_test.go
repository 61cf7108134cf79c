package core_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

var ctx = context.Background()

func get(c *core.Client, path string, opts ...option.RequestOption) error {
	return c.Do(ctx, core.Request{Method: http.MethodGet, Path: path}, nil, opts)
}

func post(c *core.Client, path string, body any, opts ...option.RequestOption) error {
	return c.Do(ctx, core.Request{Method: http.MethodPost, Path: path, Body: body}, nil, opts)
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
	c, mock := testutil.NewClient(t, option.WithHeader("X-Extra", "1"))
	seen := testutil.Respond(mock, http.MethodPost, "/things", 200, `{}`)
	require.NoError(t, post(c, "/things", map[string]int{"a": 1}, option.WithHeader("X-Call", "2")))
	h := (*seen)[0].Header
	assert.Equal(t, "Bearer "+testutil.APIKey, h.Get("Authorization"))
	assert.Equal(t, "application/json", h.Get("Accept"))
	assert.Equal(t, "application/json", h.Get("Content-Type"))
	assert.Equal(t, "1", h.Get("X-Extra"))
	assert.Equal(t, "2", h.Get("X-Call"))
	assert.Regexp(t, `^telnyx-go/`+core.Version+` \(go[^;]+; [a-z0-9]+/[a-z0-9]+\)$`, h.Get("User-Agent"))

	// A call option does not leak into the client.
	require.NoError(t, post(c, "/things", nil))
	assert.Empty(t, (*seen)[1].Header.Get("X-Call"))
	assert.Empty(t, (*seen)[1].Body)
}

func TestCallOptionsOverrideClientOptions(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/things", 200, `{}`)
	other := httpmock.NewMockTransport()
	otherSeen := testutil.Respond(other, http.MethodGet, "/things", 200, `{}`)
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
	_, err := core.NewClient(hc)
	require.ErrorIs(t, err, core.ErrMissingAPIKey)

	for _, bad := range []string{"://nope", "api.telnyx.com/v2", "ftp://api.telnyx.com", "http://api.telnyx.com/v2", "http://10.0.0.8/v2", "https://api.telnyx.com/v2?x=1"} {
		_, err := core.NewClient(hc, option.WithAPIKey("k"), option.WithBaseURL(bad))
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "base URL", bad)
	}
	for _, ok := range []string{"http://127.0.0.1:4010/v2", "http://localhost:8080/v2", "http://[::1]:9/v2", "https://api.telnyx.com/v2"} {
		_, err := core.NewClient(hc, option.WithAPIKey("k"), option.WithBaseURL(ok))
		require.NoError(t, err, ok)
	}
	_, err = core.NewClient(hc, option.WithAPIKey("k"), option.WithBaseURL("http://api.internal/v2"), option.WithInsecureHTTP())
	require.NoError(t, err)

	// A bad per-call option fails the call without sending.
	c, mock2 := testutil.NewClient(t)
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
	c, err := core.NewClient(option.WithHTTPClient(&http.Client{Transport: mock}))
	require.NoError(t, err)
	require.NoError(t, get(c, "/ping"))
	assert.Equal(t, "Bearer env-key", got.Header.Get("Authorization"))
}

func TestQueryDeepObjects(t *testing.T) {
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
		Filter *filter         `url:"filter,omitempty"`
		Page   core.PageParams `url:"page,omitempty"`
	}
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/things", 200, `{"data":[]}`)
	_, err := core.List[map[string]any](ctx, c, "/things", params{
		Filter: &filter{Name: &contains{"My Conn"}, CreatedAt: &created{GTE: "2024-01-01T00:00:00Z"}, ContentType: []string{"audio/mpeg", "audio/wav"}},
		Page:   core.PageParams{Number: 2, Size: 250},
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{
		"filter[connection_name][contains]": {"My Conn"},
		"filter[created_at][gte]":           {"2024-01-01T00:00:00Z"},
		"filter[content_type][]":            {"audio/mpeg", "audio/wav"},
		"page[number]":                      {"2"},
		"page[size]":                        {"250"},
	}, (*seen)[0].Query)

	_, err = core.List[map[string]any](ctx, c, "/things", params{}, nil)
	require.NoError(t, err)
	assert.Empty(t, (*seen)[1].Query, "unset params are left out")

	_, err = core.List[map[string]any](ctx, c, "/things", params{Page: core.PageParams{Size: 251}}, nil)
	var verr *core.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, "page[size]", verr.Field)
	assert.Len(t, *seen, 2)
}

func TestPathEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"greeting#2.mp3":     "/media/greeting%232.mp3",
		"50%.wav":            "/media/50%25.wav",
		"a/../../recordings": "/media/a%2F..%2F..%2Frecordings",
		"with space?x=1":     "/media/with%20space%3Fx=1",
		"...":                "/media/...",
	} {
		got, err := core.Path("/media/{media_name}", in)
		require.NoError(t, err)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", ".", ".."} {
		_, err := core.Path("/media/{media_name}/download", bad)
		var verr *core.ValidationError
		require.ErrorAs(t, err, &verr, bad)
		assert.Equal(t, "media_name", verr.Field)
	}
	got, err := core.Path("/a/{id}/b/{ticket_id}/retry", "1", "x y")
	require.NoError(t, err)
	assert.Equal(t, "/a/1/b/x%20y/retry", got)
	_, err = core.Path("/a/{id}/b/{ticket_id}", "1")
	require.Error(t, err)

	// The escaped name reaches exactly that path on a real server.
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.EscapedPath())
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL+"/v2"))
	require.NoError(t, err)
	for _, name := range []string{"greeting#2.mp3", "50%.wav", "a/../../recordings"} {
		p, err := core.Path("/media/{media_name}", name)
		require.NoError(t, err)
		require.NoError(t, get(c, p))
	}
	assert.Equal(t, []string{"/v2/media/greeting%232.mp3", "/v2/media/50%25.wav", "/v2/media/a%2F..%2F..%2Frecordings"}, paths)
}

func TestRetriedStatuses(t *testing.T) {
	for _, st := range []int{408, 429, 500, 502, 503, 504} {
		c, mock := testutil.NewClient(t)
		n := sequence(mock, "GET", "/x", nil, st, st, 200)
		require.NoError(t, get(c, "/x"), st)
		assert.EqualValues(t, 3, n.Load(), "status %d", st)
	}
	for _, st := range []int{400, 401, 403, 404, 409, 422, 501} {
		c, mock := testutil.NewClient(t)
		n := sequence(mock, "GET", "/x", nil, st)
		require.Error(t, get(c, "/x"))
		assert.EqualValues(t, 1, n.Load(), "status %d", st)
	}
}

func TestMaxRetries(t *testing.T) {
	c, mock := testutil.NewClient(t, option.WithMaxRetries(4))
	n := sequence(mock, "GET", "/x", nil, 503)
	err := get(c, "/x")
	require.ErrorIs(t, err, core.ErrServer)
	assert.EqualValues(t, 5, n.Load())
	n.Store(0)
	require.Error(t, get(c, "/x", option.WithMaxRetries(0)))
	assert.EqualValues(t, 1, n.Load())
}

func TestWritesAreNotDuplicated(t *testing.T) {
	for _, method := range []string{"PUT", "DELETE"} {
		c, mock := testutil.NewClient(t)
		n := sequence(mock, method, "/x", nil, 500, 200)
		require.NoError(t, c.Do(ctx, core.Request{Method: method, Path: "/x", Body: map[string]int{"a": 1}}, nil, nil))
		assert.EqualValues(t, 2, n.Load(), method)
	}
	for _, method := range []string{"POST", "PATCH"} {
		c, mock := testutil.NewClient(t)
		n := sequence(mock, method, "/x", nil, 500, 200)
		err := c.Do(ctx, core.Request{Method: method, Path: "/x", Body: map[string]int{"a": 1}}, nil, nil)
		require.ErrorIs(t, err, core.ErrServer, method)
		assert.EqualValues(t, 1, n.Load(), "%s 500 must not be retried", method)

		n.Store(0)
		require.NoError(t, c.Do(ctx, core.Request{Method: method, Path: "/x"}, nil, []option.RequestOption{option.WithRetryWrites()}))
		assert.EqualValues(t, 2, n.Load(), "%s retried when the caller opts in", method)

		c, mock = testutil.NewClient(t)
		n = sequence(mock, method, "/x", nil, 429, 200)
		require.NoError(t, c.Do(ctx, core.Request{Method: method, Path: "/x"}, nil, nil))
		assert.EqualValues(t, 2, n.Load(), "%s 429 is retried", method)
	}
}

func TestPostRetriedOnlyWhenNothingWasSent(t *testing.T) {
	c, mock := testutil.NewClient(t)
	var n atomic.Int32
	mock.RegisterResponder("POST", testutil.BaseURL+"/x", func(*http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
		}
		return httpmock.NewStringResponse(201, `{}`), nil
	})
	require.NoError(t, post(c, "/x", map[string]int{"a": 1}))
	assert.EqualValues(t, 2, n.Load())

	c, mock = testutil.NewClient(t)
	n.Store(0)
	mock.RegisterResponder("POST", testutil.BaseURL+"/x", func(*http.Request) (*http.Response, error) {
		n.Add(1)
		return nil, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	})
	err := post(c, "/x", map[string]int{"a": 1})
	var connErr *core.ConnectionError
	require.ErrorAs(t, err, &connErr)
	require.ErrorIs(t, err, syscall.ECONNRESET)
	assert.EqualValues(t, 1, n.Load(), "a POST whose connection broke may have been processed")
}

func TestRetryAfterIsHonouredAndCapped(t *testing.T) {
	c, mock := testutil.NewClient(t)
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
	var apiErr *core.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, time.Hour, apiErr.RetryAfter)
	assert.ErrorIs(t, err, core.ErrRateLimited)
	assert.EqualValues(t, 1, n.Load())

	// A lower cap set by option applies too.
	n = sequence(mock, "GET", "/five", http.Header{"Retry-After": {"5"}}, 429)
	require.ErrorIs(t, get(c, "/five", option.WithMaxRetryDelay(2*time.Second)), core.ErrRateLimited)
	assert.EqualValues(t, 1, n.Load())

	// Past the context deadline: no sleeping into a timeout.
	n = sequence(mock, "GET", "/deadline", http.Header{"Retry-After": {"10"}}, 503)
	dctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	start = time.Now()
	err = c.Do(dctx, core.Request{Method: "GET", Path: "/deadline"}, nil, nil)
	assert.Less(t, time.Since(start), 400*time.Millisecond)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.EqualValues(t, 1, n.Load())
}

func TestCancelDuringBackoff(t *testing.T) {
	c, mock := testutil.NewClient(t)
	sequence(mock, "GET", "/x", http.Header{"Retry-After": {"20"}}, 503)
	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	err := c.Do(cctx, core.Request{Method: "GET", Path: "/x"}, nil, nil)
	assert.Less(t, time.Since(start), 5*time.Second)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, err, core.ErrServer, "the API error is kept")
}

func TestAttemptTimeoutIsRetried(t *testing.T) {
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
	c, err := core.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithRetryBackoff(time.Millisecond, time.Millisecond),
		option.WithRequestTimeout(150*time.Millisecond))
	require.NoError(t, err)
	got, err := core.Data[map[string]bool](ctx, c, core.Request{Method: "GET", Path: "/x"}, nil)
	require.NoError(t, err)
	assert.True(t, (*got)["ok"])
	assert.EqualValues(t, 2, n.Load())

	// When the whole call's context ends, nothing is retried.
	n.Store(0)
	dctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	err = c.Do(dctx, core.Request{Method: "GET", Path: "/x"}, nil, []option.RequestOption{option.WithRequestTimeout(0)})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	var connErr *core.ConnectionError
	require.ErrorAs(t, err, &connErr)
	assert.NotContains(t, err.Error(), srv.URL, "the error names the path, not the URL")
	assert.EqualValues(t, 1, n.Load())
}

func TestStreamedBodyKeepsItsTimeoutUntilClosed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(bytes.Repeat([]byte("x"), 1<<16))
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithRequestTimeout(time.Second))
	require.NoError(t, err)
	resp, err := c.Stream(ctx, core.Request{Method: "GET", Path: "/file", Accept: "*/*"}, nil)
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Len(t, b, 1<<16)
	require.NoError(t, resp.Body.Close())
}

type oneShot struct{ r io.Reader }

func (o *oneShot) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestMultipartBodies(t *testing.T) {
	c, mock := testutil.NewClient(t)
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
	mp := &core.Multipart{Fields: []core.Field{{Name: "media_name", Value: "x"}}, FileField: "media", FileName: "x.mp3", ContentType: "audio/mpeg", File: file}
	require.NoError(t, c.Do(ctx, core.Request{Method: "PUT", Path: "/media/x", Body: mp}, nil, nil))
	require.Len(t, bodies, 2)
	assert.Contains(t, string(bodies[0]), string(content))
	assert.Equal(t, len(bodies[0]), len(bodies[1]), "the rewindable body is replayed byte for byte")
	// Boundaries differ between attempts; the parts do not.
	assert.Equal(t, strings.Count(string(bodies[0]), "xyz"), strings.Count(string(bodies[1]), "xyz"))

	n.Store(0)
	bodies = nil
	mp = &core.Multipart{FileField: "media", FileName: "x.mp3", File: &oneShot{bytes.NewReader(content)}}
	err := c.Do(ctx, core.Request{Method: "PUT", Path: "/media/x", Body: mp}, nil, nil)
	require.ErrorIs(t, err, core.ErrServer)
	assert.EqualValues(t, 1, n.Load(), "a one-shot reader cannot be replayed")
}

func TestMultipartWriterNeverLeaks(t *testing.T) {
	c, mock := testutil.NewClient(t, option.WithMaxRetries(0))
	mock.RegisterResponder("POST", testutil.BaseURL+"/media", func(r *http.Request) (*http.Response, error) {
		return httpmock.NewStringResponse(413, `too large`), nil // answers without reading the body
	})
	before := runtime.NumGoroutine()
	for range 20 {
		mp := &core.Multipart{FileField: "media", FileName: "big", File: io.LimitReader(zeroes{}, 10<<20)}
		require.Error(t, post(c, "/media", mp))
	}
	require.Eventually(t, func() bool { return runtime.NumGoroutine() <= before+1 }, 2*time.Second, 10*time.Millisecond)
}

type zeroes struct{}

func (zeroes) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestRetryBudget(t *testing.T) {
	c, mock := testutil.NewClient(t, option.WithRetryBudget(10), option.WithMaxRetries(5))
	n := sequence(mock, "GET", "/down", nil, 503)
	require.Error(t, get(c, "/down"))
	assert.EqualValues(t, 3, n.Load(), "two retries spend the budget of 10")
	n.Store(0)
	require.Error(t, get(c, "/down"))
	assert.EqualValues(t, 1, n.Load(), "an empty budget means no retry")

	// Successes refill it.
	testutil.Respond(mock, "GET", "/up", 200, `{}`)
	for range 5 {
		require.NoError(t, get(c, "/up"))
	}
	n.Store(0)
	require.Error(t, get(c, "/down"))
	assert.EqualValues(t, 2, n.Load())

	// Without a budget every failure is retried.
	c, mock = testutil.NewClient(t, option.WithRetryBudget(0), option.WithMaxRetries(1))
	n = sequence(mock, "GET", "/down", nil, 503)
	for range 10 {
		require.Error(t, get(c, "/down"))
	}
	assert.EqualValues(t, 20, n.Load())
}

func TestMiddlewareOrderAndShortCircuit(t *testing.T) {
	var order []string
	mw := func(name string) option.Middleware {
		return func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			order = append(order, name+">")
			resp, err := next(r)
			order = append(order, "<"+name)
			return resp, err
		}
	}
	c, mock := testutil.NewClient(t, option.WithMiddleware(mw("a"), mw("b")))
	testutil.Respond(mock, "GET", "/x", 200, `{}`)
	require.NoError(t, get(c, "/x", option.WithMiddleware(mw("c"))))
	assert.Equal(t, []string{"a>", "b>", "c>", "<c", "<b", "<a"}, order)

	order = nil
	require.NoError(t, get(c, "/x"))
	assert.Equal(t, []string{"a>", "b>", "<b", "<a"}, order, "call middleware does not stick")

	cached := func(r *http.Request, _ option.MiddlewareNext) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"data":{"v":7}}`))}, nil
	}
	before := mock.GetTotalCallCount()
	got, err := core.Data[map[string]int](ctx, c, core.Request{Method: "GET", Path: "/x"}, []option.RequestOption{option.WithMiddleware(cached)})
	require.NoError(t, err)
	assert.Equal(t, 7, (*got)["v"])
	assert.Equal(t, before, mock.GetTotalCallCount())
}

func TestLoggingShowsMetadataOnly(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mock := testutil.NewClient(t, option.WithLogger(logger))
	sequence(mock, "POST", "/custom_storage_credentials/1", http.Header{"X-Request-Id": {"req-42"}}, 429, 500)
	err := post(c, "/custom_storage_credentials/1", map[string]string{"aws_secret_access_key": "SECRET-VALUE"})
	require.Error(t, err)
	mock.RegisterResponder("GET", `=~^`+testutil.BaseURL+`/x`, func(*http.Request) (*http.Response, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	})
	q := url.Values{"filter[phone_number][eq]": {"+15555550100"}}
	connErr := c.Do(ctx, core.Request{Method: "GET", Path: "/x", Query: q}, nil, []option.RequestOption{option.WithMaxRetries(0)})
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
	assert.Equal(t, 2, strings.Count(out, `"path":"/v2/custom_storage_credentials/1"`), "429 is retried once, 500 is not")
}

func TestResponseIntoKeepsRawJSON(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, "GET", "/x", 200, `{"data":{"known":1,"future_field":"yes"}}`)
	var raw *http.Response
	got, err := core.Data[struct {
		Known int `json:"known"`
	}](ctx, c, core.Request{Method: "GET", Path: "/x"}, []option.RequestOption{option.WithResponseInto(&raw)})
	require.NoError(t, err)
	assert.Equal(t, 1, got.Known)
	require.NotNil(t, raw)
	b, err := io.ReadAll(raw.Body)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"future_field":"yes"`)
	assert.Equal(t, "req-1", raw.Header.Get("X-Request-Id"))
}

func TestDecodeFailureIsAnErrorNotAPanic(t *testing.T) {
	c, mock := testutil.NewClient(t)
	for path, body := range map[string]string{"/html": `<html>oops</html>`, "/trunc": `{"data":{"a":`, "/wrong": `{"data":[1,2]}`} {
		testutil.Respond(mock, "GET", path, 200, body)
		_, err := core.Data[struct{ A int }](ctx, c, core.Request{Method: "GET", Path: path}, nil)
		require.Error(t, err, path)
		assert.Contains(t, err.Error(), "decoding")
	}
	testutil.Respond(mock, "GET", "/empty", 200, ``)
	_, err := core.Data[struct{ A int }](ctx, c, core.Request{Method: "GET", Path: "/empty"}, nil)
	require.NoError(t, err)
}

type checked struct {
	A int `url:"a" json:"a"`
}

func (c checked) Validate() error {
	if c.A < 0 {
		return core.Invalid("a", "negative")
	}
	return nil
}

func TestNilParamsAreSafe(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, "POST", "/x", 200, `{"data":[]}`)
	var nilParams *checked
	require.NoError(t, c.Do(ctx, core.Request{Method: "POST", Path: "/x", Query: nilParams, Body: nilParams}, nil, nil))
	assert.Empty(t, (*seen)[0].Body)
	assert.Empty(t, (*seen)[0].Query)
	err := c.Do(ctx, core.Request{Method: "POST", Path: "/x", Body: checked{A: -1}}, nil, nil)
	var verr *core.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, "a", verr.Field)
	assert.Len(t, *seen, 1)
}
