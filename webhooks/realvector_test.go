package webhooks

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A delivery Telnyx really sent, published in the example program of the
// official .NET SDK: github.com/team-telnyx/telnyx-dotnet at commit
// 8754f11347d710ef483dc5760886677509b77e72 ("add signaturevalidation"),
// src/Telnyx.Example/Program.cs, method GetWebhook. Key, signature and
// timestamp are copied unchanged.
//
// dotnetBodyCSharp is the C# string literal of that method, copied
// character for character: its only escapes, \r, \n and \", mean the same
// in Go. That literal ends its lines with CRLF, yet the signature covers
// the body with plain LF line ends, which is therefore what Telnyx sent;
// the CRs were presumably added when the JSON was pasted into the Windows
// source. (The SDK at that commit could not have verified it either way:
// it checked the signature over the text "System.Byte[]|System.Byte[]";
// later commits check timestamp + "|" + body, as this package does.)
const (
	dotnetPublicKey  = "4S5rFllksz20qtRP/7cwj8g8PeypQg4/Ym5V69mEBL0="
	dotnetSignature  = "hk0AvSYv+xze5WKnEwNoE2zisVK6R3whPKkso8drRZhYjkpgXd9MkSnjsJGhQ+sEUqaMF5fQdaHSZnz/ET3pDA=="
	dotnetTimestamp  = "1601667324" // 2020-10-02T19:35:24Z
	dotnetBodySHA256 = "ce1048646c90674cd9f1188ca3b6a3c268de3360b1ddfd97facc9634366cfd70"
	dotnetBodyCSharp = "{\r\n  \"data\": {\r\n    \"event_type\": \"message.received\",\r\n    \"id\": \"62636d81-3815-4ca1-8901-5cfe2e180a68\",\r\n    \"occurred_at\": \"2020-10-02T19:35:24.409+00:00\",\r\n    \"payload\": {\r\n      \"cc\": [],\r\n      \"completed_at\": null,\r\n      \"cost\": null,\r\n      \"direction\": \"inbound\",\r\n      \"encoding\": \"GSM-7\",\r\n      \"errors\": [],\r\n      \"from\": {\r\n        \"carrier\": \"Verizon Wireless\",\r\n        \"line_type\": \"Wireless\",\r\n        \"phone_number\": \"+12408213782\"\r\n      },\r\n      \"id\": \"7dc73487-6540-44f6-9ca1-55ab63a108b9\",\r\n      \"media\": [],\r\n      \"messaging_profile_id\": \"4001722f-5463-460b-adc9-c4ecba582176\",\r\n      \"organization_id\": \"7d711162-48e6-4c7f-a37b-bf4c0bccd511\",\r\n      \"parts\": 1,\r\n      \"received_at\": \"2020-10-02T19:35:24.396+00:00\",\r\n      \"record_type\": \"message\",\r\n      \"sent_at\": null,\r\n      \"tags\": [],\r\n      \"text\": \"Yo\",\r\n      \"to\": [\r\n        {\r\n          \"carrier\": \"Telnyx\",\r\n          \"line_type\": \"Wireless\",\r\n          \"phone_number\": \"+19712881359\",\r\n          \"status\": \"webhook_delivered\"\r\n        }\r\n      ],\r\n      \"type\": \"SMS\",\r\n      \"valid_until\": null,\r\n      \"webhook_failover_url\": null,\r\n      \"webhook_url\": \"https://webhook.site/efd0a605-18dc-4a6b-ac3f-222226be78aa\"\r\n    },\r\n    \"record_type\": \"event\"\r\n  },\r\n  \"meta\": {\r\n    \"attempt\": 1,\r\n    \"delivered_to\": \"https://webhook.site/efd0a605-18dc-4a6b-ac3f-222226be78aa\"\r\n  }\r\n}"
)

// dotnetBody is the body as Telnyx signed it: the C# literal with LF line ends.
var dotnetBody = strings.ReplaceAll(dotnetBodyCSharp, "\r\n", "\n")

var dotnetTime = time.Unix(1601667324, 0)

func dotnetHeader() http.Header {
	h := http.Header{}
	h.Set(SignatureHeader, dotnetSignature)
	h.Set(TimestampHeader, dotnetTimestamp)
	h.Set("Content-Type", "application/json")
	return h
}

// dotnetVerifier verifies with a clock a second after the delivery was sent.
func dotnetVerifier(t *testing.T) *Verifier {
	t.Helper()
	k, err := ParsePublicKey(dotnetPublicKey)
	require.NoError(t, err)
	return NewVerifier(k, WithClock(fixedClock(dotnetTime.Add(time.Second))))
}

func TestRealDeliveryVectorIsIntact(t *testing.T) {
	t.Parallel()
	// Guards against an editor or a checkout changing the bytes.
	assert.Len(t, dotnetBodyCSharp, 1375)
	assert.Len(t, dotnetBody, 1329)
	assert.NotContains(t, dotnetBody, "\r")
	sum := sha256.Sum256([]byte(dotnetBody))
	assert.Equal(t, dotnetBodySHA256, hex.EncodeToString(sum[:]))
	assert.True(t, strings.HasPrefix(dotnetBody, "{\n  \"data\": {\n    \"event_type\": \"message.received\","))
	assert.True(t, strings.HasSuffix(dotnetBody, "\n  }\n}"), "no trailing newline")
}

