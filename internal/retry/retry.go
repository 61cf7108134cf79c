// Package retry holds the retry rule of the SDK in one place: which
// failures are worth another attempt, how long to wait, and what a retry
// costs from the client's budget. Everything here is pure or, for the
// budget, a small concurrent counter, so the rule is tested without HTTP.
//
// The rule, as the README states it:
//  1. Only a failure where no answer came (a broken or refused connection,
//     an attempt that timed out) or an answer of 408, 429, 500, 502, 503 or
//     504 is retried. A request that could never be sent (refused locally),
//     a failing caller reader, an answer too large to read, a cancelled call
//     and a certificate or DNS failure are not.
//  2. GET, PUT, DELETE and HEAD are retried after any such failure; POST and
//     PATCH only when the API cannot have acted: a 429, or a connection that
//     failed before any byte was sent, unless the caller opted in with
//     RetryWrites.
//  3. A body that cannot be replayed (a file reader that cannot seek) is sent
//     once.
//  4. The wait is exponential backoff with full jitter, or the server's
//     Retry-After when it gives one. A Retry-After over the cap, or a wait
//     that would outlast the call's deadline, ends the call with the error.
//  5. Each retry spends tokens from the client's budget; when it is spent,
//     the failure is returned without retrying.
package retry

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

// Budget costs, after aws-sdk-go-v2: a retry after an error status costs
// Cost tokens, one after a connection failure or timeout costs TimeoutCost,
// and every success puts one token back (a success after a retry puts that
// retry's cost back).
const (
	DefaultBudgetCapacity = 500
	Cost                  = 5
	TimeoutCost           = 10
)

// Failure is what ended one attempt without a successful answer.
type Failure int

// The kinds of failure the rule tells apart.
const (
	// Status: the API answered with an error status.
	Status Failure = iota + 1
	// Transport: no answer came; the cause is in Attempt.Err.
	Transport
	// Local: the request could not be formed or was refused before it
	// left the process. Never retried.
	Local
	// Reader: the caller's body reader failed. Never retried.
	Reader
	// TooLarge: the answer exceeded the size cap. Never retried.
	TooLarge
)

// Attempt describes the outcome of one failed attempt.
type Attempt struct {
	// Number counts from 0 for the first attempt.
	Number int
	Method string
	Kind   Failure
	// StatusCode is the answer's status when Kind is Status.
	StatusCode int
	// RetryAfter is the wait the server asked for, zero when none.
	RetryAfter time.Duration
	// Err is the transport failure when Kind is Transport.
	Err error
	// Sent is false only when the failure proves that no byte of the
	// request left the process (the connection could not be made).
	Sent bool
	// Replayable reports whether the body can be sent again.
	Replayable bool
}

// Policy is the configuration the rule reads.
type Policy struct {
	MaxRetries  int
	MaxDelay    time.Duration // cap on any wait, Retry-After included
	RetryWrites bool
	// Backoff returns the jittered wait before retry number attempt+1.
	Backoff func(attempt int) time.Duration
	// Statuses are extra statuses the caller wants retried, and Errors
	// extra tests of a transport failure. Both sit behind the write guard:
	// they never retry a write the API may have acted on.
	Statuses []int
	Errors   []func(error) bool
}

// Decision is the rule's answer for one failed attempt.
type Decision struct {
	Retry bool
	Delay time.Duration
	// Cost is the number of budget tokens the retry needs.
	Cost int
	// Reason says, for logs and tests, why a retry was taken or refused.
	Reason string
}

// Idempotent reports whether repeating method cannot change the outcome.
func Idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodHead, http.MethodOptions:
		return true
	}
	return false
}

// RetryableStatus reports whether an answer with this status is worth
// another attempt.
func RetryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// Reasons given for a retry that is taken.
const (
	ReasonStatus      = "retryable status"
	ReasonRateLimited = "rate limited"
	ReasonConnection  = "connection failed"
	ReasonTimeout     = "attempt timed out"
	ReasonCaller      = "caller rule"
)

// Decide applies the rule to one failed attempt. remaining is the time left
// before the call's deadline, or a negative value when it has none. It does
// not touch the budget: the caller spends Decision.Cost.
func (p Policy) Decide(a Attempt, remaining time.Duration) Decision {
	if a.Number >= p.MaxRetries {
		return Decision{Reason: "no retries left"}
	}
	cost, reason, refusal := p.classify(a)
	if refusal != "" {
		return Decision{Reason: refusal}
	}
	if !a.Replayable {
		return Decision{Reason: "body cannot be replayed"}
	}
	delay := p.Backoff(a.Number)
	if a.RetryAfter > 0 {
		if p.MaxDelay > 0 && a.RetryAfter > p.MaxDelay {
			return Decision{Reason: "Retry-After over the cap"}
		}
		delay = a.RetryAfter
	}
	if remaining >= 0 && remaining < delay {
		return Decision{Reason: "wait outlasts the deadline"}
	}
	return Decision{Retry: true, Delay: delay, Cost: cost, Reason: reason}
}

