// Package webhooks checks and decodes the webhook deliveries Telnyx sends
// to a connection's webhook_event_url.
//
// Telnyx signs every delivery with Ed25519. Two headers carry the proof:
//
//	telnyx-timestamp:         1700000000              (Unix seconds)
//	telnyx-signature-ed25519: <base64 of 64 bytes>
//
// The signed message is the timestamp exactly as sent, a "|", and the raw
// request body, byte for byte: a body re-serialized or with its line ends
// changed no longer verifies. The matching public key is shown in the
// Telnyx portal in standard base64 (read with or without its "=" padding)
// and is conventionally kept in the TELNYX_PUBLIC_KEY environment variable.
// A delivery is accepted when the signature checks out under that key and the
// timestamp is within a tolerance (five minutes by default) of the local
// clock, which limits how long a captured delivery can be replayed.
//
// A [Verifier] does the check on a body and its headers; [NewHandler] wraps
// it in an [http.Handler] that also caps the body size, decodes the [Event]
// envelope and, given a [ReplayStore], answers repeated deliveries of an
// event without calling the application again:
//
//	key, err := webhooks.PublicKeyFromEnv()
//	if err != nil {
//		log.Fatal(err)
//	}
//	v := webhooks.NewVerifier(key)
//	http.Handle("POST /telnyx/webhooks", webhooks.NewHandler(v,
//		func(w http.ResponseWriter, r *http.Request, ev *webhooks.Event) {
//			switch ev.Data.EventType {
//			case "call.initiated":
//				// ...
//			}
//		},
//		webhooks.WithReplayStore(webhooks.NewMemoryStore()),
//	))
//
// TeXML callbacks are signed the same way but sent form-encoded
// (application/x-www-form-urlencoded) rather than as JSON. The handler
// hands them on too, with the fields in [Event.Form] and [Event.IsForm]
// true; see [WithReplayStore] for how their repeats are recognized.
//
// Connections still on Telnyx API v1 had their webhooks signed differently:
// an HMAC-SHA256 digest in a telnyx-signature header rather than an Ed25519
// signature. This package verifies only the Ed25519 signatures of API v2.
// A delivery that carries a telnyx-signature header but no
// telnyx-signature-ed25519 is refused (400 from the handler) with
// [ErrV1Signature], which says so, rather than with a bare missing header;
// switch the connection to API v2 webhooks to receive deliveries this
// package can verify.
//
// The telnyxtest package has a Signer that produces signed deliveries for
// tests of such handlers.
package webhooks
