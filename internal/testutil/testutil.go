// Package testutil is the test harness of the resource packages: a client
// wired to an in-memory transport that records every request, and a table
// runner that checks every method on the wire, against hostile path values
// and against API errors.
package testutil

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// BaseURL is the API root the test clients use.
const BaseURL = "https://api.test/v2"

// APIKey is the key the test clients send.
const APIKey = "KEY-test-123"

// Captured is what the transport saw of one request.
type Captured struct {
	Method string
	// Path is the escaped path as sent, base path included ("/v2/...").
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// JSON decodes the captured body into a generic value, for comparisons.
func (c Captured) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(c.Body, &m), "body: %s", c.Body)
	return m
}

// Recorder answers every request with the answer set last and records it.
type Recorder struct {
	mu      sync.Mutex
	seen    []Captured
	status  int
	body    string
	headers http.Header
}

// Answer sets the status and JSON body of every following answer.
func (r *Recorder) Answer(status int, body string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status, r.body = status, body
}

// AnswerHeader adds a header to every following answer.
func (r *Recorder) AnswerHeader(k, v string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.headers == nil {
		r.headers = http.Header{}
	}
	r.headers.Set(k, v)
}

// Requests returns the requests seen so far.
func (r *Recorder) Requests() []Captured {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Captured(nil), r.seen...)
}

// Last returns the only request seen, failing the test otherwise.
func (r *Recorder) Last(t testing.TB) Captured {
	t.Helper()
	seen := r.Requests()
	require.Len(t, seen, 1, "want exactly one request")
	return seen[0]
}

// Reset forgets the requests seen.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = nil
}

func (r *Recorder) respond(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, Captured{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.Query(), Header: req.Header.Clone(), Body: b})
	status, body := r.status, r.body
	if status == 0 {
		status, body = http.StatusOK, `{"data":{}}`
	}
	resp := httpmock.NewStringResponse(status, body)
	resp.Header.Set("Content-Type", "application/json")
	resp.Header.Set("X-Request-Id", "req-1")
	for k, v := range r.headers {
		resp.Header[k] = v
	}
	return resp, nil
}

// NewClient returns a client whose requests go to a recorder, with
// millisecond retries. Extra opts are applied last.
func NewClient(t testing.TB, opts ...option.RequestOption) (*telnyx.Client, *Recorder) {
	t.Helper()
	rec := &Recorder{}
	mock := httpmock.NewMockTransport()
	mock.RegisterNoResponder(rec.respond)
	all := append([]option.RequestOption{
		option.WithAPIKey(APIKey),
		option.WithBaseURL(BaseURL),
		option.WithHTTPClient(&http.Client{Transport: mock}),
		option.WithRetryBackoff(time.Millisecond, 2*time.Millisecond),
	}, opts...)
	c, err := telnyx.NewClient(all...)
	require.NoError(t, err)
	return c, rec
}

// RequireInvalid asserts that err is a *telnyx.ValidationError about field.
func RequireInvalid(t testing.TB, err error, field string) {
	t.Helper()
	var verr *telnyx.ValidationError
	require.True(t, errors.As(err, &verr), "want a validation error about %s, got %v", field, err)
	assert.Equal(t, field, verr.Field)
}

// Case describes one method of a service for Run.
type Case struct {
	// Name is the method, such as "Get" or "PhoneNumbers.Update".
	Name string
	// Method and Path are what the call must send; Path is escaped and
	// relative to the base URL, such as "/media/a%20b".
	Method string
	Path   string
	// Query is the query the call must send (nil: none).
	Query url.Values
	// Body is the JSON the call must send ("": no body). Multipart bodies
	// are checked by the package's own tests; set SkipBody.
	Body     string
	SkipBody bool
	// Status and Answer are the API's answer for the wire check.
	Status int
	Answer string
	// Call makes the call through c with valid arguments and returns its
	// result.
	Call func(ctx context.Context, c *telnyx.Client) (any, error)
	// Want, when not nil, is compared with the result of Call.
	Want any
	// Template is the spec's path template, such as "/media/{media_name}",
	// and Hostile calls the method with v as its path parameter number
	// HostileParam (the others valid). Nil Hostile: no path parameter.
	Template     string
	HostileParam int
	Hostile      func(ctx context.Context, c *telnyx.Client, v string) error
}