// classify returns the cost and reason of retrying a, or why it must not be
// retried. The write guard comes after every rule, the caller's included.
func (p Policy) classify(a Attempt) (cost int, reason, refusal string) {
	write := !Idempotent(a.Method) && !p.RetryWrites
	switch a.Kind {
	case Status:
		reason = ReasonStatus
		switch {
		case a.StatusCode == http.StatusTooManyRequests:
			return Cost, ReasonRateLimited, "" // never acted on, writes included
		case RetryableStatus(a.StatusCode):
		case p.callerStatus(a.StatusCode):
			reason = ReasonCaller
		default:
			return 0, "", "status not retryable"
		}
		if write {
			return 0, "", "write may have been applied"
		}
		return Cost, reason, ""
	case Transport:
		reason = ReasonConnection
		var timeout AttemptTimeout
		switch {
		case errors.As(a.Err, &timeout):
			reason = ReasonTimeout
		case RetryableError(a.Err):
		case p.callerError(a.Err):
			reason = ReasonCaller
		default:
			return 0, "", "failure not retryable"
		}
		if write && a.Sent {
			return 0, "", "write may have been applied"
		}
		return TimeoutCost, reason, ""
	}
	return 0, "", "failure not retryable"
}

func (p Policy) callerStatus(code int) bool {
	for _, s := range p.Statuses {
		if s == code {
			return true
		}
	}
	return false
}

// callerError runs the caller's tests, never on a call that was cancelled
// or ran out of time: those end the call whatever a test says.
func (p Policy) callerError(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	for _, f := range p.Errors {
		if f(err) {
			return true
		}
	}
	return false
}

// Budget is a token bucket shared by every call of a client, so that an
// outage does not multiply the traffic sent to the API. A nil Budget never
// refuses.
type Budget struct {
	capacity int64
	tokens   atomic.Int64
}

// NewBudget returns a full budget, or nil (no budget) for capacity <= 0.
func NewBudget(capacity int) *Budget {
	if capacity <= 0 {
		return nil
	}
	b := &Budget{capacity: int64(capacity)}
	b.tokens.Store(int64(capacity))
	return b
}

// Take spends n tokens and reports whether there were enough.
func (b *Budget) Take(n int) bool {
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

// Success refills the bucket after a successful call; refund is the cost of
// the retry that led to it, zero when the first attempt succeeded.
func (b *Budget) Success(refund int) {
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
		if b.tokens.CompareAndSwap(cur, min(cur+n, b.capacity)) {
			return
		}
	}
}

// Tokens reports the tokens left, -1 for no budget.
func (b *Budget) Tokens() int {
	if b == nil {
		return -1
	}
	return int(b.tokens.Load())
}

// Backoff is exponential with full jitter: a random wait between zero and
// min(ceiling, base*2^attempt), never above limit when limit is positive.
func Backoff(attempt int, base, ceiling, limit time.Duration) time.Duration {
	ceil := ceiling
	if limit > 0 && limit < ceil {
		ceil = limit
	}
	d := base << min(attempt, 30)
	if d <= 0 || d > ceil {
		d = ceil
	}
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1)
}

// After reads Retry-After-Ms, then Retry-After in seconds or as an HTTP
// date. Anything unreadable, negative or in the past is zero.
func After(h http.Header, now time.Time) time.Duration {
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
		if !(s > 0) { // negative, zero or NaN
			return 0
		}
		return clampSeconds(s)
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// clampSeconds converts a positive number of seconds to a Duration that
// cannot overflow: anything past a billion seconds counts as a billion,
// far beyond any cap.
func clampSeconds(s float64) time.Duration {
	if s > 1e9 || s != s { // s != s: NaN
		s = 1e9
	}
	return time.Duration(s * float64(time.Second))
}

// AttemptTimeout marks a failure caused by the per-attempt timeout, which
// is retried although it looks like a deadline.
type AttemptTimeout struct{ Err error }

// Error returns the cause's message.
func (e AttemptTimeout) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e AttemptTimeout) Unwrap() error { return e.Err }

// RetryableError reports whether a transport failure is worth another
// try: not a cancelled call, not a host that does not exist, not a
// certificate the client refused, not a refused redirect.
func RetryableError(err error) bool {
	if err == nil {
		return false
	}
	var timeout AttemptTimeout
	if errors.As(err, &timeout) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, ErrRedirect) {
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
		recordErr   tls.RecordHeaderError
	)
	if errors.As(err, &unknownAuth) || errors.As(err, &hostErr) || errors.As(err, &certErr) ||
		errors.As(err, &invalid) || errors.As(err, &recordErr) {
		return false
	}
	// net/http turns the RecordHeaderError of a plain-HTTP answer into this
	// plain error, dropping its type.
	if strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") {
		return false
	}
	return true
}

// ErrRedirect is the cause of a call whose answer was a redirect the SDK
// refused to follow; it is never retried.
var ErrRedirect = errors.New("redirect refused")

// NotSent reports whether the failure proves no byte of the request left:
// the connection could not be made.
func NotSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
