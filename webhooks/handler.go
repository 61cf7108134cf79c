package webhooks

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// DefaultMaxBodySize is the largest body the handler reads unless
// [WithMaxBodySize] says otherwise: 1 MiB.
const DefaultMaxBodySize = 1 << 20

// HandlerFunc handles a verified, decoded delivery: a JSON event, or a TeXML
// form callback for which ev.IsForm reports true. r.Body still holds the
// raw body. Answering with a status outside 2xx (or panicking) tells Telnyx
// to retry, and lets the retry through a [ReplayStore]. With a store, w is
// wrapped to observe the status; reach Flush and the like through
// [http.ResponseController].
type HandlerFunc func(w http.ResponseWriter, r *http.Request, ev *Event)

// ErrorHandlerFunc answers a delivery that was not handed to the
// application. status is what the handler would answer: 400 for a missing
// or malformed header (an API v1 signature, [ErrV1Signature], included) or
// body, 401 for a bad signature or stale timestamp, 405 for a method other
// than POST, 413 for a body over the size limit and 500 for a failing
// [ReplayStore] or a Verifier not made by [NewVerifier].
// It must write the response itself.
type ErrorHandlerFunc func(w http.ResponseWriter, r *http.Request, status int, err error)

// HandlerOption configures the handler [NewHandler] returns.
type HandlerOption func(*handler)

// WithMaxBodySize sets the largest body, in bytes, the handler reads; a
// larger one is answered 413. It panics if n is not positive.
func WithMaxBodySize(n int64) HandlerOption {
	if n <= 0 {
		panic("webhooks: WithMaxBodySize needs a positive size")
	}
	return func(h *handler) { h.maxBody = n }
}

// WithReplayStore makes the handler record each event id in s and answer a
// delivery of an id already recorded with 200 without calling the
// application. An id is kept until the later of its timestamp and the time
// of arrival, plus the verifier's tolerance (a repeat of the same signed
// delivery after that is rejected as stale anyway), and each repeat extends
// the record. If the application does not answer 2xx, the id is forgotten
// so that Telnyx's retry is handled. JSON events without an id are always
// handed on, since there is nothing to recognize a repeat by.
//
// TeXML forms carry no event id, and no set of their fields is known to be
// unique to one callback: a caller who presses the same digit twice in a
// menu produces two identical bodies. Their id is therefore "texml:" and
// the hex SHA-256 of the signed message, the timestamp, "|" and the body.
// This refuses a replay of the very same signed delivery, the attack the
// store is there for, but hands on a retry Telnyx signs afresh; an
// application that must not act twice on a TeXML retry deduplicates by its
// own fields, such as CallSid and CallStatus.
func WithReplayStore(s ReplayStore) HandlerOption {
	return func(h *handler) { h.store = s }
}

// WithErrorHandler replaces the plain-text answer to rejected deliveries,
// for example to log err. The default writes the status text only, so as
// not to tell a sender why its delivery failed.
func WithErrorHandler(fn ErrorHandlerFunc) HandlerOption {
	return func(h *handler) { h.onError = fn }
}

// NewHandler returns an [http.Handler] for Telnyx deliveries. For a POST it
// reads at most the size limit, verifies the body with v, decodes the
// event (a form if the Content-Type is application/x-www-form-urlencoded,
// JSON otherwise; see [Event]) and calls fn, unless a [ReplayStore] shows
// the event was already handled. Rejected deliveries are answered as
// [ErrorHandlerFunc] lists, without calling fn. NewHandler panics if v or
// fn is nil.
func NewHandler(v *Verifier, fn HandlerFunc, opts ...HandlerOption) http.Handler {
	if v == nil || fn == nil {
		panic("webhooks: NewHandler needs a Verifier and a HandlerFunc")
	}
	h := &handler{v: v, fn: fn, maxBody: DefaultMaxBodySize, onError: plainError}
	for _, o := range opts {
		o(h)
	}
	if h.onError == nil {
		h.onError = plainError
	}
	return h
}

