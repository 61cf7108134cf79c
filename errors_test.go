package telnyx_test

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

func apiError(t *testing.T, status int, body string, header http.Header) *telnyx.Error {
	t.Helper()
	c, mock := mockClient(t, option.WithMaxRetries(0))
	mock.RegisterResponder("POST", testutil.BaseURL+"/external_connections", func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, body)
		for k, v := range header {
			resp.Header[k] = v
		}
		return resp, nil
	})
	err := post(c, "/external_connections", map[string]string{"x": "y"})
	var apiErr *telnyx.Error
	require.ErrorAs(t, err, &apiErr)
	return apiErr
}

func TestErrorWithStringCode(t *testing.T) {
	t.Parallel()
	e := apiError(t, 422, `{"errors":[{"code":"10015","title":"Invalid parameter","detail":"outbound is required","source":{"pointer":"/outbound"},"meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10015"}}]}`,
		http.Header{"X-Request-Id": {"abc-123"}})
	assert.Equal(t, "POST /v2/external_connections: 422 Unprocessable Entity: 10015 Invalid parameter: outbound is required (source /outbound) [request id abc-123]", e.Error())
	assert.Equal(t, 422, e.StatusCode)
	assert.Equal(t, "POST", e.Method)
	assert.Equal(t, "/v2/external_connections", e.Path)
	assert.Equal(t, "abc-123", e.RequestID)
	require.Len(t, e.Errors, 1)
	assert.Equal(t, telnyx.ErrorCode("10015"), e.Errors[0].Code)
	assert.Equal(t, "/outbound", e.Errors[0].Source.Pointer)
	assert.Equal(t, "https://developers.telnyx.com/docs/overview/errors/10015", e.Errors[0].Meta["url"])
}

func TestErrorWithNumericCodeAndSeveralEntries(t *testing.T) {
	t.Parallel()
	e := apiError(t, 422, `{"errors":[{"code":10015,"title":"Invalid parameter","source":{"parameter":"port"}},{"code":null,"title":"Second"}]}`, nil)
	assert.Equal(t, telnyx.ErrorCode("10015"), e.Errors[0].Code)
	assert.Equal(t, telnyx.ErrorCode(""), e.Errors[1].Code)
	assert.Equal(t, "POST /v2/external_connections: 422 Unprocessable Entity: 10015 Invalid parameter (parameter port);: Second", e.Error())
}

func TestErrorWithHTMLBody(t *testing.T) {
	t.Parallel()
	e := apiError(t, 502, "<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1></body></html>", nil)
	assert.Empty(t, e.Errors)
	assert.Equal(t, "POST /v2/external_connections: 502 Bad Gateway: 502 Bad Gateway Bad Gateway", e.Error())
	assert.ErrorIs(t, e, telnyx.ErrServer)
}

func TestErrorBodyIsCapped(t *testing.T) {
	t.Parallel()
	huge := `{"errors":[{"code":"1","title":"` + strings.Repeat("x", 3<<20) + `"}]}`
	e := apiError(t, 400, huge, nil)
	assert.Empty(t, e.Errors, "a truncated document does not parse")
	assert.LessOrEqual(t, len(e.Body), 210)
	assert.Less(t, len(e.Error()), 400)
}

func TestErrorClasses(t *testing.T) {
	t.Parallel()
	sentinels := map[int]error{400: telnyx.ErrBadRequest, 401: telnyx.ErrUnauthorized, 403: telnyx.ErrForbidden, 404: telnyx.ErrNotFound,
		409: telnyx.ErrConflict, 422: telnyx.ErrUnprocessable, 429: telnyx.ErrRateLimited, 500: telnyx.ErrServer, 503: telnyx.ErrServer}
	for status, want := range sentinels {
		e := &telnyx.Error{StatusCode: status}
		for _, other := range sentinels {
			assert.Equal(t, errors.Is(other, want), errors.Is(e, other), "status %d vs %v", status, other)
		}
	}
	assert.False(t, errors.Is(&telnyx.Error{StatusCode: 418}, telnyx.ErrBadRequest))
}

func TestConnectionErrorKeepsItsCause(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t, option.WithMaxRetries(0))
	opErr := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	mock.RegisterResponder("GET", testutil.BaseURL+"/x", httpmock.NewErrorResponder(opErr))
	err := get(c, "/x")
	var connErr *telnyx.ConnectionError
	require.ErrorAs(t, err, &connErr)
	assert.Equal(t, "GET", connErr.Method)
	assert.Equal(t, "/v2/x", connErr.Path)
	var gotOp *net.OpError
	require.ErrorAs(t, err, &gotOp)
	assert.ErrorIs(t, err, syscall.ECONNREFUSED)
	assert.NotContains(t, err.Error(), testutil.BaseURL)
}

func TestDNSNotFoundIsNotRetried(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	var n int
	mock.RegisterResponder("GET", testutil.BaseURL+"/x", func(*http.Request) (*http.Response, error) {
		n++
		return nil, &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "api.test", IsNotFound: true}}
	})
	require.Error(t, get(c, "/x"))
	assert.Equal(t, 1, n)
}
