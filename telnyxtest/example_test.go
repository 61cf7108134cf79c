package telnyxtest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
	"github.com/telnyx-sip-integrations/telnyx-go/webhooks"
)

// A test of code that must ride out an outage: the fake fails the first two
// list calls, and the client's millisecond retries get through.
func ExampleServer_FailNext() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedRecording(recordings.Recording{From: "+15551230000", To: "+15551239999"})
	srv.FailNext(2, http.StatusServiceUnavailable, telnyxtest.OnOperation(telnyxtest.OpGetRecordings))

	recs := recordings.New(srv.Client())
	page, err := recs.List(context.Background(), recordings.ListParams{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("recordings:", len(page.Data))
	fmt.Println("calls:", telnyxtest.Operations(srv.Requests()))
	// Output:
	// recordings: 1
	// calls: [GetRecordings GetRecordings GetRecordings]
}

// A test of a webhook handler: the Signer plays Telnyx, signing a delivery
// that the handler under test verifies with the matching public key.
func ExampleSigner() {
	signer, err := telnyxtest.NewSigner()
	if err != nil {
		log.Fatal(err)
	}
	key, err := webhooks.ParsePublicKey(signer.PublicKey()) // what TELNYX_PUBLIC_KEY holds
	if err != nil {
		log.Fatal(err)
	}
	body := []byte(`{"data":{"id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","event_type":"call.initiated","occurred_at":"2026-12-02T05:00:00Z","record_type":"event","payload":{}},"meta":{"attempt":1}}`)
	ev, err := webhooks.NewVerifier(key).Event(body, signer.Sign(body, time.Now()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ev.Data.EventType, ev.Data.OccurredAt.Format(time.RFC3339))
	// Output: call.initiated 2026-12-02T05:00:00Z
}

// The fake answers what the API refuses, as the API does.
func ExampleNewServer() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	_, err := recordings.New(srv.Client()).Get(context.Background(), "no-such-recording")
	var apiErr *telnyx.Error
	fmt.Println(errorsAs(err, &apiErr), apiErr.StatusCode)
	// Output: true 404
}

func errorsAs(err error, target **telnyx.Error) bool { return errors.As(err, target) }
