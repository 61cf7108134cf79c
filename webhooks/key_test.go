package webhooks

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePublicKey(t *testing.T) {
	t.Parallel()
	k, err := ParsePublicKey(kaPublicKey)
	require.NoError(t, err)
	assert.Equal(t, kaPublicKey, k.String())
	assert.Equal(t, []byte(kaKey().Public().(ed25519.PublicKey)), k.b[:])

	k2, err := ParsePublicKey("  " + kaPublicKey + "\n")
	require.NoError(t, err)
	assert.Equal(t, k, k2)
}

func TestParsePublicKeyUnpadded(t *testing.T) {
	t.Parallel()
	want, err := ParsePublicKey(kaPublicKey)
	require.NoError(t, err)
	unpadded := strings.TrimRight(kaPublicKey, "=")
	require.Len(t, unpadded, 43)
	for _, in := range []string{unpadded, " " + unpadded + "\n"} {
		k, err := ParsePublicKey(in)
		require.NoError(t, err, "%q", in)
		assert.Equal(t, want, k)
		assert.Equal(t, kaPublicKey, k.String(), "String always pads")
	}
	// Any key, padded or not, reads back as itself.
	for range 20 {
		pub := newKey(t).Public().(ed25519.PublicKey)
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
			k, err := ParsePublicKey(enc.EncodeToString(pub))
			require.NoError(t, err)
			assert.Equal(t, []byte(pub), k.b[:])
		}
	}
	// A verifier built from the unpadded form accepts the known answer.
	k, err := ParsePublicKey(unpadded)
	require.NoError(t, err)
	v := NewVerifier(k, WithClock(fixedClock(kaTime)))
	require.NoError(t, v.Verify([]byte(kaBody), kaHeader()))
}

func TestPublicKeyFromBytes(t *testing.T) {
	t.Parallel()
	raw := []byte(kaKey().Public().(ed25519.PublicKey))
	k, err := PublicKeyFromBytes(raw)
	require.NoError(t, err)
	want, err := ParsePublicKey(kaPublicKey)
	require.NoError(t, err)
	assert.Equal(t, want, k)

	// The key is a copy: changing the slice afterwards changes nothing.
	raw[0] ^= 0xff
	assert.Equal(t, kaPublicKey, k.String())
	v := NewVerifier(k, WithClock(fixedClock(kaTime)))
	require.NoError(t, v.Verify([]byte(kaBody), kaHeader()))

	for name, tc := range map[string]struct {
		in   []byte
		want string
	}{
		"nil":         {nil, "0 bytes, want 32"},
		"31 bytes":    {make([]byte, 31), "31 bytes, want 32"},
		"33 bytes":    {append(want.b[:], 0), "33 bytes, want 32"},
		"private key": {kaKey(), "64 bytes, want 32"},
		"base64 text": {[]byte(kaPublicKey), "44 bytes, want 32"},
	} {
		_, err := PublicKeyFromBytes(tc.in)
		require.ErrorIs(t, err, ErrInvalidPublicKey, name)
		assert.Contains(t, err.Error(), tc.want, name)
		assert.NotContains(t, err.Error(), kaPublicKey, name)
	}
	for name, sk := range smallOrderKeys(t) {
		_, err := PublicKeyFromBytes(sk[:])
		require.ErrorIs(t, err, ErrInvalidPublicKey, name)
		assert.Contains(t, err.Error(), "small order", name)
	}
}

func TestParsePublicKeyErrors(t *testing.T) {
	t.Parallel()
	secretish := "KEY0123456789ABCDEF_not_base64!" // must never be echoed
	cases := map[string]struct {
		in   string
		want string
	}{
		"empty":         {"", "empty"},
		"blank":         {" \t\n", "empty"},
		"not base64":    {secretish, "not valid standard base64"},
		"url alphabet":  {strings.NewReplacer("+", "-", "/", "_").Replace(kaPublicKey), "not valid standard base64"},
		"too short":     {base64.StdEncoding.EncodeToString(make([]byte, 31)), "31 bytes, want 32"},
		"too long":      {base64.StdEncoding.EncodeToString(append(make([]byte, 32), 1)), "33 bytes, want 32"},
		"private key":   {base64.StdEncoding.EncodeToString(kaKey()), "64 bytes, want 32"},
		"huge":          {strings.Repeat("A", 10000), "10000 characters, want 44"},
		"identity":      {base64.StdEncoding.EncodeToString(append([]byte{1}, make([]byte, 31)...)), "small order"},
		"zero bytes":    {base64.StdEncoding.EncodeToString(make([]byte, 32)), "small order"},
		"inner NUL":     {kaPublicKey[:10] + "\x00" + kaPublicKey[10:], "not valid standard base64"},
		"inner pad":     {kaPublicKey[:20] + "=" + kaPublicKey[21:], "not valid standard base64"},
		"extra pad":     {kaPublicKey + "=", "not valid standard base64"},
		"half padded":   {base64.StdEncoding.EncodeToString(make([]byte, 31))[:43], "not valid standard base64"},
		"unpadded url":  {strings.NewReplacer("+", "-", "/", "_").Replace(strings.TrimRight(kaPublicKey, "=")), "not valid standard base64"},
		"unpadded 31":   {base64.RawStdEncoding.EncodeToString(make([]byte, 31)), "31 bytes, want 32"},
		"unpadded 33":   {base64.RawStdEncoding.EncodeToString(append(make([]byte, 32), 1)), "33 bytes, want 32"},
		"unpadded 45":   {strings.Repeat("A", 45), "not valid standard base64"},
		"unpadded zero": {base64.RawStdEncoding.EncodeToString(make([]byte, 32)), "small order"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := ParsePublicKey(tc.in)
			require.ErrorIs(t, err, ErrInvalidPublicKey)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), secretish)
		})
	}
}

