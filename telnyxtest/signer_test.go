package telnyxtest

import (
	"crypto/ed25519"
	"encoding/base64"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignerSignsLikeTelnyx(t *testing.T) {
	t.Parallel()
	s, err := NewSigner()
	require.NoError(t, err)
	pub, err := base64.StdEncoding.DecodeString(s.PublicKey())
	require.NoError(t, err)
	require.Len(t, pub, ed25519.PublicKeySize)

	body := []byte(`{"data":{"id":"x"}}`)
	at := time.Date(2023, 11, 14, 22, 13, 20, 999, time.UTC)
	h := s.Sign(body, at)
	assert.Equal(t, "1700000000", h.Get("telnyx-timestamp"))
	sig, err := base64.StdEncoding.DecodeString(h.Get("telnyx-signature-ed25519"))
	require.NoError(t, err)
	assert.True(t, ed25519.Verify(pub, []byte("1700000000|"+string(body)), sig))
	assert.False(t, ed25519.Verify(pub, []byte("1700000001|"+string(body)), sig))
	assert.Len(t, h, 2)

	other, err := NewSigner()
	require.NoError(t, err)
	assert.NotEqual(t, s.PublicKey(), other.PublicKey())
}

func TestSignerFromSeedIsDeterministic(t *testing.T) {
	t.Parallel()
	seed := []byte("telnyx-go webhooks test seed 01.")
	a, err := NewSignerFromSeed(seed)
	require.NoError(t, err)
	b, err := NewSignerFromSeed(seed)
	require.NoError(t, err)
	// The same vector as webhooks' known-answer test.
	assert.Equal(t, "T4zjvZQIuSelJHNjuobwNQoJK6OtBBX7/IOLWP4SwD4=", a.PublicKey())
	at := time.Unix(1700000000, 0)
	assert.Equal(t, a.Sign([]byte("{}"), at), b.Sign([]byte("{}"), at))

	_, err = NewSignerFromSeed(seed[:31])
	require.ErrorContains(t, err, "31 bytes, want 32")
}

func TestSignerNewRequest(t *testing.T) {
	t.Parallel()
	s, err := NewSigner()
	require.NoError(t, err)
	body := []byte(`{"data":{}}`)
	at := time.Unix(1700000000, 0)
	req, err := s.NewRequest(t.Context(), "https://example.com/hooks?x=1", body, at)
	require.NoError(t, err)
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/hooks", req.URL.Path)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.Equal(t, s.Sign(body, at).Get("Telnyx-Signature-Ed25519"), req.Header.Get("Telnyx-Signature-Ed25519"))
	assert.Equal(t, "1700000000", req.Header.Get("Telnyx-Timestamp"))
	assert.EqualValues(t, len(body), req.ContentLength)
	got, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	assert.Equal(t, body, got)
	assert.Equal(t, t.Context(), req.Context())

	_, err = s.NewRequest(t.Context(), "://no-scheme", body, at)
	require.ErrorContains(t, err, "telnyxtest:")
}
