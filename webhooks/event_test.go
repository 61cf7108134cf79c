package webhooks

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeEventUnknownType(t *testing.T) {
	t.Parallel()
	body := `{"data":{"id":"e1","event_type":"something.new_in_2031","occurred_at":"2031-01-02T03:04:05Z",` +
		`"record_type":"event","payload":{"whatever":[1,2,3]},"extra":true},"meta":{"attempt":3,"delivered_to":"https://x.test/hook"},"top":1}`
	ev, err := decodeEvent([]byte(body))
	require.NoError(t, err)
	assert.Equal(t, "e1", ev.Data.ID)
	assert.Equal(t, "something.new_in_2031", ev.Data.EventType)
	assert.Equal(t, "event", ev.Data.RecordType)
	assert.JSONEq(t, `{"whatever":[1,2,3]}`, string(ev.Data.Payload))
	assert.Equal(t, 3, ev.Meta.Attempt)
	assert.Equal(t, "https://x.test/hook", ev.Meta.DeliveredTo)

	var generic map[string]any
	require.NoError(t, ev.DecodePayload(&generic))
	assert.Equal(t, []any{1.0, 2.0, 3.0}, generic["whatever"])
}

func TestDecodeEventOccurredAt(t *testing.T) {
	t.Parallel()
	utc := func(ns int) time.Time { return time.Date(2024, 5, 6, 7, 8, 9, ns, time.UTC) }
	cases := map[string]time.Time{
		`"2024-05-06T07:08:09Z"`:           utc(0),
		`"2024-05-06T07:08:09.123456Z"`:    utc(123456000),
		`"2024-05-06T07:08:09.123456789Z"`: utc(123456789),
		`"2024-05-06T09:08:09+02:00"`:      utc(0),
		`"2024-05-06T07:08:09.5"`:          utc(500000000),
		`"2024-05-06 07:08:09"`:            utc(0),
		`"2024-05-06"`:                     time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC),
		`""`:                               {},
		`null`:                             {},
		`1714979289`:                       {}, // not a form Timestamp reads: zero, not an error
		`"last tuesday"`:                   {},
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			ev, err := decodeEvent([]byte(`{"data":{"id":"x","occurred_at":` + in + `}}`))
			require.NoError(t, err)
			assert.True(t, want.Equal(ev.Data.OccurredAt.Time), "got %v, want %v", ev.Data.OccurredAt, want)
		})
	}
	ev, err := decodeEvent([]byte(`{"data":{}}`))
	require.NoError(t, err)
	assert.True(t, ev.Data.OccurredAt.IsZero())
}

func TestDecodePayloadIntoCallerType(t *testing.T) {
	t.Parallel()
	ev, err := decodeEvent([]byte(kaBody))
	require.NoError(t, err)
	var call struct {
		CallControlID string `json:"call_control_id"`
		Direction     string `json:"direction"`
		From          string `json:"from"`
		To            string `json:"to"`
		State         string `json:"state"`
	}
	require.NoError(t, ev.DecodePayload(&call))
	assert.Equal(t, "v3:abc", call.CallControlID)
	assert.Equal(t, "incoming", call.Direction)
	assert.Equal(t, "+13125550100", call.From)
	assert.Equal(t, "+13125550123", call.To)
	assert.Equal(t, "parked", call.State)

	var wrong struct {
		From int `json:"from"`
	}
	err = ev.DecodePayload(&wrong)
	var typeErr *json.UnmarshalTypeError
	require.ErrorAs(t, err, &typeErr)

	require.Error(t, ev.DecodePayload(call)) // not a pointer

	noPayload, err := decodeEvent([]byte(`{"data":{"id":"x"}}`))
	require.NoError(t, err)
	require.ErrorContains(t, noPayload.DecodePayload(&call), "no payload")
}

func TestDecodeEventErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"empty":           ``,
		"blank":           " \n",
		"null":            `null`,
		"array":           `[{"data":{}}]`,
		"string":          `"secret-ish text"`,
		"truncated":       `{"data":{"id":"secret-ish`,
		"trailing data":   `{"data":{}} {"data":{}}`,
		"id is a number":  `{"data":{"id":424242}}`,
		"attempt string":  `{"meta":{"attempt":"secret-ish"}}`,
		"payload invalid": `{"data":{"payload":{secret-ish}}}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := decodeEvent([]byte(body))
			require.ErrorIs(t, err, ErrMalformedEvent)
			assert.NotContains(t, err.Error(), "secret-ish")
			assert.NotContains(t, err.Error(), "424242")
		})
	}
}

func TestEventRoundTrip(t *testing.T) {
	t.Parallel()
	ev, err := decodeEvent([]byte(kaBody))
	require.NoError(t, err)
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	again, err := decodeEvent(out)
	require.NoError(t, err)
	assert.Equal(t, ev.Data.ID, again.Data.ID)
	assert.True(t, ev.Data.OccurredAt.Equal(again.Data.OccurredAt))
	assert.JSONEq(t, string(ev.Data.Payload), string(again.Data.Payload))
}
