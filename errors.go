package telnyx

import "github.com/telnyx-sip-integrations/telnyx-go/internal/core"

// Error is an answer from the API with a status of 400 or more. It carries
// the status, method, path, request id, Retry-After and Telnyx's error
// details. Reach it with errors.As; test its class with errors.Is.
type Error = core.Error

// ErrorDetail is one entry of the API's errors array.
type ErrorDetail = core.ErrorDetail

// ErrorSource points at the part of the request an error is about.
type ErrorSource = core.ErrorSource

// ErrorCode is Telnyx's error code, decoded from a JSON string or number.
type ErrorCode = core.ErrorCode

// ConnectionError is a failure to get an answer at all. It wraps its cause,
// so errors.Is(err, context.DeadlineExceeded) and errors.As with *net.OpError
// keep working.
type ConnectionError = core.ConnectionError

// ValidationError reports a parameter refused before sending; Field names it
// as the API spells it.
type ValidationError = core.ValidationError

// Sentinels for classes of API errors, for use with errors.Is.
var (
	ErrBadRequest    = core.ErrBadRequest    // 400
	ErrUnauthorized  = core.ErrUnauthorized  // 401
	ErrForbidden     = core.ErrForbidden     // 403
	ErrNotFound      = core.ErrNotFound      // 404
	ErrConflict      = core.ErrConflict      // 409
	ErrUnprocessable = core.ErrUnprocessable // 422
	ErrRateLimited   = core.ErrRateLimited   // 429
	ErrServer        = core.ErrServer        // any 5xx
)

// ErrMissingAPIKey is returned by NewClient when no key is configured.
var ErrMissingAPIKey = core.ErrMissingAPIKey
