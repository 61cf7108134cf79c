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

func TestParsePublicKeyErrors(t *testing.T) {
	t.Parallel()
	secretish := "KEY0123456789ABCDEF_not_base64!" // must never be echoed
	cases := map[string]struct {
		in   string
		want string
	}{
		"empty":        {"", "empty"},
		"blank":        {" \t\n", "empty"},
		"not base64":   {secretish, "not valid standard base64"},
		"url alphabet": {strings.NewReplacer("+", "-", "/", "_").Replace(kaPublicKey), "not valid standard base64"},
		"too short":    {base64.StdEncoding.EncodeToString(make([]byte, 31)), "31 bytes, want 32"},
		"too long":     {base64.StdEncoding.EncodeToString(append(make([]byte, 32), 1)), "33 bytes, want 32"},
		"private key":  {base64.StdEncoding.EncodeToString(kaKey()), "64 bytes, want 32"},
		"huge":         {strings.Repeat("A", 10000), "10000 characters, want 44"},
		"identity":     {base64.StdEncoding.EncodeToString(append([]byte{1}, make([]byte, 31)...)), "small order"},
		"zero bytes":   {base64.StdEncoding.EncodeToString(make([]byte, 32)), "small order"},
		"missing pad":  {strings.TrimRight(kaPublicKey, "="), "not valid standard base64"},
		"inner NUL":    {kaPublicKey[:10] + "\x00" + kaPublicKey[10:], "not valid standard base64"},
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
		_, err := ParsePublicKey(base64.StdEncoding.EncodeToString(k[:]))
		require.ErrorIs(t, err, ErrInvalidPublicKey, name)
		assert.Contains(t, err.Error(), "small order", name)
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
	assert.PanicsWithValue(t, "webhooks: NewVerifier needs a key from ParsePublicKey or PublicKeyFromEnv",
		func() { NewVerifier(PublicKey{}) })
	assert.Panics(t, func() { WithTolerance(0) })
	assert.Panics(t, func() { WithTolerance(-time.Second) })
	assert.Panics(t, func() { WithClock(nil) })
	assert.Panics(t, func() { WithMaxBodySize(0) })
	assert.Panics(t, func() { NewHandler(nil, func(w http.ResponseWriter, r *http.Request, ev *Event) {}) })
	assert.Panics(t, func() { NewHandler(NewVerifier(publicKeyOf(t, kaKey())), nil) })
}