// HostileValues are path values that must either be refused before
// sending or land, escaped, in the one segment of their own parameter.
var HostileValues = []string{
	"", ".", "..", "/", "a/b", "../recordings", "..%2f..%2f", "%2e%2e", "a?b=c", "a#b", "a;b", "a,b",
	"log_messages", "status", "refresh", "actions", "download", "uploads", "LOG_MESSAGES",
	"a b", " ", "\x00", "a\r\nX-Injected: 1", "\t", "ü", "日本", "\u202e", "%", "%zz", "+1 555",
	"1293384261075731499", "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6", strings.Repeat("x", 2000),
	"9223372036854775808", "-1", "0x10", "7B6A6449-B055-45A6-81F6-F6F0DFFA4CC6", "{id}", "*",
}

// errorAnswer is an API error document with a numeric code.
const errorAnswer = `{"errors":[{"code":10005,"title":"Resource not found","detail":"not here","source":{"pointer":"/id"}}]}`

// Run checks every case: the wire (method, escaped path, query, body,
// auth and the decoded result), hostile path values, and an API error.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name+"/wire", func(t *testing.T) {
			t.Parallel()
			checkWire(t, tc)
		})
		t.Run(tc.Name+"/api_error", func(t *testing.T) {
			t.Parallel()
			checkAPIError(t, tc)
		})
		if tc.Hostile == nil {
			continue
		}
		t.Run(tc.Name+"/hostile_path", func(t *testing.T) {
			t.Parallel()
			checkHostile(t, tc)
		})
	}
}

// checkWire makes tc's call against tc's answer and checks what it sent
// and what it returned.
func checkWire(t *testing.T, tc Case) {
	c, rec := NewClient(t)
	rec.Answer(tc.Status, tc.Answer)
	got, err := tc.Call(t.Context(), c)
	require.NoError(t, err)
	req := rec.Last(t)
	assert.Equal(t, tc.Method, req.Method)
	assert.Equal(t, "/v2"+tc.Path, req.Path)
	if tc.Query == nil {
		assert.Empty(t, req.Query, "query")
	} else {
		assert.Equal(t, tc.Query, req.Query, "query")
	}
	assert.Equal(t, "Bearer "+APIKey, req.Header.Get("Authorization"))
	switch {
	case tc.SkipBody:
	case tc.Body == "":
		assert.Empty(t, req.Body, "body")
	default:
		assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
		assert.JSONEq(t, tc.Body, string(req.Body), "body")
	}
	if tc.Want != nil {
		assert.Equal(t, tc.Want, got)
	}
}

// checkAPIError answers tc's call with a 404 error document and checks
// the *telnyx.Error it returns, after one attempt.
func checkAPIError(t *testing.T, tc Case) {
	c, rec := NewClient(t)
	rec.Answer(http.StatusNotFound, errorAnswer)
	_, err := tc.Call(t.Context(), c)
	var apiErr *telnyx.Error
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, telnyx.ErrNotFound)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, tc.Method, apiErr.Method)
	assert.Equal(t, "req-1", apiErr.RequestID)
	require.Len(t, apiErr.Errors, 1)
	assert.Equal(t, telnyx.ErrorCode("10005"), apiErr.Errors[0].Code)
	assert.Len(t, rec.Requests(), 1, "a 404 is not retried")
}

// checkHostile calls tc.Hostile with every hostile value: each is refused
// before sending, or lands escaped in its own path segment.
func checkHostile(t *testing.T, tc Case) {
	c, rec := NewClient(t)
	rec.Answer(tc.Status, tc.Answer)
	for _, v := range HostileValues {
		rec.Reset()
		err := tc.Hostile(t.Context(), c, v)
		seen := rec.Requests()
		var verr *telnyx.ValidationError
		if errors.As(err, &verr) {
			assert.Empty(t, seen, "refused value %q must send nothing", v)
			continue
		}
		require.Len(t, seen, 1, "value %q", v)
		assertSegment(t, tc.Template, tc.HostileParam, seen[0].Path, v)
	}
}

// assertSegment checks that path has the shape of template and that the
// segment of placeholder number param unescapes to v.
func assertSegment(t *testing.T, template string, param int, path, v string) {
	t.Helper()
	want := strings.Split("/v2"+template, "/")
	got := strings.Split(path, "/")
	require.Len(t, got, len(want), "value %q: path %s has the wrong shape for %s", v, path, template)
	n := -1
	for i, w := range want {
		if !strings.HasPrefix(w, "{") {
			assert.Equal(t, w, got[i], "value %q: fixed segment %d of %s", v, i, path)
			continue
		}
		n++
		if n == param {
			seg, err := url.PathUnescape(got[i])
			require.NoError(t, err)
			assert.Equal(t, v, seg, "value %q must round-trip in its segment", v)
		}
	}
}
