package core

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Retry budget costs, after aws-sdk-go-v2: a retry after an error status
// costs retryCost tokens, one after a connection failure or timeout costs
// timeoutRetryCost, and every success puts one token back (a success after
// a retry puts that retry's cost back).
const (
	defaultBudgetCapacity = 500
	retryCost             = 5
	timeoutRetryCost      = 10
)

// retryBudget is a token bucket shared by every call of a client, so that an
// outage does not multiply the traffic sent to the API.
type retryBudget struct {
	capacity int64
	tokens   atomic.Int64
}

func newRetryBudget(capacity int) *retryBudget {
	b := &retryBudget{capacity: int64(capacity)}
	b.tokens.Store(int64(capacity))
	return b
}

// take spends n tokens and reports whether there were enough. A nil budget
// never refuses.
func (b *retryBudget) take(n int) bool {
	if b == nil {
		return true
	}
	for {
		cur := b.tokens.Load()
		if cur < int64(n) {
			return false
		}
		if b.tokens.CompareAndSwap(cur, cur-int64(n)) {
			return true
		}
	}
}

// success refills the bucket after a successful call; refund is the cost of
// the retry that led to it, zero when the first attempt succeeded.
func (b *retryBudget) success(refund int) {
	if b == nil {
		return
	}
	n := int64(refund)
	if n == 0 {
		n = 1
	}
	for {
		cur := b.tokens.Load()
		if cur >= b.capacity {
			return
		}
		next := min(cur+n, b.capacity)
		if b.tokens.CompareAndSwap(cur, next) {
			return
		}
	}
}

// Tokens reports the tokens left, for tests.
func (b *retryBudget) Tokens() int {
	if b == nil {
		return -1
	}
	return int(b.tokens.Load())
}

// backoff is exponential with full jitter: a random wait between zero and
// min(ceiling, base*2^attempt), never above MaxRetryDelay.
func (c *Config) backoff(attempt int) time.Duration {
	ceil := c.backoffMax
	if c.MaxRetryDelay > 0 && c.MaxRetryDelay < ceil {
		ceil = c.MaxRetryDelay
	}
	d := c.backoffBase << min(attempt, 30)
	if d <= 0 || d > ceil {
		d = ceil
	}
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1)
}

func retryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryAfter reads retry-after-ms, then Retry-After in seconds or as an HTTP date.
func retryAfter(h http.Header) time.Duration {
	if v := h.Get("Retry-After-Ms"); v != "" {
		if ms, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && ms > 0 {
			return clampSeconds(ms / 1000)
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return clampSeconds(s)
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// clampSeconds converts a positive number of seconds to a Duration that
// cannot overflow: anything past a billion seconds counts as a billion,
// which is far beyond any retry delay cap.
func clampSeconds(s float64) time.Duration {
	if s > 1e9 || s != s { // s != s: NaN
		s = 1e9
	}
	return time.Duration(s * float64(time.Second))
}

// errAttemptTimeout marks a failure caused by the per-attempt timeout.
type errAttemptTimeout struct{ err error }

// Error returns the cause's message.
func (e errAttemptTimeout) Error() string { return e.err.Error() }

// Unwrap returns the cause.
func (e errAttemptTimeout) Unwrap() error { return e.err }

// retryableTransport reports whether a transport failure is worth another
// try: not a cancelled call, not a host that does not exist, not a
// certificate the client refused.
func retryableTransport(err error) bool {
	var timeout errAttemptTimeout
	if errors.As(err, &timeout) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	var (
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		certErr     *tls.CertificateVerificationError
		invalid     x509.CertificateInvalidError
	)
	if errors.As(err, &unknownAuth) || errors.As(err, &hostErr) || errors.As(err, &certErr) || errors.As(err, &invalid) {
		return false
	}
	return true
}

// notSent reports whether the failure proves no byte of the request left:
// the connection could not be made.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
