package webhooks

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Names of the headers Telnyx signs deliveries with, in canonical form.
const (
	SignatureHeader = "Telnyx-Signature-Ed25519"
	TimestampHeader = "Telnyx-Timestamp"
	// V1SignatureHeader carried the HMAC-SHA256 signature of API v1
	// deliveries. It is only recognized, to explain why such a delivery is
	// refused; see [ErrV1Signature].
	V1SignatureHeader = "Telnyx-Signature"
)

// DefaultTolerance is how far a delivery's timestamp may be from the local
// clock, either way, unless [WithTolerance] says otherwise.
const DefaultTolerance = 5 * time.Minute

// Errors a verification can fail with. The header errors come wrapped in a
// [*HeaderError] and ErrTimestampOutOfTolerance in a [*ToleranceError];
// match them with [errors.Is].
var (
	// ErrMissingHeader means a signature or timestamp header is absent or empty.
	ErrMissingHeader = errors.New("webhooks: missing header")
	// ErrV1Signature means the delivery has no Ed25519 signature but the
	// HMAC-SHA256 Telnyx-Signature header of API v1, which this package does
	// not verify. Since the Ed25519 header is absent, it also matches
	// ErrMissingHeader.
	ErrV1Signature error = v1SignatureError{}
	// ErrMalformedSignature means the signature is not base64 of 64 bytes.
	ErrMalformedSignature = errors.New("webhooks: malformed signature")
	// ErrMalformedTimestamp means the timestamp is not decimal Unix seconds.
	ErrMalformedTimestamp = errors.New("webhooks: malformed timestamp")
	// ErrInvalidSignature means the signature does not match the timestamp and
	// body under the public key, so the delivery did not come from Telnyx
	// or was altered on the way.
	ErrInvalidSignature = errors.New("webhooks: invalid signature")
	// ErrTimestampOutOfTolerance means the signature is good but the timestamp
	// is too old or too far in the future.
	ErrTimestampOutOfTolerance = errors.New("webhooks: timestamp out of tolerance")
)

// v1SignatureError is the type of ErrV1Signature: a sentinel that unwraps to
// ErrMissingHeader.
type v1SignatureError struct{}

// Error names the kind of signature found.
func (v1SignatureError) Error() string { return "webhooks: API v1 signature" }

// Unwrap returns ErrMissingHeader: the Ed25519 header is absent.
func (v1SignatureError) Unwrap() error { return ErrMissingHeader }

// HeaderError reports a missing or malformed signing header.
type HeaderError struct {
	Header string // SignatureHeader, TimestampHeader, or V1SignatureHeader for ErrV1Signature
	Err    error  // ErrMissingHeader, ErrV1Signature, ErrMalformedSignature or ErrMalformedTimestamp

	reason string // safe to print: header values are sanitized first
}

// Error names the header and, for a malformed one, what is wrong with it.
func (e *HeaderError) Error() string {
	s := e.Err.Error() + " (" + e.Header + ")"
	if e.reason != "" {
		s += ": " + e.reason
	}
	return s
}

// Unwrap returns e.Err.
func (e *HeaderError) Unwrap() error { return e.Err }

// ToleranceError reports a correctly signed delivery whose timestamp is out
// of tolerance. It wraps ErrTimestampOutOfTolerance.
type ToleranceError struct {
	Skew      time.Duration // local time minus the timestamp: positive if old, negative if in the future
	Tolerance time.Duration // the limit in force
}

// Error says how old or how far in the future the timestamp is.
func (e *ToleranceError) Error() string {
	if e.Skew < 0 {
		return fmt.Sprintf("%v: %v in the future, tolerance %v", ErrTimestampOutOfTolerance, -e.Skew, e.Tolerance)
	}
	return fmt.Sprintf("%v: %v old, tolerance %v", ErrTimestampOutOfTolerance, e.Skew, e.Tolerance)
}

// Unwrap returns ErrTimestampOutOfTolerance.
func (e *ToleranceError) Unwrap() error { return ErrTimestampOutOfTolerance }

// Verifier checks deliveries against one public key. It is safe for
// concurrent use.
type Verifier struct {
	key       PublicKey
	tolerance time.Duration
	now       func() time.Time
}

// VerifierOption configures a [Verifier].
type VerifierOption func(*Verifier)

// WithTolerance sets how far, either way, a timestamp may be from the clock.
// It panics if d is not positive.
func WithTolerance(d time.Duration) VerifierOption {
	if d <= 0 {
		panic("webhooks: WithTolerance needs a positive duration")
	}
	return func(v *Verifier) { v.tolerance = d }
}

// WithClock replaces time.Now as the clock timestamps are compared with, for
// tests. It panics if now is nil.
func WithClock(now func() time.Time) VerifierOption {
	if now == nil {
		panic("webhooks: WithClock needs a non-nil clock")
	}
	return func(v *Verifier) { v.now = now }
}

// NewVerifier returns a Verifier for key with a tolerance of
// [DefaultTolerance] and the system clock, unless opts say otherwise. It
// panics if key is the zero PublicKey.
func NewVerifier(key PublicKey, opts ...VerifierOption) *Verifier {
	if key == (PublicKey{}) {
		panic("webhooks: NewVerifier needs a key from ParsePublicKey, PublicKeyFromBytes or PublicKeyFromEnv")
	}
	v := &Verifier{key: key, tolerance: DefaultTolerance, now: time.Now}
	for _, o := range opts {
		o(v)
	}
	return v
}

