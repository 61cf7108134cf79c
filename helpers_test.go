package telnyx_test

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// mockClient returns a client whose requests go to a fresh httpmock
// transport, with millisecond retries. Extra opts are applied last.
func mockClient(t testing.TB, opts ...option.RequestOption) (*telnyx.Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	all := append([]option.RequestOption{
		option.WithAPIKey(testutil.APIKey),
		option.WithBaseURL(testutil.BaseURL),
		option.WithHTTPClient(&http.Client{Transport: mock}),
		option.WithRetryBackoff(time.Millisecond, 2*time.Millisecond),
	}, opts...)
	c, err := telnyx.NewClient(all...)
	require.NoError(t, err)
	return c, mock
}

// respond registers a responder for method and the escaped path (relative
// to the base URL) that answers status with body and records each request.
func respond(mock *httpmock.MockTransport, method, path string, status int, body string) *[]testutil.Captured {
	var seen []testutil.Captured
	var mu sync.Mutex
	mock.RegisterResponder(method, "=~^"+regexp.QuoteMeta(testutil.BaseURL+path)+`(\?.*)?$`, func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, testutil.Captured{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: r.Header.Clone(), Body: b})
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		resp.Header.Set("X-Request-Id", "req-1")
		return resp, nil
	})
	return &seen
}

// do sends r through c and returns only the error.
func do(ctx context.Context, c *telnyx.Client, r telnyx.Request, opts ...option.RequestOption) error {
	_, err := c.Do(ctx, r, nil, opts...)
	return err
}
