package webhooks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
)

// ErrMalformedEvent is wrapped by the error for a correctly signed body that
// is not a JSON event envelope.
var ErrMalformedEvent = errors.New("webhooks: malformed event")

// Event is the envelope of every delivery. Fields absent from the body are
// left zero; event types this package has never heard of decode like any
// other, with the payload kept raw for [Event.DecodePayload].
type Event struct {
	Data EventData `json:"data"`
	Meta EventMeta `json:"meta"`
}

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
// [json.Unmarshal] does. It fails if the event has no payload.
func (e *Event) DecodePayload(v any) error {
	if len(e.Data.Payload) == 0 {
		return errors.New("webhooks: event has no payload")
	}
	if err := json.Unmarshal(e.Data.Payload, v); err != nil {
		return fmt.Errorf("webhooks: decoding payload: %w", err)
	}
	return nil
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
