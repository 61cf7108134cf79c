package webhooks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
)

// ErrMalformedEvent is wrapped by the error for a correctly signed body that
// does not decode: a JSON body that is not an event envelope, or a form body
// that is not valid form encoding.
var ErrMalformedEvent = errors.New("webhooks: malformed event")

// formType is the media type of TeXML callbacks.
const formType = "application/x-www-form-urlencoded"

// Event is one decoded delivery. Most deliveries are JSON envelopes, which
// fill Data and Meta: fields absent from the body are left zero, and event
// types this package has never heard of decode like any other, with the
// payload kept raw for [Event.DecodePayload].
//
// TeXML callbacks are instead form-encoded, with a Content-Type of
// application/x-www-form-urlencoded, and signed the same way. For those,
// Form holds the fields (CallSid, CallStatus, From, To and so on) and Data
// and Meta stay zero; [Event.IsForm] tells the two apart.
type Event struct {
	Data EventData `json:"data"`
	Meta EventMeta `json:"meta"`

	// Form holds the fields of a form-encoded delivery. It is nil for a
	// JSON event and non-nil, though possibly empty, for a form.
	Form url.Values `json:"-"`
}

// IsForm reports whether the event came as a form-encoded TeXML callback,
// with its content in Form rather than Data and Meta.
func (e *Event) IsForm() bool { return e.Form != nil }

// EventData describes what happened.
type EventData struct {
	ID         string           `json:"id"`                // unique per event, the same on every delivery attempt
	EventType  string           `json:"event_type"`        // for example "call.initiated"
	OccurredAt telnyx.Timestamp `json:"occurred_at"`       // when it happened, not when it was delivered
	RecordType string           `json:"record_type"`       // normally "event"
	Payload    json.RawMessage  `json:"payload,omitempty"` // the event-specific part, undecoded
}

// EventMeta describes the delivery.
type EventMeta struct {
	Attempt     int    `json:"attempt"`      // 1 for the first delivery, counting up on retries
	DeliveredTo string `json:"delivered_to"` // the URL the delivery was sent to
}

// DecodePayload decodes the payload into v, which must be a pointer, as
// [json.Unmarshal] does. It fails if the event has no payload, as a form
// never has.
func (e *Event) DecodePayload(v any) error {
	if len(e.Data.Payload) == 0 {
		return errors.New("webhooks: event has no payload")
	}
	if err := json.Unmarshal(e.Data.Payload, v); err != nil {
		return fmt.Errorf("webhooks: decoding payload: %w", err)
	}
	return nil
}

// decodeDelivery decodes body as a form if the Content-Type in h names the
// form media type (parameters such as charset ignored) and as a JSON event
// otherwise.
func decodeDelivery(body []byte, h http.Header) (*Event, error) {
	if isForm(header(h, "Content-Type")) {
		return decodeForm(body)
	}
	return decodeEvent(body)
}

func isForm(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.EqualFold(strings.TrimSpace(mt), formType)
}

// decodeForm decodes a form body into an Event. Its errors do not quote the
// body, unlike those of url.ParseQuery.
func decodeForm(body []byte) (*Event, error) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, fmt.Errorf("%w: not valid form encoding", ErrMalformedEvent)
	}
	return &Event{Form: form}, nil
}

// decodeEvent decodes a JSON object into an Event. Its errors describe the
// problem without quoting the body.
func decodeEvent(body []byte) (*Event, error) {
	if b := bytes.TrimLeft(body, " \t\r\n"); len(b) == 0 || b[0] != '{' {
		return nil, fmt.Errorf("%w: not a JSON object", ErrMalformedEvent)
	}
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, fmt.Errorf("%w: invalid JSON near byte %d", ErrMalformedEvent, syn.Offset)
		case errors.As(err, &typ):
			// Value may carry the literal ("number 12"): keep only its kind.
			kind, _, _ := strings.Cut(typ.Value, " ")
			return nil, fmt.Errorf("%w: %s is a JSON %s, want %v", ErrMalformedEvent, typ.Field, kind, typ.Type)
		default:
			return nil, fmt.Errorf("%w: invalid JSON", ErrMalformedEvent)
		}
	}
	return &ev, nil
}
