package telnyx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/config"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/retry"
)

// maxErrorBody caps how much of an error response is read.
const maxErrorBody = 1 << 20

// Sentinels for classes of API errors; match them with [errors.Is].
var (
	ErrBadRequest    = errors.New("telnyx: bad request")
	ErrUnauthorized  = errors.New("telnyx: unauthorized")
	ErrForbidden     = errors.New("telnyx: forbidden")
	ErrNotFound      = errors.New("telnyx: not found")
	ErrConflict      = errors.New("telnyx: conflict")
	ErrUnprocessable = errors.New("telnyx: unprocessable entity")
	ErrRateLimited   = errors.New("telnyx: rate limited")
	ErrServer        = errors.New("telnyx: server error")
)

// Error is an answer from the API with a status of 400 or more. Reach it
// with [errors.As]; test its class with [errors.Is] and the sentinels
// ([ErrNotFound], [ErrRateLimited], ...). Text that came from the server is
// stripped of control characters before it reaches Error().
type Error struct {
	StatusCode int
	Method     string
	// Path is the escaped request path, without the query string.
	Path      string
	RequestID string
	// RetryAfter is the wait the server asked for, zero when it asked none.
	RetryAfter time.Duration
	Errors     []ErrorDetail
	// Body holds the start of a body that was not a Telnyx error document.
	Body string
	// Attempts is how many attempts the call sent, this answer's included.
	Attempts int
	// Elapsed is the time the call took, from its first attempt to this
	// error, waits between attempts included.
	Elapsed time.Duration
}

// ErrorDetail is one entry of Telnyx's errors array.
type ErrorDetail struct {
	Code   ErrorCode      `json:"code"`
	Title  string         `json:"title"`
	Detail string         `json:"detail"`
	Source ErrorSource    `json:"source"`
	Meta   map[string]any `json:"meta,omitempty"`
}

// ErrorSource points at the part of the request an error is about.
type ErrorSource struct {
	Pointer   string `json:"pointer,omitempty"`
	Parameter string `json:"parameter,omitempty"`
}

// ErrorCode is Telnyx's error code. The API sends it as a string on most
// endpoints and as a number on others; both decode to the same text.
type ErrorCode string

// UnmarshalJSON accepts a JSON string, a number or null.
func (c *ErrorCode) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*c = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*c = ErrorCode(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*c = ErrorCode(n.String())
	}
	return nil
}

// Error reads like "POST /v2/external_connections: 422 Unprocessable Entity:
// 10015 Invalid parameter: outbound is required (source /outbound)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	for i, d := range e.Errors {
		if i > 0 {
			b.WriteString(";")
		}
		b.WriteString(": ")
		var parts []string
		for _, p := range []string{clean(string(d.Code)), clean(d.Title)} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		b.WriteString(strings.Join(parts, " "))
		if d.Detail != "" && d.Detail != d.Title {
			if len(parts) > 0 {
				b.WriteString(": ")
			}
			b.WriteString(clean(d.Detail))
		}
		if src := d.Source.Pointer; src != "" {
			b.WriteString(" (source " + clean(src) + ")")
		} else if src := d.Source.Parameter; src != "" {
			b.WriteString(" (parameter " + clean(src) + ")")
		}
	}
	if len(e.Errors) == 0 && e.Body != "" {
		b.WriteString(": ")
		b.WriteString(clean(e.Body))
	}
	if e.RequestID != "" {
		b.WriteString(" [request id " + clean(e.RequestID) + "]")
	}
	writeAttempts(&b, e.Attempts)
	return b.String()
}

// writeAttempts notes a call that took more than one attempt.
func writeAttempts(b *strings.Builder, n int) {
	if n > 1 {
		b.WriteString(" (")
		b.WriteString(strconv.Itoa(n))
		b.WriteString(" attempts)")
	}
}

// Is matches the class sentinels: [ErrNotFound] for 404, [ErrServer] for any 5xx, and so on.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrUnprocessable:
		return e.StatusCode == http.StatusUnprocessableEntity
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	}
	return false
}

