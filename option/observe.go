package option

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/config"
)

// Observer is told about every call of a client and every attempt within
// it, as the call happens, for tracing and metrics (the module
// github.com/telnyx-sip-integrations/telnyx-go/otel implements it for
// OpenTelemetry). Its methods run on the caller's goroutine, or on a page
// walk's, and must be safe for concurrent use. A client without an
// [Observer] pays nothing for this interface.
type Observer interface {
	// StartCall runs before the first attempt of a call. The context it
	// returns is the one every attempt, wait and EndCall sees.
	StartCall(ctx context.Context, call Call) context.Context
	// EndCall runs once the call has its answer or its error.
	EndCall(ctx context.Context, call Call, end CallEnd)
	// StartAttempt runs before each attempt is sent, with the request's
	// headers, to which it may add (trace context, for instance). The
	// context it returns is the request's; attempt counts from 1.
	StartAttempt(ctx context.Context, call Call, attempt int, header http.Header) context.Context
	// EndAttempt runs when the attempt has its answer's status and headers,
	// or has failed.
	EndAttempt(ctx context.Context, call Call, end AttemptEnd)
	// RetryDecision runs after every failed attempt, whether a retry
	// follows or not.
	RetryDecision(ctx context.Context, call Call, d RetryDecision)
	// PageWindow runs when a parallel page walk of the list call changes
	// the number of pages it allows in flight, and once when it starts.
	PageWindow(ctx context.Context, call Call, window int)
}

// Call names one SDK call for an [Observer].
type Call struct {
	// Method is the HTTP method.
	Method string
	// PathTemplate is the operation's path as declared, such as
	// "/media/{media_name}", never the filled path. For a literal path
	// (the escape hatch) it is the template of the operation the path
	// fills, or empty when it fills none.
	PathTemplate string
	// ServerAddress and ServerPort are the base URL's host and port.
	ServerAddress string
	ServerPort    int
}

// CallEnd is the outcome of a call.
type CallEnd struct {
	// StatusCode is the last answer's status, zero when none came.
	StatusCode int
	// RequestID is the last answer's X-Request-Id.
	RequestID string
	// Attempts is how many attempts were sent.
	Attempts int
	// Elapsed is the time from the first attempt to the end, waits included.
	Elapsed time.Duration
	// ErrorType classifies a failure as AttemptEnd does; empty on success.
	ErrorType string
	// Err is the error the call returns, nil on success.
	Err error
}

// AttemptEnd is the outcome of one attempt.
type AttemptEnd struct {
	// Attempt counts from 1.
	Attempt int
	// StatusCode is the answer's status, zero when none came.
	StatusCode int
	// RequestID is the answer's X-Request-Id.
	RequestID string
	// Duration is the time from sending to the answer's headers or the failure.
	Duration time.Duration
	// ErrorType is empty on success; else the status as a number for an
	// error answer ("503"), or "connection", "timeout", "local", "reader"
	// or "too_large".
	ErrorType string
	// Err is the attempt's failure, nil on success.
	Err error
}

// RetryDecision is what the retry rule made of a failed attempt.
type RetryDecision struct {
	// Attempt is the failed attempt, counting from 1.
	Attempt int
	// Retry reports whether another attempt follows, after Delay.
	Retry bool
	Delay time.Duration
	// Reason says why, such as "retryable status", "rate limited",
	// "no retries left", "write may have been applied" or "retry budget
	// exhausted".
	Reason string
	// BudgetTokens is what the client's retry budget holds after the
	// decision; -1 when the client has no budget.
	BudgetTokens int
}

// WithObserver reports every call, attempt, retry decision and page-walk
// window to o. Nil removes the observer.
func WithObserver(o Observer) RequestOption {
	return opt(func(c *config.Config) error {
		c.Observer = o // a nil o leaves a nil any: no observer
		return nil
	})
}

// WithRetryOnStatus also retries answers with these statuses, as the
// built-in ones (408, 429, 500, 502, 503, 504) are. Behind the write guard:
// a POST or PATCH answered with one of them is not retried, since the API
// may have acted on it, unless [WithRetryWrites] is set.
func WithRetryOnStatus(codes ...int) RequestOption {
	return opt(func(c *config.Config) error {
		for _, code := range codes {
			if code < 400 || code > 599 {
				return config.Invalid("WithRetryOnStatus", fmt.Sprintf("%d is not an error status", code))
			}
		}
		c.RetryStatuses = append(c.RetryStatuses, codes...)
		return nil
	})
}

// WithRetryOnError also retries a transport failure (no answer came) for
// which retryable returns true, such as one the built-in rule refuses. It
// is never asked about a cancelled call or one past its deadline. Behind
// the write guard: a POST or PATCH whose bytes may have reached the API is
// not retried unless [WithRetryWrites] is set.
func WithRetryOnError(retryable func(error) bool) RequestOption {
	return opt(func(c *config.Config) error {
		if retryable == nil {
			return config.Invalid("WithRetryOnError", "nil test")
		}
		c.RetryErrors = append(c.RetryErrors, retryable)
		return nil
	})
}

// Limiter paces requests: Wait blocks until one may be sent, or returns an
// error, such as the context's, when it cannot wait. *rate.Limiter of
// golang.org/x/time/rate fits as is; the module
// github.com/telnyx-sip-integrations/telnyx-go/redis has one that holds
// every client sharing it to one rate.
type Limiter interface {
	Wait(ctx context.Context) error
}

// WithLimiter makes every attempt, retries and page fetches included, wait
// for l before it is sent, so that the clients of a fleet can share the
// account's rate limit instead of meeting it as 429s. The wait counts
// against the call's context but not against WithRequestTimeout; a wait
// that fails ends the call with a *telnyx.ConnectionError wrapping the
// limiter's error, and is not retried.
func WithLimiter(l Limiter) RequestOption {
	return opt(func(c *config.Config) error {
		if l == nil {
			return config.Invalid("WithLimiter", "nil limiter")
		}
		c.Limiter = l
		return nil
	})
}