type handler struct {
	v       *Verifier
	fn      HandlerFunc
	maxBody int64
	store   ReplayStore
	onError ErrorHandlerFunc
}

func plainError(w http.ResponseWriter, _ *http.Request, status int, _ error) {
	http.Error(w, http.StatusText(status), status)
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.onError(w, r, http.StatusMethodNotAllowed,
			fmt.Errorf("webhooks: method %s not allowed", strconv.Quote(sanitize(r.Method))))
		return
	}
	// Reject bad headers before spending time on the body.
	sig, ts, err := parseHeaders(r.Header)
	if err != nil {
		h.onError(w, r, http.StatusBadRequest, err)
		return
	}
	body, ok := h.readBody(w, r)
	if !ok {
		return
	}
	now, err := h.v.check(sig, ts, body)
	if err != nil {
		status := http.StatusUnauthorized
		if errors.Is(err, ErrInvalidPublicKey) {
			status = http.StatusInternalServerError
		}
		h.onError(w, r, status, err)
		return
	}
	ev, err := decodeDelivery(body, r.Header)
	if err != nil {
		h.onError(w, r, http.StatusBadRequest, err)
		return
	}

	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }

	id := ev.Data.ID
	if ev.IsForm() {
		id = formReplayID(ts.text, body)
	}
	if h.store == nil || id == "" {
		h.fn(w, r, ev)
		return
	}
	h.serveUnseen(w, r, ev, id, now, ts.time)
}

// readBody reads the body of r up to the size limit. When it cannot, it
// answers the delivery and reports false.
func (h *handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.ContentLength > h.maxBody {
		h.onError(w, r, http.StatusRequestEntityTooLarge, tooLarge(h.maxBody))
		return nil, false
	}
	if r.Body == nil { // a hand-made request; servers always set one
		r.Body = http.NoBody
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.onError(w, r, http.StatusRequestEntityTooLarge, tooLarge(h.maxBody))
		} else {
			h.onError(w, r, http.StatusBadRequest, fmt.Errorf("webhooks: reading body: %w", err))
		}
		return nil, false
	}
	return body, true
}

// serveUnseen marks id in the replay store for as long as a replay of the
// delivery, signed at signed and checked at now, could still verify, and
// serves the event unless the store had seen it.
func (h *handler) serveUnseen(w http.ResponseWriter, r *http.Request, ev *Event, id string, now, signed time.Time) {
	expires := now
	if signed.After(expires) {
		expires = signed
	}
	expires = expires.Add(h.v.tolerance)
	seen, err := h.store.Seen(r.Context(), id, now, expires)
	if err != nil {
		h.onError(w, r, http.StatusInternalServerError, fmt.Errorf("webhooks: replay store: %w", err))
		return
	}
	if seen {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.serveOnce(w, r, ev, id)
}

// formReplayID is the replay id of a form delivery: a digest of the signed
// message, as WithReplayStore describes.
func formReplayID(ts string, body []byte) string {
	d := sha256.New()
	d.Write([]byte(ts))
	d.Write([]byte{'|'})
	d.Write(body)
	return "texml:" + hex.EncodeToString(d.Sum(nil))
}

// serveOnce calls the application and, unless it answers 2xx, forgets the
// replay id again so that Telnyx's retry is handled.
func (h *handler) serveOnce(w http.ResponseWriter, r *http.Request, ev *Event, id string) {
	sw := &statusWriter{ResponseWriter: w}
	ok := false
	defer func() {
		if !ok {
			// The request context may be done; the store still needs
			// the chance to undo the mark.
			_ = h.store.Forget(context.WithoutCancel(r.Context()), id)
		}
	}()
	h.fn(sw, r, ev)
	ok = sw.status == 0 || (sw.status >= 200 && sw.status < 300)
}

func tooLarge(n int64) error {
	return fmt.Errorf("webhooks: body larger than %d bytes", n)
}

// statusWriter records the final status the application answers with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the first final status and passes it on.
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap gives [http.ResponseController] access to the original writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