// Verify checks that body, with the signing headers in h, was signed by
// the key within the tolerance. Header names are matched case-insensitively,
// also in a Header built by hand with non-canonical keys. The error is nil
// or wraps one of the sentinel errors of this package; it never quotes the
// body.
func (v *Verifier) Verify(body []byte, h http.Header) error {
	sig, ts, err := parseHeaders(h)
	if err != nil {
		return err
	}
	_, err = v.check(sig, ts, body)
	return err
}

// Event verifies body as Verify does and decodes it: as a TeXML form (see
// [Event.Form]) if the Content-Type in h is
// application/x-www-form-urlencoded, as a JSON event otherwise. A body that
// verifies but does not decode yields an error wrapping [ErrMalformedEvent].
func (v *Verifier) Event(body []byte, h http.Header) (*Event, error) {
	if err := v.Verify(body, h); err != nil {
		return nil, err
	}
	return decodeDelivery(body, h)
}

// signedAt is a parsed timestamp header: the text that was signed and the
// instant it names.
type signedAt struct {
	text string
	time time.Time
}

// maxUnix bounds the instants compared with the clock, so that time
// arithmetic cannot overflow; it lies some 35,000 years ahead.
const maxUnix = 1 << 40

// parseHeaders reads and validates both signing headers, without the body.
func parseHeaders(h http.Header) ([]byte, signedAt, error) {
	sigText := header(h, SignatureHeader)
	if sigText == "" {
		if header(h, V1SignatureHeader) != "" {
			return nil, signedAt{}, &HeaderError{Header: V1SignatureHeader, Err: ErrV1Signature,
				reason: "only API v2 Ed25519 signatures (" + SignatureHeader + ") are verified, not v1 HMAC-SHA256"}
		}
		return nil, signedAt{}, &HeaderError{Header: SignatureHeader, Err: ErrMissingHeader}
	}
	tsText := header(h, TimestampHeader)
	if tsText == "" {
		return nil, signedAt{}, &HeaderError{Header: TimestampHeader, Err: ErrMissingHeader}
	}

	sig, err := parseSignature(sigText)
	if err != nil {
		return nil, signedAt{}, err
	}
	ts, err := parseTimestamp(tsText)
	if err != nil {
		return nil, signedAt{}, err
	}
	return sig, ts, nil
}

func parseSignature(s string) ([]byte, error) {
	malformed := func(reason string) error {
		return &HeaderError{Header: SignatureHeader, Err: ErrMalformedSignature, reason: reason}
	}
	want := base64.StdEncoding.EncodedLen(ed25519.SignatureSize)
	if len(s) != want {
		return nil, malformed(fmt.Sprintf("%d characters, want %d", len(s), want))
	}
	sig, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, malformed("not valid standard base64")
	}
	if len(sig) != ed25519.SignatureSize {
		return nil, malformed(fmt.Sprintf("%d bytes, want %d", len(sig), ed25519.SignatureSize))
	}
	return sig, nil
}

func parseTimestamp(s string) (signedAt, error) {
	malformed := func() error {
		return &HeaderError{Header: TimestampHeader, Err: ErrMalformedTimestamp,
			reason: strconv.Quote(sanitize(s)) + " is not a decimal Unix time in seconds"}
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return signedAt{}, malformed()
		}
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil { // too many digits
		return signedAt{}, malformed()
	}
	return signedAt{text: s, time: time.Unix(min(sec, maxUnix), 0)}, nil
}

// check verifies the signature over "timestamp|body", then the timestamp
// against the clock, and returns the clock reading it used.
func (v *Verifier) check(sig []byte, ts signedAt, body []byte) (time.Time, error) {
	if v.now == nil { // a Verifier{} literal: fail closed
		return time.Time{}, fmt.Errorf("%w: Verifier not made by NewVerifier", ErrInvalidPublicKey)
	}
	msg := make([]byte, 0, len(ts.text)+1+len(body))
	msg = append(msg, ts.text...)
	msg = append(msg, '|')
	msg = append(msg, body...)
	if !ed25519.Verify(v.key.b[:], msg, sig) {
		return time.Time{}, ErrInvalidSignature
	}
	now := v.now()
	if skew := now.Sub(ts.time); skew > v.tolerance || skew < -v.tolerance {
		return time.Time{}, &ToleranceError{Skew: skew, Tolerance: v.tolerance}
	}
	return now, nil
}

// header returns the first value of the named header, falling back to a
// case-insensitive scan for maps whose keys are not canonical.
func header(h http.Header, name string) string {
	if v := h.Get(name); v != "" {
		return v
	}
	if _, ok := h[name]; ok {
		return ""
	}
	for k, vs := range h {
		if len(vs) > 0 && strings.EqualFold(k, name) {
			return vs[0]
		}
	}
	return ""
}

// sanitize makes a header value fit for an error message: at most 32
// characters, anything but printable ASCII replaced by '?'.
func sanitize(s string) string {
	const limit = 32
	b := make([]byte, 0, min(len(s), limit+3))
	for i := 0; i < len(s); i++ {
		if len(b) == limit {
			return string(b) + "..."
		}
		if c := s[i]; c >= 0x20 && c < 0x7f {
			b = append(b, c)
		} else {
			b = append(b, '?')
		}
	}
	return string(b)
}
