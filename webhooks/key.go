package webhooks

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
)

// PublicKeyEnv is the environment variable [PublicKeyFromEnv] reads.
const PublicKeyEnv = "TELNYX_PUBLIC_KEY"

// ErrInvalidPublicKey is wrapped by the errors [ParsePublicKey],
// [PublicKeyFromBytes] and [PublicKeyFromEnv] return.
var ErrInvalidPublicKey = errors.New("webhooks: invalid public key")

// PublicKey is the Ed25519 key Telnyx signs deliveries with. Obtain one from
// [ParsePublicKey], [PublicKeyFromEnv] or [PublicKeyFromBytes]; the zero
// value is not a usable key.
type PublicKey struct {
	b [ed25519.PublicKeySize]byte
}

// ParsePublicKey reads a key in the form the Telnyx portal shows it: 32
// bytes in standard base64, with or without the trailing "=" (some SDKs
// and secret stores drop it). Surrounding white space is ignored. The
// decoded bytes go through the checks of [PublicKeyFromBytes]. Error
// messages never repeat the input, in case a secret was pasted by mistake.
func ParsePublicKey(s string) (PublicKey, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return PublicKey{}, fmt.Errorf("%w: empty", ErrInvalidPublicKey)
	}
	// Anything much longer than 44 characters cannot be a 32-byte key.
	if len(s) > 2*base64.StdEncoding.EncodedLen(ed25519.PublicKeySize) {
		return PublicKey{}, fmt.Errorf("%w: %d characters, want %d", ErrInvalidPublicKey,
			len(s), base64.StdEncoding.EncodedLen(ed25519.PublicKeySize))
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil && !strings.Contains(s, "=") {
		raw, err = base64.RawStdEncoding.DecodeString(s)
	}
	if err != nil {
		return PublicKey{}, fmt.Errorf("%w: not valid standard base64", ErrInvalidPublicKey)
	}
	return PublicKeyFromBytes(raw)
}

// PublicKeyFromBytes makes a key from its 32 raw bytes, as kept by code
// that stores keys in binary. It refuses any other length and keys of
// small order, which would accept forged signatures. b is copied.
func PublicKeyFromBytes(b []byte) (PublicKey, error) {
	if len(b) != ed25519.PublicKeySize {
		return PublicKey{}, fmt.Errorf("%w: %d bytes, want %d", ErrInvalidPublicKey, len(b), ed25519.PublicKeySize)
	}
	var k PublicKey
	copy(k.b[:], b)
	if smallOrder(k.b) {
		return PublicKey{}, fmt.Errorf("%w: a point of small order, which accepts forged signatures", ErrInvalidPublicKey)
	}
	return k, nil
}

// PublicKeyFromEnv parses the key in the TELNYX_PUBLIC_KEY environment
// variable, failing if it is unset or empty.
func PublicKeyFromEnv() (PublicKey, error) {
	s, ok := os.LookupEnv(PublicKeyEnv)
	if !ok || strings.TrimSpace(s) == "" {
		return PublicKey{}, fmt.Errorf("%w: %s is not set", ErrInvalidPublicKey, PublicKeyEnv)
	}
	k, err := ParsePublicKey(s)
	if err != nil {
		return PublicKey{}, fmt.Errorf("%s: %w", PublicKeyEnv, err)
	}
	return k, nil
}

// String returns the key in standard base64, the form ParsePublicKey reads.
func (k PublicKey) String() string {
	return base64.StdEncoding.EncodeToString(k.b[:])
}

// smallOrderY lists the y coordinates, little-endian and reduced modulo
// p = 2^255-19, of the eight Edwards25519 points of small order: the
// identity (1), the point of order 2 (p-1), those of order 4 (0) and the
// four of order 8. Whatever the sign bit, such a key lets anyone forge a
// signature for a good fraction of all messages (R of small order, S = 0).
var smallOrderY = [...][32]byte{
	{0x00},
	{0x01},
	{0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
	{0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
		0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
	{0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
		0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
}

// smallOrder reports whether the encoded point has small order. It clears
// the sign bit, reduces y modulo p (only 2^255-19 to 2^255-1 need it) and
// compares with smallOrderY.
func smallOrder(enc [32]byte) bool {
	y := enc
	y[31] &= 0x7f
	if y[0] >= 0xed && y[31] == 0x7f && allFF(y[1:31]) {
		y = [32]byte{y[0] - 0xed}
	}
	for _, s := range smallOrderY {
		if y == s {
			return true
		}
	}
	return false
}

func allFF(b []byte) bool {
	for _, c := range b {
		if c != 0xff {
			return false
		}
	}
	return true
}
