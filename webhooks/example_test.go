package webhooks_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
	"github.com/telnyx-sip-integrations/telnyx-go/webhooks"
)

// A delivery is built and signed with a test key pair, then received by the
// handler, which verifies it, skips the repeat and hands on the event.
func Example() {
	signer, err := telnyxtest.NewSigner()
	if err != nil {
		log.Fatal(err)
	}
	// In production: key, err := webhooks.PublicKeyFromEnv()
	key, err := webhooks.ParsePublicKey(signer.PublicKey())
	if err != nil {
		log.Fatal(err)
	}
	sentAt := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	verifier := webhooks.NewVerifier(key, webhooks.WithClock(func() time.Time {
		return sentAt.Add(2 * time.Second) // the delivery took two seconds
	}))

	type callPayload struct {
		CallControlID string `json:"call_control_id"`
		From          string `json:"from"`
		To            string `json:"to"`
	}
	handler := webhooks.NewHandler(verifier,
		func(w http.ResponseWriter, r *http.Request, ev *webhooks.Event) {
			var call callPayload
			if err := ev.DecodePayload(&call); err != nil {
				http.Error(w, err.Error(), http.StatusUnprocessableEntity)
				return
			}
			raw, _ := io.ReadAll(r.Body)
			fmt.Println("event:", ev.Data.EventType, ev.Data.ID)
			fmt.Println("occurred at:", ev.Data.OccurredAt)
			fmt.Println("attempt:", ev.Meta.Attempt, "to", ev.Meta.DeliveredTo)
			fmt.Println("call:", call.CallControlID, call.From, "->", call.To)
			fmt.Println("raw body bytes:", len(raw))
		},
		webhooks.WithReplayStore(webhooks.NewMemoryStore()),
	)

	body := []byte(`{"data":{"id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","event_type":"call.initiated",` +
		`"occurred_at":"2025-03-01T11:59:59.500000Z","record_type":"event",` +
		`"payload":{"call_control_id":"v3:abc","from":"+13125550100","to":"+13125550123"}},` +
		`"meta":{"attempt":1,"delivered_to":"https://example.com/telnyx/webhooks"}}`)
	for range 2 { // the second delivery is a replay
		req, err := signer.NewRequest(context.Background(), "https://example.com/telnyx/webhooks", body, sentAt)
		if err != nil {
			log.Fatal(err)
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		fmt.Println("status:", w.Code)
	}

	// Verifying without the handler.
	h := signer.Sign(body, sentAt)
	fmt.Println("verify:", verifier.Verify(body, h))
	fmt.Println("tampered:", verifier.Verify(append(body, ' '), h))

	// Output:
	// event: call.initiated 0ccc7b54-4df3-4bca-a65a-3da1ecc777f0
	// occurred at: 2025-03-01T11:59:59.5Z
	// attempt: 1 to https://example.com/telnyx/webhooks
	// call: v3:abc +13125550100 -> +13125550123
	// raw body bytes: 305
	// status: 200
	// status: 200
	// verify: <nil>
	// tampered: webhooks: invalid signature
}

// Verifier.Event verifies and decodes in one step, for code that is not an
// http.Handler, such as a queue consumer.
func ExampleVerifier_Event() {
	signer, err := telnyxtest.NewSigner()
	if err != nil {
		log.Fatal(err)
	}
	key, err := webhooks.ParsePublicKey(signer.PublicKey())
	if err != nil {
		log.Fatal(err)
	}
	now := time.Unix(1700000000, 0)
	v := webhooks.NewVerifier(key, webhooks.WithClock(func() time.Time { return now }))

	body := []byte(`{"data":{"id":"e1","event_type":"call.hangup","payload":{}},"meta":{"attempt":2}}`)
	ev, err := v.Event(body, signer.Sign(body, now))
	fmt.Println(ev.Data.EventType, ev.Meta.Attempt, err)

	_, err = v.Event(body, signer.Sign(body, now.Add(-10*time.Minute)))
	fmt.Println(err)

	// Output:
	// call.hangup 2 <nil>
	// webhooks: timestamp out of tolerance: 10m0s old, tolerance 5m0s
}

// TeXML callbacks arrive form-encoded; the same handler hands them on with
// their fields in Event.Form.
func Example_teXML() {
	signer, err := telnyxtest.NewSigner()
	if err != nil {
		log.Fatal(err)
	}
	key, err := webhooks.ParsePublicKey(signer.PublicKey())
	if err != nil {
		log.Fatal(err)
	}
	sentAt := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	verifier := webhooks.NewVerifier(key, webhooks.WithClock(func() time.Time { return sentAt }))

	handler := webhooks.NewHandler(verifier,
		func(w http.ResponseWriter, r *http.Request, ev *webhooks.Event) {
			if !ev.IsForm() {
				fmt.Println("event:", ev.Data.EventType)
				return
			}
			fmt.Println("TeXML:", ev.Form.Get("CallSid"), ev.Form.Get("CallStatus"), ev.Form.Get("From"))
		},
		webhooks.WithReplayStore(webhooks.NewMemoryStore()),
	)

	body := []byte("CallSid=v3%3Aabc&CallStatus=completed&From=%2B13125550100&To=%2B13125550123")
	for range 2 { // the second delivery is a replay of the first
		req, err := signer.NewRequest(context.Background(), "https://example.com/telnyx/texml", body, sentAt)
		if err != nil {
			log.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		fmt.Println("status:", w.Code)
	}

	// Output:
	// TeXML: v3:abc completed +13125550100
	// status: 200
	// status: 200
}
