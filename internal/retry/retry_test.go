package retry_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/retry"
)

// The rule of the README, in its words, as an oracle that Decide is
// checked against over every combination of its inputs:
//
//  1. What is retried: a connection failure, an attempt that hit the
//     request timeout, and the statuses 408, 429, 500, 502, 503 and 504; up
//     to MaxRetries times. Nothing else: not a 4xx, not a cancelled
//     context, not a host that does not exist, not a refused certificate
//     (nor a refused redirect, a local refusal, a failing reader or an
//     answer over the cap).
//  2. Writes are never duplicated: GET, PUT and DELETE (and HEAD, OPTIONS)
//     are retried as above; POST and PATCH only when nothing was sent or the
//     answer was 429, unless RetryWrites opts in to the full rule.
//  3. A body that cannot be replayed is sent once.
//  4. The wait is the backoff, or Retry-After when given; a wait longer
//     than the cap, or one that would outlast the deadline, is not taken.
//  5. A retry costs 5 tokens, 10 after a connection failure.

// failure is one way an attempt can fail, with whether the README calls it
// worth another attempt.
type failure struct {
	name      string
	kind      retry.Failure
	status    int
	err       error
	retryable bool
}

func failures() []failure {
	reset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	fs := []failure{
		{name: "connection reset", kind: retry.Transport, err: reset, retryable: true},
		{name: "connection refused", kind: retry.Transport, err: refused, retryable: true},
		{name: "unexpected EOF", kind: retry.Transport, err: fmt.Errorf("reading the answer: %w", errors.New("unexpected EOF")), retryable: true},
		{name: "attempt timeout", kind: retry.Transport, err: fmt.Errorf("attempt timed out: %w", retry.AttemptTimeout{Err: context.DeadlineExceeded}), retryable: true},
		{name: "context canceled", kind: retry.Transport, err: fmt.Errorf("x: %w", context.Canceled)},
		{name: "context deadline", kind: retry.Transport, err: context.DeadlineExceeded},
		{name: "host not found", kind: retry.Transport, err: &net.DNSError{Err: "no such host", Name: "api.invalid", IsNotFound: true}},
		{name: "unknown certificate authority", kind: retry.Transport, err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}},
		{name: "hostname mismatch", kind: retry.Transport, err: x509.HostnameError{Host: "evil", Certificate: &x509.Certificate{}}},
		{name: "TLS to a plain server", kind: retry.Transport, err: tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}},
		{name: "refused redirect", kind: retry.Transport, err: fmt.Errorf("%w: to another origin", retry.ErrRedirect)},
		{name: "local refusal", kind: retry.Local, err: errors.New("net/http: invalid header field value")},
		{name: "failing reader", kind: retry.Reader, err: errors.New("disk on fire")},
		{name: "answer over the cap", kind: retry.TooLarge},
	}
	for code := 400; code <= 599; code++ {
		if http.StatusText(code) == "" {
			continue
		}
		switch code {
		case 408, 429, 500, 502, 503, 504:
			fs = append(fs, failure{name: fmt.Sprint(code), kind: retry.Status, status: code, retryable: true})
		default:
			fs = append(fs, failure{name: fmt.Sprint(code), kind: retry.Status, status: code})
		}
	}
	return fs
}

const (
	maxRetries = 2
	maxDelay   = 30 * time.Second
)

func backoff(n int) time.Duration { return time.Duration(n+1) * 100 * time.Millisecond }

// oracle is the README's rule.
func oracle(method string, f failure, number int, sent, replayable, retryWrites bool, retryAfter, remaining time.Duration) (bool, time.Duration, int) {
	if number >= maxRetries || !f.retryable || !replayable {
		return false, 0, 0
	}
	write := method != http.MethodGet && method != http.MethodPut && method != http.MethodDelete &&
		method != http.MethodHead && method != http.MethodOptions
	if write && !retryWrites {
		provablyNotProcessed := f.status == http.StatusTooManyRequests || (f.kind == retry.Transport && !sent)
		if !provablyNotProcessed {
			return false, 0, 0
		}
	}
	wait := backoff(number)
	if retryAfter > 0 {
		if retryAfter > maxDelay {
			return false, 0, 0
		}
		wait = retryAfter
	}
	if remaining >= 0 && wait > remaining {
		return false, 0, 0
	}
	cost := 5
	if f.kind == retry.Transport {
		cost = 10
	}
	return true, wait, cost
}