// smallOrderKeys are every encoding of a small-order point: the canonical
// ones, with and without the sign bit, and the non-canonical y >= p forms.
func smallOrderKeys(t *testing.T) map[string][32]byte {
	t.Helper()
	keys := map[string][32]byte{}
	for _, y := range smallOrderY {
		for _, sign := range []byte{0, 0x80} {
			k := y
			k[31] |= sign
			keys[hex.EncodeToString(k[:])] = k
		}
	}
	// y = p + r for r in 0..18 is the same point as y = r; r = 0 and 1
	// are small order.
	for _, r := range []byte{0, 1} {
		for _, sign := range []byte{0, 0x80} {
			var k [32]byte
			k[0] = 0xed + r
			for i := 1; i < 31; i++ {
				k[i] = 0xff
			}
			k[31] = 0x7f | sign
			keys[hex.EncodeToString(k[:])] = k
		}
	}
	require.Len(t, keys, 14)
	return keys
}

func TestParsePublicKeyRejectsSmallOrder(t *testing.T) {
	t.Parallel()
	for name, k := range smallOrderKeys(t) {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
			_, err := ParsePublicKey(enc.EncodeToString(k[:]))
			require.ErrorIs(t, err, ErrInvalidPublicKey, name)
			assert.Contains(t, err.Error(), "small order", name)
		}
	}
	// Ordinary keys, including one whose y is just below p, are accepted.
	for range 50 {
		priv := newKey(t)
		publicKeyOf(t, priv)
	}
	var nearP [32]byte
	nearP[0] = 0xec - 1
	for i := 1; i < 31; i++ {
		nearP[i] = 0xff
	}
	nearP[31] = 0x7f
	assert.False(t, smallOrder(nearP))
}

// TestSmallOrderKeysAcceptForgeries shows why the keys above are refused:
// ed25519.Verify accepts signatures made without any private key.
func TestSmallOrderKeysAcceptForgeries(t *testing.T) {
	t.Parallel()
	var rs [][]byte // R candidates: the small-order points themselves
	for _, k := range smallOrderKeys(t) {
		rs = append(rs, append([]byte(nil), k[:]...))
	}
	for name, k := range smallOrderKeys(t) {
		forged := 0
		for i := range 64 {
			msg := fmt.Appendf(nil, "%d|{}", i)
			for _, r := range rs {
				sig := make([]byte, ed25519.SignatureSize) // R, then S = 0
				copy(sig, r)
				if ed25519.Verify(k[:], msg, sig) {
					forged++
					break
				}
			}
		}
		assert.Positive(t, forged, name)
	}
}

func TestPublicKeyFromEnv(t *testing.T) {
	// t.Setenv forbids t.Parallel.
	t.Setenv(PublicKeyEnv, kaPublicKey+"\n")
	k, err := PublicKeyFromEnv()
	require.NoError(t, err)
	assert.Equal(t, kaPublicKey, k.String())

	t.Setenv(PublicKeyEnv, strings.TrimRight(kaPublicKey, "="))
	k, err = PublicKeyFromEnv()
	require.NoError(t, err)
	assert.Equal(t, kaPublicKey, k.String())

	t.Setenv(PublicKeyEnv, "")
	_, err = PublicKeyFromEnv()
	require.ErrorIs(t, err, ErrInvalidPublicKey)
	assert.Contains(t, err.Error(), "TELNYX_PUBLIC_KEY is not set")

	t.Setenv(PublicKeyEnv, "abc")
	_, err = PublicKeyFromEnv()
	require.ErrorIs(t, err, ErrInvalidPublicKey)
	assert.Contains(t, err.Error(), "TELNYX_PUBLIC_KEY")
	assert.NotContains(t, err.Error(), "abc")
}

func TestNewVerifierPanics(t *testing.T) {
	t.Parallel()
	assert.PanicsWithValue(t, "webhooks: NewVerifier needs a key from ParsePublicKey, PublicKeyFromBytes or PublicKeyFromEnv",
		func() { NewVerifier(PublicKey{}) })
	assert.Panics(t, func() { WithTolerance(0) })
	assert.Panics(t, func() { WithTolerance(-time.Second) })
	assert.Panics(t, func() { WithClock(nil) })
	assert.Panics(t, func() { WithMaxBodySize(0) })
	assert.Panics(t, func() { NewHandler(nil, func(w http.ResponseWriter, r *http.Request, ev *Event) {}) })
	assert.Panics(t, func() { NewHandler(NewVerifier(publicKeyOf(t, kaKey())), nil) })
}
