package telnyx_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"
	"syscall"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// TestErrorsCountAttempts: an API error and a connection error say how many
// attempts the call made and how long it took, and their text stays one line.
func TestErrorsCountAttempts(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	sequence(mock, http.MethodGet, "/three", nil, 503, 503, 503)
	sequence(mock, http.MethodGet, "/once", nil, 404)
	sequence(mock, http.MethodPost, "/write", nil, 500)
	mock.RegisterResponder(http.MethodGet, testutil.BaseURL+"/down", func(*http.Request) (*http.Response, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	})
	for _, tc := range []struct {
		method, path string
		opts         []option.RequestOption
		attempts     int
		text         string
	}{
		{http.MethodGet, "/three", nil, 3, "GET /v2/three: 503 Service Unavailable: 10001 Failure: try later (3 attempts)"},
		{http.MethodGet, "/three", []option.RequestOption{option.WithMaxRetries(1)}, 2, "GET /v2/three: 503 Service Unavailable: 10001 Failure: try later (2 attempts)"},
		{http.MethodGet, "/once", nil, 1, "GET /v2/once: 404 Not Found: 10001 Failure: try later"},
		{http.MethodPost, "/write", nil, 1, "POST /v2/write: 500 Internal Server Error: 10001 Failure: try later"},
		{http.MethodGet, "/down", nil, 3, "GET /v2/down: dial tcp: connection refused (3 attempts)"},
	} {
		before := mock.GetTotalCallCount()
		err := do(t.Context(), c, telnyx.Request{Method: tc.method, Path: tc.path}, tc.opts...)
		require.Error(t, err)
		assert.Equal(t, tc.attempts, mock.GetTotalCallCount()-before, "%s %s on the wire", tc.method, tc.path)
		var apiErr *telnyx.Error
		var connErr *telnyx.ConnectionError
		switch {
		case errors.As(err, &apiErr):
			assert.Equal(t, tc.attempts, apiErr.Attempts, "%s %s", tc.method, tc.path)
			assert.Positive(t, apiErr.Elapsed)
		case errors.As(err, &connErr):
			assert.Equal(t, tc.attempts, connErr.Attempts, "%s %s", tc.method, tc.path)
			assert.Positive(t, connErr.Elapsed)
		default:
			t.Fatalf("%s %s: %T %v", tc.method, tc.path, err, err)
		}
		assert.Equal(t, tc.text, err.Error(), "one line, attempts noted when more than one")
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := do(ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/three"})
	var connErr *telnyx.ConnectionError
	require.ErrorAs(t, err, &connErr)
	assert.Zero(t, connErr.Attempts, "a call whose context had ended sends nothing")
}

// TestRetryHooksStayBehindTheWriteGuard: extra statuses and error tests
// retry reads, never a write the API may have acted on unless the call opts
// in with WithRetryWrites, and never a call whose context ended.
func TestRetryHooksStayBehindTheWriteGuard(t *testing.T) {
	t.Parallel()
	reset := errors.New("custom reset")
	broken := func(*http.Request) (*http.Response, error) { return nil, reset }
	custom := option.WithRetryOnError(func(err error) bool { return errors.Is(err, reset) })
	for _, tc := range []struct {
		name     string
		method   string
		status   int // 0: the transport fails with reset
		opts     []option.RequestOption
		attempts int
	}{
		{"409 on GET, no hook", http.MethodGet, 409, nil, 1},
		{"409 on GET, hook", http.MethodGet, 409, []option.RequestOption{option.WithRetryOnStatus(409)}, 3},
		{"409 on PUT, hook", http.MethodPut, 409, []option.RequestOption{option.WithRetryOnStatus(409)}, 3},
		{"409 on POST, hook", http.MethodPost, 409, []option.RequestOption{option.WithRetryOnStatus(409)}, 1},
		{"409 on PATCH, hook", http.MethodPatch, 409, []option.RequestOption{option.WithRetryOnStatus(409)}, 1},
		{"409 on POST, hook and RetryWrites", http.MethodPost, 409, []option.RequestOption{option.WithRetryOnStatus(409), option.WithRetryWrites()}, 3},
		{"404 on GET, hook for 409", http.MethodGet, 404, []option.RequestOption{option.WithRetryOnStatus(409)}, 1},
		{"custom error on GET, no hook", http.MethodGet, 0, nil, 3}, // an unknown transport error is already retried
		{"custom error on POST, hook", http.MethodPost, 0, []option.RequestOption{custom}, 1},
		{"custom error on POST, hook and RetryWrites", http.MethodPost, 0, []option.RequestOption{custom, option.WithRetryWrites()}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mock := mockClient(t)
			if tc.status == 0 {
				mock.RegisterResponder(tc.method, testutil.BaseURL+"/x", broken)
			} else {
				sequence(mock, tc.method, "/x", nil, tc.status)
			}
			err := do(t.Context(), c, telnyx.Request{Method: tc.method, Path: "/x", Body: map[string]int{"a": 1}}, tc.opts...)
			require.Error(t, err)
			assert.Equal(t, tc.attempts, mock.GetTotalCallCount())
		})
	}
	t.Run("a hook cannot retry an error the rule refuses after a cancel", func(t *testing.T) {
		t.Parallel()
		c, mock := mockClient(t, option.WithRetryOnError(func(error) bool { return true }))
		mock.RegisterResponder(http.MethodGet, testutil.BaseURL+"/x", func(*http.Request) (*http.Response, error) {
			return nil, context.Canceled
		})
		require.Error(t, do(t.Context(), c, telnyx.Request{Method: http.MethodGet, Path: "/x"}))
		assert.Equal(t, 1, mock.GetTotalCallCount())
	})
	t.Run("bad hooks are refused", func(t *testing.T) {
		t.Parallel()
		_, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithRetryOnStatus(200))
		require.ErrorContains(t, err, "200 is not an error status")
		_, err = telnyx.NewClient(option.WithAPIKey("k"), option.WithRetryOnError(nil))
		require.ErrorContains(t, err, "nil test")
	})
}

