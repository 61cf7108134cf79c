// Package testutil builds engine clients wired to httpmock for the unit
// tests of the resource packages.
package testutil

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// BaseURL is the API root the test clients use.
const BaseURL = "https://api.test/v2"

// APIKey is the key the test clients send.
const APIKey = "KEY-test-123"

// NewClient returns an engine client whose requests go to a fresh httpmock
// transport, with fast retries. Extra opts are applied last.
func NewClient(t testing.TB, opts ...option.RequestOption) (*core.Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	all := append([]option.RequestOption{
		option.WithAPIKey(APIKey),
		option.WithBaseURL(BaseURL),
		option.WithHTTPClient(&http.Client{Transport: mock}),
		option.WithRetryBackoff(time.Millisecond, 2*time.Millisecond),
	}, opts...)
	c, err := core.NewClient(all...)
	require.NoError(t, err)
	return c, mock
}

// Captured is what a responder saw of one request.
type Captured struct {
	Method string
	// Path is the escaped path as sent on the wire.
	Path   string
	Query  map[string][]string
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

// Respond registers a responder for method and the escaped path (relative to
// BaseURL, e.g. "/siprec_connectors/a%23b") that answers status with body
// and records each request in the returned slice pointer.
func Respond(mock *httpmock.MockTransport, method, path string, status int, body string) *[]Captured {
	var seen []Captured
	var mu sync.Mutex
	mock.RegisterResponder(method, "=~^"+regexp.QuoteMeta(BaseURL+path)+`(\?.*)?$`, func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, Captured{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: r.Header.Clone(), Body: b})
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		resp.Header.Set("X-Request-Id", "req-1")
		return resp, nil
	})
	return &seen
}

// RequireInvalid asserts that err is a *core.ValidationError about field.
func RequireInvalid(t testing.TB, err error, field string) {
	t.Helper()
	var verr *core.ValidationError
	require.True(t, errors.As(err, &verr), "want a validation error about %s, got %v", field, err)
	assert.Equal(t, field, verr.Field)
}