func TestRealDeliveryVerifies(t *testing.T) {
	t.Parallel()
	v := dotnetVerifier(t)
	require.NoError(t, v.Verify([]byte(dotnetBody), dotnetHeader()))

	ev, err := v.Event([]byte(dotnetBody), dotnetHeader())
	require.NoError(t, err)
	assert.False(t, ev.IsForm())
	assert.Equal(t, "62636d81-3815-4ca1-8901-5cfe2e180a68", ev.Data.ID)
	assert.Equal(t, "message.received", ev.Data.EventType)
	assert.Equal(t, "event", ev.Data.RecordType)
	assert.True(t, time.Date(2020, 10, 2, 19, 35, 24, 409000000, time.UTC).Equal(ev.Data.OccurredAt.Time),
		"occurred_at %v", ev.Data.OccurredAt)
	assert.Equal(t, 1, ev.Meta.Attempt)
	assert.Equal(t, "https://webhook.site/efd0a605-18dc-4a6b-ac3f-222226be78aa", ev.Meta.DeliveredTo)

	var msg struct {
		Direction string `json:"direction"`
		Text      string `json:"text"`
		Type      string `json:"type"`
		From      struct {
			PhoneNumber string `json:"phone_number"`
		} `json:"from"`
		To []struct {
			PhoneNumber string `json:"phone_number"`
		} `json:"to"`
	}
	require.NoError(t, ev.DecodePayload(&msg))
	assert.Equal(t, "inbound", msg.Direction)
	assert.Equal(t, "Yo", msg.Text)
	assert.Equal(t, "SMS", msg.Type)
	assert.Equal(t, "+12408213782", msg.From.PhoneNumber)
	require.Len(t, msg.To, 1)
	assert.Equal(t, "+19712881359", msg.To[0].PhoneNumber)
}

func TestRealDeliveryKeyForms(t *testing.T) {
	t.Parallel()
	want, err := ParsePublicKey(dotnetPublicKey)
	require.NoError(t, err)
	unpadded, err := ParsePublicKey(strings.TrimRight(dotnetPublicKey, "="))
	require.NoError(t, err)
	assert.Equal(t, want, unpadded)
	raw, err := base64.StdEncoding.DecodeString(dotnetPublicKey)
	require.NoError(t, err)
	fromBytes, err := PublicKeyFromBytes(raw)
	require.NoError(t, err)
	assert.Equal(t, want, fromBytes)
	for _, k := range []PublicKey{unpadded, fromBytes} {
		v := NewVerifier(k, WithClock(fixedClock(dotnetTime)))
		require.NoError(t, v.Verify([]byte(dotnetBody), dotnetHeader()))
	}
}

func TestRealDeliveryExactBytes(t *testing.T) {
	t.Parallel()
	v := dotnetVerifier(t)
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, []byte(dotnetBody)))
	for name, body := range map[string]string{
		"CRLF as in the C# literal": dotnetBodyCSharp,
		"trailing newline":          dotnetBody + "\n",
		"re-serialized compactly":   compact.String(),
		"text changed":              strings.Replace(dotnetBody, `"Yo"`, `"Yo!"`, 1),
	} {
		require.ErrorIs(t, v.Verify([]byte(body), dotnetHeader()), ErrInvalidSignature, name)
	}
	h := dotnetHeader()
	h.Set(TimestampHeader, "1601667325")
	require.ErrorIs(t, v.Verify([]byte(dotnetBody), h), ErrInvalidSignature, "timestamp is signed")

	other, err := ParsePublicKey(kaPublicKey)
	require.NoError(t, err)
	require.ErrorIs(t, NewVerifier(other, WithClock(fixedClock(dotnetTime))).Verify([]byte(dotnetBody), dotnetHeader()),
		ErrInvalidSignature, "another key")
}

func TestRealDeliveryTolerance(t *testing.T) {
	t.Parallel()
	k, err := ParsePublicKey(dotnetPublicKey)
	require.NoError(t, err)
	// On the system clock the signature is good but years stale.
	err = NewVerifier(k).Verify([]byte(dotnetBody), dotnetHeader())
	require.ErrorIs(t, err, ErrTimestampOutOfTolerance)
	var te *ToleranceError
	require.ErrorAs(t, err, &te)
	assert.Greater(t, te.Skew, 4*365*24*time.Hour)
	// A tolerance wide enough lets it through without a fake clock.
	require.NoError(t, NewVerifier(k, WithTolerance(time.Since(dotnetTime)+time.Hour)).
		Verify([]byte(dotnetBody), dotnetHeader()))
	// Six minutes after sending, the default tolerance refuses it.
	err = NewVerifier(k, WithClock(fixedClock(dotnetTime.Add(6*time.Minute)))).Verify([]byte(dotnetBody), dotnetHeader())
	require.ErrorIs(t, err, ErrTimestampOutOfTolerance)
}

func TestRealDeliveryThroughHandler(t *testing.T) {
	t.Parallel()
	var got []*Event
	h := NewHandler(dotnetVerifier(t), func(w http.ResponseWriter, r *http.Request, ev *Event) {
		got = append(got, ev)
	}, WithReplayStore(NewMemoryStore()))
	for range 2 { // the second is a replay
		r := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/webhooks", strings.NewReader(dotnetBody))
		// Header names as Telnyx sends them, lower case.
		r.Header = http.Header{}
		for k, vs := range dotnetHeader() {
			r.Header[strings.ToLower(k)] = vs
		}
		w := serve(h, r)
		assert.Equal(t, http.StatusOK, w.Code)
	}
	require.Len(t, got, 1)
	assert.Equal(t, "62636d81-3815-4ca1-8901-5cfe2e180a68", got[0].Data.ID)
}