// TestDerivedClientSharesPoolAndBudget: With gives a client its own
// defaults on the parent's doer and retry budget, and leaves the parent as
// it was; services take default options the same way.
func TestDerivedClientSharesPoolAndBudget(t *testing.T) {
	t.Parallel()
	parent, mock := mockClient(t, option.WithRetryBudget(10), option.WithHeader("X-Tenant", "root"))
	var mu sync.Mutex
	var tenants []string
	var fails int
	mock.RegisterResponder(http.MethodGet, testutil.BaseURL+"/x", func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		tenants = append(tenants, r.Header.Get("X-Tenant"))
		if r.URL.Query().Get("fail") != "" {
			fails++
			return httpmock.NewStringResponse(503, `{}`), nil
		}
		return httpmock.NewStringResponse(200, `{"data":{}}`), nil
	})
	child := parent.With(option.WithHeader("X-Tenant", "child"), option.WithMaxRetries(5))
	require.NoError(t, child.Err())
	assert.Same(t, parent, parent.With())
	assert.Equal(t, parent.String(), child.String())

	require.NoError(t, parent.Get(t.Context(), "/x", nil, nil))
	require.NoError(t, child.Get(t.Context(), "/x", nil, nil))
	assert.Equal(t, []string{"root", "child"}, tenants, "each client sends its own header")

	// The child spends the shared budget (10 tokens: two retries of 5):
	// after that neither client retries.
	require.Error(t, child.Get(t.Context(), "/x", url.Values{"fail": {"1"}}, nil))
	assert.Equal(t, 3, fails, "5 retries allowed, budget for 2")
	require.Error(t, parent.Get(t.Context(), "/x", url.Values{"fail": {"1"}}, nil))
	assert.Equal(t, 4, fails, "the parent's budget was spent by the child")

	// A service built with default options sends them on every call.
	mock.RegisterResponder(http.MethodGet, testutil.BaseURL+"/siprec_connectors/srs", func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		tenants = append(tenants, r.Header.Get("X-Tenant"))
		return httpmock.NewStringResponse(200, `{"data":{"name":"srs"}}`), nil
	})
	got, err := siprec.New(parent, option.WithHeader("X-Tenant", "svc")).Get(t.Context(), "srs")
	require.NoError(t, err)
	assert.Equal(t, "srs", got.Name)
	assert.Equal(t, "svc", tenants[len(tenants)-1])

	bad := parent.With(option.WithHeader("Authorization", "x"))
	var ve *telnyx.ValidationError
	require.ErrorAs(t, bad.Err(), &ve)
	assert.Equal(t, "option.WithHeader", ve.Field)
	before := mock.GetTotalCallCount()
	require.ErrorIs(t, bad.Get(t.Context(), "/x", nil, nil), bad.Err())
	_, err = siprec.New(parent, option.WithResponseInto(new(*http.Response))).Get(t.Context(), "srs")
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "option.WithResponseInto", ve.Field)
	assert.Contains(t, ve.Reason, "belongs on a single call")
	assert.Equal(t, before, mock.GetTotalCallCount(), "a refused option sends nothing")
}

// recorder is an Observer that writes every event as a line.
type recorder struct {
	mu     sync.Mutex
	events []string
}

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, fmt.Sprintf(format, args...))
}

type recKey struct{}

func (r *recorder) StartCall(ctx context.Context, c option.Call) context.Context {
	r.add("call %s %s %s:%d", c.Method, c.PathTemplate, c.ServerAddress, c.ServerPort)
	return context.WithValue(ctx, recKey{}, "call")
}

func (r *recorder) EndCall(ctx context.Context, c option.Call, e option.CallEnd) {
	r.add("end %s status=%d attempts=%d type=%q err=%t ctx=%v", c.PathTemplate, e.StatusCode, e.Attempts, e.ErrorType, e.Err != nil, ctx.Value(recKey{}))
}

func (r *recorder) StartAttempt(ctx context.Context, c option.Call, n int, h http.Header) context.Context {
	h.Set("Traceparent", fmt.Sprintf("attempt-%d", n))
	r.add("attempt %d ctx=%v", n, ctx.Value(recKey{}))
	return ctx
}

