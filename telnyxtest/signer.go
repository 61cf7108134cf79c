package telnyxtest

// This file uses only the standard library, so that the Signer is available
// to tests however the rest of the package changes.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// The headers Telnyx signs webhook deliveries with.
const (
	webhookSignatureHeader = "Telnyx-Signature-Ed25519"
	webhookTimestampHeader = "Telnyx-Timestamp"
)

// Signer signs webhook deliveries the way Telnyx does, with a key pair of
// its own, for tests of code that receives them. Give the code under test
// the string from PublicKey in place of the portal's key. A Signer is safe
// for concurrent use.
type Signer struct {
	priv ed25519.PrivateKey
}

// NewSigner returns a Signer with a freshly generated key pair.
func NewSigner() (*Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("telnyxtest: generating signing key: %w", err)
	}
	return &Signer{priv: priv}, nil
}

// NewSignerFromSeed returns a Signer whose key pair is derived from a
// 32-byte seed, for tests that need the same key and signatures every run.
func NewSignerFromSeed(seed []byte) (*Signer, error) {
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("telnyxtest: signing seed is %d bytes, want %d", len(seed), ed25519.SeedSize)
	}
	return &Signer{priv: ed25519.NewKeyFromSeed(seed)}, nil
}

// PublicKey returns the public key in standard base64, the form the Telnyx
// portal shows and TELNYX_PUBLIC_KEY holds.
func (s *Signer) PublicKey() string {
	return base64.StdEncoding.EncodeToString(s.priv.Public().(ed25519.PublicKey))
}

// Sign returns the telnyx-timestamp and telnyx-signature-ed25519 headers for
// a delivery of body sent at t (truncated to the second).
func (s *Signer) Sign(body []byte, t time.Time) http.Header {
	ts := strconv.FormatInt(t.Unix(), 10)
	msg := make([]byte, 0, len(ts)+1+len(body))
	msg = append(msg, ts...)
	msg = append(msg, '|')
	msg = append(msg, body...)
	h := make(http.Header, 2)
	h.Set(webhookTimestampHeader, ts)
	h.Set(webhookSignatureHeader, base64.StdEncoding.EncodeToString(ed25519.Sign(s.priv, msg)))
	return h
}

// NewRequest returns a POST of body to url, signed as sent at t, with a JSON
// content type. It serves both for a client sending to an httptest.Server
// and for calling a handler's ServeHTTP directly.
func (s *Signer) NewRequest(ctx context.Context, url string, body []byte, t time.Time) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("telnyxtest: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, vs := range s.Sign(body, t) {
		req.Header[k] = vs
	}
	return req, nil
}
