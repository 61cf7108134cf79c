package webhooks

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Known-answer vector, computed once with ed25519.NewKeyFromSeed(kaSeed)
// and ed25519.Sign over kaTimestamp + "|" + kaBody.
const (
	kaSeed      = "telnyx-go webhooks test seed 01."
	kaPublicKey = "T4zjvZQIuSelJHNjuobwNQoJK6OtBBX7/IOLWP4SwD4="
	kaTimestamp = "1700000000" // 2023-11-14T22:13:20Z
	kaSignature = "/uJYlm+VUVve9dIgd2q7gDcFFfB7PAVFCIeevX2y1QfDZB5bz947qFuDoqRV6LWA96B6GxKeTd2CRhOdbIHgBw=="
	kaBody      = `{"data":{"event_type":"call.initiated","id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","occurred_at":"2023-11-14T22:13:15.123456Z","payload":{"call_control_id":"v3:abc","direction":"incoming","from":"+13125550100","to":"+13125550123","state":"parked"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks"}}`
)

var kaTime = time.Unix(1700000000, 0)

func kaKey() ed25519.PrivateKey { return ed25519.NewKeyFromSeed([]byte(kaSeed)) }

func kaHeader() http.Header {
	h := http.Header{}
	h.Set(SignatureHeader, kaSignature)
	h.Set(TimestampHeader, kaTimestamp)
	return h
}

// signAt signs body with priv as Telnyx would at t.
func signAt(priv ed25519.PrivateKey, body []byte, t time.Time) http.Header {
	return signText(priv, body, strconv.FormatInt(t.Unix(), 10))
}

// signText signs body with priv under the literal timestamp text ts.
func signText(priv ed25519.PrivateKey, body []byte, ts string) http.Header {
	sig := ed25519.Sign(priv, append([]byte(ts+"|"), body...))
	h := http.Header{}
	h.Set(SignatureHeader, base64.StdEncoding.EncodeToString(sig))
	h.Set(TimestampHeader, ts)
	return h
}

func publicKeyOf(t testing.TB, priv ed25519.PrivateKey) PublicKey {
	t.Helper()
	k, err := ParsePublicKey(base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey)))
	require.NoError(t, err)
	return k
}

func newKey(t testing.TB) ed25519.PrivateKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	return priv
}

func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// fakeClock is a settable clock safe for concurrent use.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