// newError builds an Error from a response, reading at most maxErrorBody
// bytes of its body, and closes the body.
func newError(method, path string, resp *http.Response, into **http.Response) *Error {
	e := &Error{
		StatusCode: resp.StatusCode,
		Method:     method,
		Path:       path,
		RequestID:  requestID(resp.Header),
		RetryAfter: retry.After(resp.Header, time.Now()),
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let a short rest free the connection
	_ = resp.Body.Close()
	if into != nil {
		resp.Body = io.NopCloser(bytes.NewReader(body))
		*into = resp
	}
	var doc struct {
		Errors []ErrorDetail `json:"errors"`
	}
	if json.Unmarshal(body, &doc) == nil && len(doc.Errors) > 0 {
		e.Errors = doc.Errors
		return e
	}
	e.Body = summarize(body)
	return e
}

// summarize turns a body that is not a Telnyx error document into a short,
// single-line excerpt: HTML tags dropped, white space folded, at most 200 runes.
func summarize(body []byte) string {
	var b strings.Builder
	inTag, space := false, false
	for _, r := range string(body) {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
			space = b.Len() > 0
		case inTag:
		case r == ' ' || r == '\n' || r == '\r' || r == '\t':
			space = b.Len() > 0
		case unsafeRune(r):
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
		if b.Len() >= 200 {
			return b.String() + "…"
		}
	}
	return b.String()
}

func requestID(h http.Header) string {
	if id := h.Get("X-Request-Id"); id != "" {
		return id
	}
	return h.Get("Request-Id")
}

// ConnectionError is a failure to get any answer from the API: the
// connection could not be made or broke, or the call's context ended. It
// wraps the cause, so errors.Is(err, context.DeadlineExceeded) and
// errors.As(err, &netErr) keep working.
type ConnectionError struct {
	Method string
	Path   string
	Err    error
	// Attempts is how many attempts the call sent; zero when the context
	// had ended before the first.
	Attempts int
	// Elapsed is the time the call took, from its first attempt to this
	// error, waits between attempts included.
	Elapsed time.Duration
}

// Error names the call and the cause.
func (e *ConnectionError) Error() string {
	var b strings.Builder
	b.WriteString(e.Method + " " + e.Path + ": " + clean(fmt.Sprint(e.Err)))
	writeAttempts(&b, e.Attempts)
	return b.String()
}

// Unwrap returns the cause.
func (e *ConnectionError) Unwrap() error { return e.Err }

// ValidationError reports a parameter refused before anything was sent:
// missing, out of bounds, in the wrong format, or a path value that could
// name another endpoint. Field names the parameter as the API spells it.
type ValidationError struct {
	Field  string
	Reason string
}

// Error names the field and why it was refused.
func (e *ValidationError) Error() string {
	return "telnyx: invalid " + e.Field + ": " + e.Reason
}

// optionError reports an option's refusal as a *ValidationError naming
// the option, and a missing key as [ErrMissingAPIKey]; any other error is
// returned as is.
func optionError(err error) error {
	if errors.Is(err, config.ErrMissingAPIKey) {
		return ErrMissingAPIKey
	}
	var oe *config.OptionError
	if errors.As(err, &oe) {
		return &ValidationError{Field: "option." + oe.Option, Reason: oe.Reason}
	}
	return err
}

// DecodeError is a successful answer that could not be read: it was not
// the JSON the SDK expected, or it was larger than the SDK reads (64 MiB).
// It is never retried.
type DecodeError struct {
	Method    string
	Path      string
	RequestID string
	Err       error
}

// Error names the call and the cause.
func (e *DecodeError) Error() string {
	s := "telnyx: reading the answer to " + e.Method + " " + e.Path + ": " + clean(e.Err.Error())
	if e.RequestID != "" {
		s += " [request id " + clean(e.RequestID) + "]"
	}
	return s
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// ErrMissingAPIKey is returned by [NewClient], and by a call whose options
// clear the key, when no key is configured.
var ErrMissingAPIKey = errors.New("telnyx: no API key: set TELNYX_API_KEY or use option.WithAPIKey")

// clean drops control characters and invalid UTF-8 from text that came
// from outside, so that it cannot forge or break a log line, and cuts it
// to 500 bytes.
func clean(s string) string {
	ok := len(s) <= 500
	for i := 0; ok && i < len(s); i++ {
		if s[i] < ' ' || s[i] == 0x7f || s[i] >= utf8.RuneSelf {
			ok = false
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			if r == '\n' || r == '\t' || r == '\r' {
				b.WriteByte(' ')
			}
			continue
		}
		if b.Len() >= 500 {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unsafeRune reports whether r must not reach a message: invalid UTF-8,
// C0 and C1 controls, DEL, line and paragraph separators and the bidi
// controls that reorder what a terminal or log viewer shows.
func unsafeRune(r rune) bool {
	return r == utf8.RuneError || r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
		r == 0x2028 || r == 0x2029 || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