// TestDecideEveryCombination checks Decide against the README's rule over
// method × failure × sent × replayable × RetryWrites × Retry-After against
// the cap × deadline × attempts left.
func TestDecideEveryCombination(t *testing.T) {
	t.Parallel()
	methods := []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodPost, http.MethodPatch, "PURGE"}
	retryAfters := []time.Duration{0, 150 * time.Millisecond, maxDelay, maxDelay + time.Millisecond, 1e9 * time.Second}
	remainings := []time.Duration{-1, 0, 100 * time.Millisecond, 200 * time.Millisecond, time.Hour}
	bools := []bool{false, true}
	checked, failed := 0, 0
	for _, method := range methods {
		for _, f := range failures() {
			for number := 0; number <= maxRetries; number++ {
				for _, sent := range bools {
					for _, replayable := range bools {
						for _, retryWrites := range bools {
							for _, ra := range retryAfters {
								for _, remaining := range remainings {
									p := retry.Policy{MaxRetries: maxRetries, MaxDelay: maxDelay, RetryWrites: retryWrites, Backoff: backoff}
									a := retry.Attempt{Number: number, Method: method, Kind: f.kind, StatusCode: f.status, RetryAfter: ra, Err: f.err, Sent: sent, Replayable: replayable}
									got := p.Decide(a, remaining)
									want, wait, cost := oracle(method, f, number, sent, replayable, retryWrites, ra, remaining)
									checked++
									ok := got.Retry == want && (!want || (got.Delay == wait && got.Cost == cost)) && (want || got.Reason != "")
									if !ok {
										failed++
										if failed <= 20 {
											t.Errorf("%s %s attempt %d sent=%v replayable=%v writes=%v Retry-After=%s remaining=%s: got %+v, want retry=%v delay=%s cost=%d",
												method, f.name, number, sent, replayable, retryWrites, ra, remaining, got, want, wait, cost)
										}
									}
								}
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d combinations checked, %d disagree with the README", checked, failed)
}

// TestDecideReasons pins the reason given for each kind of refusal.
func TestDecideReasons(t *testing.T) {
	t.Parallel()
	p := retry.Policy{MaxRetries: 2, MaxDelay: time.Second, Backoff: backoff}
	get := retry.Attempt{Method: http.MethodGet, Kind: retry.Status, StatusCode: 503, Sent: true, Replayable: true}
	cases := []struct {
		name      string
		edit      func(*retry.Attempt)
		remaining time.Duration
		reason    string
	}{
		{"no retries left", func(a *retry.Attempt) { a.Number = 2 }, -1, "no retries left"},
		{"status", func(a *retry.Attempt) { a.StatusCode = 404 }, -1, "status not retryable"},
		{"write", func(a *retry.Attempt) { a.Method = http.MethodPost }, -1, "write may have been applied"},
		{"sent write", func(a *retry.Attempt) {
			a.Method, a.Kind, a.StatusCode, a.Err = http.MethodPatch, retry.Transport, 0, errors.New("reset")
		}, -1, "write may have been applied"},
		{"local", func(a *retry.Attempt) { a.Kind = retry.Local }, -1, "failure not retryable"},
		{"reader", func(a *retry.Attempt) { a.Kind = retry.Reader }, -1, "failure not retryable"},
		{"too large", func(a *retry.Attempt) { a.Kind = retry.TooLarge }, -1, "failure not retryable"},
		{"cancelled", func(a *retry.Attempt) { a.Kind, a.Err = retry.Transport, context.Canceled }, -1, "failure not retryable"},
		{"replay", func(a *retry.Attempt) { a.Replayable = false }, -1, "body cannot be replayed"},
		{"cap", func(a *retry.Attempt) { a.RetryAfter = 2 * time.Second }, -1, "Retry-After over the cap"},
		{"deadline", func(a *retry.Attempt) { a.RetryAfter = 500 * time.Millisecond }, 100 * time.Millisecond, "wait outlasts the deadline"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := get
			tc.edit(&a)
			d := p.Decide(a, tc.remaining)
			assert.False(t, d.Retry)
			assert.Equal(t, tc.reason, d.Reason)
			assert.Zero(t, d.Cost)
		})
	}
	t.Run("zero attempt kind is not retried", func(t *testing.T) {
		t.Parallel()
		assert.False(t, p.Decide(retry.Attempt{Method: http.MethodGet, Replayable: true}, -1).Retry)
	})
	t.Run("no retries configured", func(t *testing.T) {
		t.Parallel()
		assert.False(t, retry.Policy{Backoff: backoff}.Decide(get, -1).Retry)
	})
}

func TestBudget(t *testing.T) {
	t.Parallel()
	t.Run("nil budget never refuses", func(t *testing.T) {
		t.Parallel()
		for _, capacity := range []int{0, -5} {
			b := retry.NewBudget(capacity)
			assert.Nil(t, b)
			assert.True(t, b.Take(1_000_000))
			b.Success(10)
			assert.Equal(t, -1, b.Tokens())
		}
	})
	t.Run("spends and refuses", func(t *testing.T) {
		t.Parallel()
		b := retry.NewBudget(20)
		assert.Equal(t, 20, b.Tokens())
		assert.True(t, b.Take(retry.TimeoutCost))
		assert.True(t, b.Take(retry.Cost))
		assert.False(t, b.Take(retry.TimeoutCost), "only 5 left")
		assert.Equal(t, 5, b.Tokens(), "a refused take spends nothing")
		assert.True(t, b.Take(retry.Cost))
		assert.False(t, b.Take(1))
		assert.Equal(t, 0, b.Tokens())
	})
	t.Run("success refills, never past capacity", func(t *testing.T) {
		t.Parallel()
		b := retry.NewBudget(20)
		require.True(t, b.Take(20))
		b.Success(0)
		assert.Equal(t, 1, b.Tokens(), "a first-try success returns one token")
		b.Success(retry.TimeoutCost)
		assert.Equal(t, 11, b.Tokens(), "a success after a retry returns its cost")
		for range 10 {
			b.Success(retry.TimeoutCost)
		}
		assert.Equal(t, 20, b.Tokens())
	})
	t.Run("concurrent takes never overspend", func(t *testing.T) {
		t.Parallel()
		b := retry.NewBudget(500)
		var got atomic.Int32
		var wg sync.WaitGroup
		for range 64 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 50 {
					if b.Take(retry.Cost) {
						got.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		assert.Equal(t, int32(100), got.Load())
		assert.Zero(t, b.Tokens())
	})
	t.Run("concurrent successes stop at capacity", func(t *testing.T) {
		t.Parallel()
		b := retry.NewBudget(50)
		require.True(t, b.Take(50))
		var wg sync.WaitGroup
		for range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 20 {
					b.Success(retry.Cost)
				}
			}()
		}
		wg.Wait()
		assert.Equal(t, 50, b.Tokens())
	})
}

func TestAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	billion := 1e9 * time.Second
	cases := []struct {
		name   string
		header http.Header
		want   time.Duration
	}{
		{"none", h(), 0},
		{"seconds", h("Retry-After", "3"), 3 * time.Second},
		{"seconds with spaces", h("Retry-After", "  7 "), 7 * time.Second},
		{"fractional seconds", h("Retry-After", "0.25"), 250 * time.Millisecond},
		{"zero", h("Retry-After", "0"), 0},
		{"negative", h("Retry-After", "-5"), 0},
		{"garbage", h("Retry-After", "soon"), 0},
		{"empty", h("Retry-After", ""), 0},
		{"HTTP date ahead", h("Retry-After", now.Add(90*time.Second).Format(http.TimeFormat)), 90 * time.Second},
		{"HTTP date behind", h("Retry-After", now.Add(-time.Hour).Format(http.TimeFormat)), 0},
		{"RFC 850 date ahead", h("Retry-After", now.Add(time.Minute).Format(time.RFC850)), time.Minute},
		{"ANSI C date ahead", h("Retry-After", now.Add(time.Minute).Format(time.ANSIC)), time.Minute},
		{"date far ahead", h("Retry-After", "Fri, 01 Jan 2100 00:00:00 GMT"), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Sub(now)},
		{"huge seconds clamp", h("Retry-After", "99999999999999999999"), billion},
		{"overflowing seconds clamp", h("Retry-After", "1e308"), billion},
		{"infinite seconds clamp", h("Retry-After", "+Inf"), billion},
		{"NaN is unreadable", h("Retry-After", "NaN"), 0},
		{"milliseconds", h("Retry-After-Ms", "250"), 250 * time.Millisecond},
		{"milliseconds win", h("Retry-After-Ms", "20", "Retry-After", "3600"), 20 * time.Millisecond},
		{"zero milliseconds fall back", h("Retry-After-Ms", "0", "Retry-After", "2"), 2 * time.Second},
		{"garbage milliseconds fall back", h("Retry-After-Ms", "x", "Retry-After", "2"), 2 * time.Second},
		{"negative milliseconds", h("Retry-After-Ms", "-20"), 0},
		{"huge milliseconds clamp", h("Retry-After-Ms", "1e300"), billion},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := retry.After(tc.header, now)
			assert.Equal(t, tc.want, got)
			assert.GreaterOrEqual(t, got, time.Duration(0))
		})
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		attempt              int
		base, ceiling, limit time.Duration
		max                  time.Duration
	}{
		{0, 500 * time.Millisecond, 8 * time.Second, 30 * time.Second, 500 * time.Millisecond},
		{1, 500 * time.Millisecond, 8 * time.Second, 30 * time.Second, time.Second},
		{4, 500 * time.Millisecond, 8 * time.Second, 30 * time.Second, 8 * time.Second},
		{62, 500 * time.Millisecond, 8 * time.Second, 30 * time.Second, 8 * time.Second},
		{40, time.Hour, 8 * time.Second, 0, 8 * time.Second},
		{3, time.Second, time.Minute, 2 * time.Second, 2 * time.Second},
		{0, 0, 0, 0, 0},
		{math.MaxInt, time.Millisecond, time.Second, 0, time.Second},
	} {
		for range 200 {
			d := retry.Backoff(tc.attempt, tc.base, tc.ceiling, tc.limit)
			require.GreaterOrEqual(t, d, time.Duration(0))
			require.LessOrEqual(t, d, tc.max, "attempt %d base %s ceiling %s limit %s", tc.attempt, tc.base, tc.ceiling, tc.limit)
		}
	}
}

func TestClassifiers(t *testing.T) {
	t.Parallel()
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodHead, http.MethodOptions} {
		assert.True(t, retry.Idempotent(m), m)
	}
	for _, m := range []string{http.MethodPost, http.MethodPatch, "PURGE", "get", ""} {
		assert.False(t, retry.Idempotent(m), m)
	}
	for _, f := range failures() {
		switch f.kind {
		case retry.Status:
			assert.Equal(t, f.retryable, retry.RetryableStatus(f.status), f.name)
		case retry.Transport:
			assert.Equal(t, f.retryable, retry.RetryableError(f.err), f.name)
		}
	}
	assert.False(t, retry.RetryableError(nil))
	assert.True(t, retry.NotSent(&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}))
	assert.True(t, retry.NotSent(fmt.Errorf("wrapped: %w", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED})))
	assert.False(t, retry.NotSent(&net.OpError{Op: "read", Err: syscall.ECONNRESET}))
	assert.False(t, retry.NotSent(errors.New("EOF")))
	timeout := retry.AttemptTimeout{Err: context.DeadlineExceeded}
	assert.ErrorIs(t, timeout, context.DeadlineExceeded)
	assert.Equal(t, context.DeadlineExceeded.Error(), timeout.Error())
}