func (r *recorder) EndAttempt(_ context.Context, _ option.Call, e option.AttemptEnd) {
	r.add("attempt-end %d status=%d id=%s type=%q", e.Attempt, e.StatusCode, e.RequestID, e.ErrorType)
}

func (r *recorder) RetryDecision(_ context.Context, _ option.Call, d option.RetryDecision) {
	r.add("decision %d retry=%t reason=%q budget=%d", d.Attempt, d.Retry, d.Reason, d.BudgetTokens)
}

func (r *recorder) PageWindow(_ context.Context, c option.Call, n int) {
	r.add("window %s %d", c.PathTemplate, n)
}

// TestObserverSeesCallsAttemptsAndDecisions: the observer hears of the
// call with its path template, each attempt (and may add headers to it),
// each retry decision with its reason and the budget left, and the end.
func TestObserverSeesCallsAttemptsAndDecisions(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	c, mock := mockClient(t, option.WithObserver(rec))
	var traceparents []string
	var n int
	mock.RegisterResponder(http.MethodGet, testutil.BaseURL+"/siprec_connectors/srs", func(r *http.Request) (*http.Response, error) {
		traceparents = append(traceparents, r.Header.Get("Traceparent"))
		n++
		resp := httpmock.NewStringResponse(map[bool]int{true: 503, false: 200}[n < 3], `{"data":{"name":"srs"}}`)
		resp.Header.Set("X-Request-Id", fmt.Sprintf("req-%d", n))
		return resp, nil
	})
	_, err := siprec.New(c).Get(t.Context(), "srs")
	require.NoError(t, err)
	assert.Equal(t, []string{"attempt-1", "attempt-2", "attempt-3"}, traceparents)
	assert.Equal(t, []string{
		"call GET /siprec_connectors/{connector_name} api.test:443",
		"attempt 1 ctx=call",
		`attempt-end 1 status=503 id=req-1 type="503"`,
		`decision 1 retry=true reason="retryable status" budget=495`,
		"attempt 2 ctx=call",
		`attempt-end 2 status=503 id=req-2 type="503"`,
		`decision 2 retry=true reason="retryable status" budget=490`,
		"attempt 3 ctx=call",
		`attempt-end 3 status=200 id=req-3 type=""`,
		`end /siprec_connectors/{connector_name} status=200 attempts=3 type="" err=false ctx=call`,
	}, rec.events)

	rec.events = nil
	sequence(mock, http.MethodPost, "/siprec_connectors", nil, 500)
	_, err = siprec.New(c).Create(t.Context(), siprec.Params{Name: "a", Host: "h.example.com", Port: 5060})
	require.Error(t, err)
	assert.Equal(t, []string{
		"call POST /siprec_connectors api.test:443",
		"attempt 1 ctx=call",
		`attempt-end 1 status=500 id= type="500"`,
		`decision 1 retry=false reason="write may have been applied" budget=495`,
		`end /siprec_connectors status=500 attempts=1 type="500" err=true ctx=call`,
	}, rec.events)
}

// TestNoObserverNoLoggerAllocatesNothingExtra: a GET on a client without
// observer or logger allocates exactly what it did before the hooks, and
// the observer's events cost nothing when unset. The benchmark table holds
// the figures against raw net/http; this pins the count.
func TestNoObserverNoLoggerAllocatesNothingExtra(t *testing.T) { //nolint:paralleltest // testing.AllocsPerRun refuses to run in a parallel test
	mem := &http.Client{Transport: staticTransport{}}
	plain, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL("http://127.0.0.1:1/v2"), option.WithHTTPClient(mem))
	require.NoError(t, err)
	observed := plain.With(option.WithObserver(&nopObserver{}))
	get := func(c *telnyx.Client) func() {
		return func() {
			if _, err := telnyx.Call[struct{}](context.Background(), c, telnyx.Request{Method: http.MethodGet, Path: "/x"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	base := testing.AllocsPerRun(200, get(plain))
	withObs := testing.AllocsPerRun(200, get(observed))
	assert.LessOrEqual(t, base, 20.0, "a GET on the in-memory transport")
	assert.LessOrEqual(t, withObs-base, 1.0, "an observer that adds nothing costs at most the request copy")
}

type staticTransport struct{}

func (staticTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
}

type nopObserver struct{}

func (*nopObserver) StartCall(ctx context.Context, _ option.Call) context.Context { return ctx }
func (*nopObserver) EndCall(context.Context, option.Call, option.CallEnd)         {}
func (*nopObserver) StartAttempt(ctx context.Context, _ option.Call, _ int, _ http.Header) context.Context {
	return ctx
}
func (*nopObserver) EndAttempt(context.Context, option.Call, option.AttemptEnd)       {}
func (*nopObserver) RetryDecision(context.Context, option.Call, option.RetryDecision) {}
func (*nopObserver) PageWindow(context.Context, option.Call, int)                     {}
