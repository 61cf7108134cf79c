package webhooks

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func kaVerifier(t testing.TB, opts ...VerifierOption) *Verifier {
	t.Helper()
	k, err := ParsePublicKey(kaPublicKey)
	require.NoError(t, err)
	return NewVerifier(k, append([]VerifierOption{WithClock(fixedClock(kaTime))}, opts...)...)
}

func TestKnownAnswer(t *testing.T) {
	t.Parallel()
	priv := kaKey()
	assert.Equal(t, kaPublicKey, base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey)))

	// Ed25519 is deterministic: signing again reproduces the constant.
	h := signText(priv, []byte(kaBody), kaTimestamp)
	assert.Equal(t, kaSignature, h.Get(SignatureHeader))
	assert.Equal(t, kaTimestamp, h.Get(TimestampHeader))
	assert.Equal(t, h, signAt(priv, []byte(kaBody), kaTime))

	v := kaVerifier(t)
	require.NoError(t, v.Verify([]byte(kaBody), kaHeader()))

	ev, err := v.Event([]byte(kaBody), kaHeader())
	require.NoError(t, err)
	assert.Equal(t, "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", ev.Data.ID)
	assert.Equal(t, "call.initiated", ev.Data.EventType)
	assert.Equal(t, "event", ev.Data.RecordType)
	assert.Equal(t, time.Date(2023, 11, 14, 22, 13, 15, 123456000, time.UTC), ev.Data.OccurredAt.Time)
	assert.Equal(t, 1, ev.Meta.Attempt)
	assert.Equal(t, "https://example.com/webhooks", ev.Meta.DeliveredTo)
}

func TestHeaderLookupIsCaseInsensitive(t *testing.T) {
	t.Parallel()
	v := kaVerifier(t)
	for _, names := range [][2]string{
		{"telnyx-signature-ed25519", "telnyx-timestamp"},
		{"TELNYX-SIGNATURE-ED25519", "TELNYX-TIMESTAMP"},
		{SignatureHeader, TimestampHeader},
	} {
		// Set canonicalizes; a literal map keeps the names as given,
		// as a header map from a serverless event would.
		set := http.Header{}
		set.Set(names[0], kaSignature)
		set.Set(names[1], kaTimestamp)
		require.NoError(t, v.Verify([]byte(kaBody), set), names)

		raw := http.Header{names[0]: {kaSignature}, names[1]: {kaTimestamp}}
		require.NoError(t, v.Verify([]byte(kaBody), raw), names)
	}
}

func TestVerifyHeaderErrors(t *testing.T) {
	t.Parallel()
	v := kaVerifier(t)
	shortSig := base64.StdEncoding.EncodeToString(make([]byte, 63))
	longSig := base64.StdEncoding.EncodeToString(make([]byte, 65))
	cases := map[string]struct {
		sig, ts  *string // nil: header absent
		want     error
		header   string
		contains string
	}{
		"no signature":           {nil, ptr(kaTimestamp), ErrMissingHeader, SignatureHeader, ""},
		"no timestamp":           {ptr(kaSignature), nil, ErrMissingHeader, TimestampHeader, ""},
		"no headers":             {nil, nil, ErrMissingHeader, SignatureHeader, ""},
		"empty signature":        {ptr(""), ptr(kaTimestamp), ErrMissingHeader, SignatureHeader, ""},
		"empty timestamp":        {ptr(kaSignature), ptr(""), ErrMissingHeader, TimestampHeader, ""},
		"signature not base64":   {ptr(strings.Repeat("!", 88)), ptr(kaTimestamp), ErrMalformedSignature, SignatureHeader, "not valid standard base64"},
		"signature url alphabet": {ptr(strings.NewReplacer("+", "-", "/", "_").Replace(kaSignature)), ptr(kaTimestamp), ErrMalformedSignature, SignatureHeader, "not valid standard base64"},
		"signature unpadded":     {ptr(strings.TrimRight(kaSignature, "=")), ptr(kaTimestamp), ErrMalformedSignature, SignatureHeader, "86 characters, want 88"},
		"signature 63 bytes":     {ptr(shortSig), ptr(kaTimestamp), ErrMalformedSignature, SignatureHeader, "84 characters, want 88"},
		"signature 65 bytes":     {ptr(longSig), ptr(kaTimestamp), ErrMalformedSignature, SignatureHeader, "65 bytes, want 64"},
		"signature hex":          {ptr(strings.Repeat("ab", 64)), ptr(kaTimestamp), ErrMalformedSignature, SignatureHeader, "128 characters"},
		"timestamp word":         {ptr(kaSignature), ptr("yesterday"), ErrMalformedTimestamp, TimestampHeader, `"yesterday" is not a decimal Unix time`},
		"timestamp negative":     {ptr(kaSignature), ptr("-1700000000"), ErrMalformedTimestamp, TimestampHeader, `"-1700000000"`},
		"timestamp plus":         {ptr(kaSignature), ptr("+1700000000"), ErrMalformedTimestamp, TimestampHeader, ""},
		"timestamp fraction":     {ptr(kaSignature), ptr("1700000000.5"), ErrMalformedTimestamp, TimestampHeader, ""},
		"timestamp space":        {ptr(kaSignature), ptr("1700000000 "), ErrMalformedTimestamp, TimestampHeader, ""},
		"timestamp RFC 3339":     {ptr(kaSignature), ptr("2023-11-14T22:13:20Z"), ErrMalformedTimestamp, TimestampHeader, ""},
		"timestamp milliseconds": {ptr(kaSignature), ptr("1700000000000"), ErrInvalidSignature, "", ""},
		"timestamp overflow":     {ptr(kaSignature), ptr("99999999999999999999"), ErrMalformedTimestamp, TimestampHeader, ""},
		"timestamp huge":         {ptr(kaSignature), ptr(strings.Repeat("9", 5000)), ErrMalformedTimestamp, TimestampHeader, "..."},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			if tc.sig != nil {
				h[SignatureHeader] = []string{*tc.sig}
			}
			if tc.ts != nil {
				h[TimestampHeader] = []string{*tc.ts}
			}
			err := v.Verify([]byte(kaBody), h)
			require.ErrorIs(t, err, tc.want)
			_, evErr := v.Event([]byte(kaBody), h)
			require.ErrorIs(t, evErr, tc.want)

			msg := err.Error()
			assert.NotContains(t, msg, kaBody)
			assert.Less(t, len(msg), 200)
			if tc.header == "" {
				return
			}
			var he *HeaderError
			require.ErrorAs(t, err, &he)
			assert.Equal(t, tc.header, he.Header)
			assert.Equal(t, tc.want, he.Err)
			assert.Contains(t, msg, tc.header)
			assert.Contains(t, msg, tc.contains)
		})
	}
}

func ptr(s string) *string { return &s }

func TestVerifyRefusesV1Signature(t *testing.T) {
	t.Parallel()
	v := kaVerifier(t)
	// What an API v1 delivery carried: an HMAC-SHA256 telnyx-signature
	// header (its exact format does not matter here) and no Ed25519 one.
	v1 := "t=1700000000,h=" + strings.Repeat("ab", 32)
	for name, h := range map[string]http.Header{
		"canonical":        {V1SignatureHeader: {v1}, TimestampHeader: {kaTimestamp}},
		"lower case":       {"telnyx-signature": {v1}},
		"empty ed25519":    {V1SignatureHeader: {v1}, SignatureHeader: {""}},
		"without anything": {"Telnyx-Signature": {v1}, "Content-Type": {"application/json"}},
	} {
		err := v.Verify([]byte(kaBody), h)
		require.ErrorIs(t, err, ErrV1Signature, name)
		require.ErrorIs(t, err, ErrMissingHeader, name, "still a missing Ed25519 header")
		var he *HeaderError
		require.ErrorAs(t, err, &he, name)
		assert.Equal(t, V1SignatureHeader, he.Header, name)
		assert.Equal(t, ErrV1Signature, he.Err, name)
		assert.Equal(t, "webhooks: API v1 signature (Telnyx-Signature): only API v2 Ed25519 signatures "+
			"(Telnyx-Signature-Ed25519) are verified, not v1 HMAC-SHA256", err.Error(), name)
		assert.NotContains(t, err.Error(), v1, name)

		_, err = v.Event([]byte(kaBody), h)
		require.ErrorIs(t, err, ErrV1Signature, name)
	}

	// A delivery with both headers is verified by its Ed25519 signature.
	h := kaHeader()
	h.Set(V1SignatureHeader, v1)
	require.NoError(t, v.Verify([]byte(kaBody), h))
	// An empty v1 header is just a missing signature.
	err := v.Verify([]byte(kaBody), http.Header{V1SignatureHeader: {""}, TimestampHeader: {kaTimestamp}})
	require.ErrorIs(t, err, ErrMissingHeader)
	require.NotErrorIs(t, err, ErrV1Signature)
	// Without any signature the error is unchanged.
	err = v.Verify([]byte(kaBody), http.Header{TimestampHeader: {kaTimestamp}})
	require.NotErrorIs(t, err, ErrV1Signature)
	assert.Equal(t, "webhooks: missing header (Telnyx-Signature-Ed25519)", err.Error())
}

func TestErrorMessagesStripControlCharacters(t *testing.T) {
	t.Parallel()
	v := kaVerifier(t)
	for _, ts := range []string{"17\x1b[31m00", "1700\r\nSet-Cookie: x=y", "\x00\x7f\u00e9\u202e"} {
		h := http.Header{SignatureHeader: {kaSignature}, TimestampHeader: {ts}}
		err := v.Verify([]byte(kaBody), h)
		require.ErrorIs(t, err, ErrMalformedTimestamp)
		for _, r := range err.Error() {
			assert.True(t, r >= 0x20 && r < 0x7f, "character %U in %q", r, err.Error())
		}
	}
}

func TestVerifyTolerance(t *testing.T) {
	t.Parallel()
	priv := kaKey()
	body := []byte(kaBody)
	cases := map[string]struct {
		sentAgo   time.Duration // how long before the clock the delivery was signed
		tolerance time.Duration // 0: default
		wantSkew  time.Duration // 0: accepted
	}{
		"now":                  {0, 0, 0},
		"4m59s old":            {4*time.Minute + 59*time.Second, 0, 0},
		"exactly 5m old":       {5 * time.Minute, 0, 0},
		"exactly 5m ahead":     {-5 * time.Minute, 0, 0},
		"6m old":               {6 * time.Minute, 0, 6 * time.Minute},
		"6m ahead":             {-6 * time.Minute, 0, -6 * time.Minute},
		"5m1s old":             {5*time.Minute + time.Second, 0, 5*time.Minute + time.Second},
		"6m old, tolerance 10": {6 * time.Minute, 10 * time.Minute, 0},
		"6m ahead, tol 10":     {-6 * time.Minute, 10 * time.Minute, 0},
		"40s old, tol 30s":     {40 * time.Second, 30 * time.Second, 40 * time.Second},
		"40s ahead, tol 30s":   {-40 * time.Second, 30 * time.Second, -40 * time.Second},
		"a year old":           {365 * 24 * time.Hour, 0, 365 * 24 * time.Hour},
		"at the Unix epoch":    {kaTime.Sub(time.Unix(0, 0)), 0, kaTime.Sub(time.Unix(0, 0))},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var opts []VerifierOption
			tol := DefaultTolerance
			if tc.tolerance != 0 {
				opts = append(opts, WithTolerance(tc.tolerance))
				tol = tc.tolerance
			}
			v := kaVerifier(t, opts...)
			err := v.Verify(body, signAt(priv, body, kaTime.Add(-tc.sentAgo)))
			if tc.wantSkew == 0 {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrTimestampOutOfTolerance)
			var te *ToleranceError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tc.wantSkew, te.Skew)
			assert.Equal(t, tol, te.Tolerance)
			if tc.wantSkew > 0 {
				assert.Contains(t, err.Error(), "old")
			} else {
				assert.Contains(t, err.Error(), "in the future")
			}
		})
	}
}

func TestVerifyFarFutureTimestamp(t *testing.T) {
	t.Parallel()
	priv := kaKey()
	body := []byte(kaBody)
	for _, ts := range []string{"99999999999", "9223372036854775807", "00000000001700000000"} {
		err := kaVerifier(t).Verify(body, signText(priv, body, ts))
		if ts == "00000000001700000000" {
			// Leading zeros are signed as sent and name the same instant.
			require.NoError(t, err)
			continue
		}
		require.ErrorIs(t, err, ErrTimestampOutOfTolerance, ts)
		var te *ToleranceError
		require.ErrorAs(t, err, &te)
		assert.Negative(t, te.Skew)
	}
}

func TestVerifyUsesTheClock(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: kaTime}
	k, err := ParsePublicKey(kaPublicKey)
	require.NoError(t, err)
	v := NewVerifier(k, WithClock(clock.Now))
	require.NoError(t, v.Verify([]byte(kaBody), kaHeader()))
	clock.Advance(5*time.Minute + time.Second)
	require.ErrorIs(t, v.Verify([]byte(kaBody), kaHeader()), ErrTimestampOutOfTolerance)

	// The system clock is the default: the 2023 vector is long stale.
	require.ErrorIs(t, NewVerifier(k).Verify([]byte(kaBody), kaHeader()), ErrTimestampOutOfTolerance)
}

func TestVerifyTamperedBody(t *testing.T) {
	t.Parallel()
	v := kaVerifier(t)
	body := []byte(kaBody)
	for _, pos := range []int{0, 1, 10, len(body) / 2, len(body) - 2, len(body) - 1} {
		for _, bit := range []byte{0x01, 0x20, 0x80} {
			tampered := append([]byte(nil), body...)
			tampered[pos] ^= bit
			err := v.Verify(tampered, kaHeader())
			require.ErrorIs(t, err, ErrInvalidSignature, "byte %d bit %#x", pos, bit)
			assert.NotContains(t, err.Error(), string(tampered))
		}
	}
	for name, b := range map[string][]byte{
		"empty":     nil,
		"truncated": body[:len(body)-1],
		"extended":  append(append([]byte(nil), body...), '\n'),
		"prefixed":  append([]byte(" "), body...),
	} {
		require.ErrorIs(t, v.Verify(b, kaHeader()), ErrInvalidSignature, name)
	}
}

func TestVerifyTamperedHeaders(t *testing.T) {
	t.Parallel()
	v := kaVerifier(t)
	// Each bit of the signature matters.
	sig, err := base64.StdEncoding.DecodeString(kaSignature)
	require.NoError(t, err)
	for _, pos := range []int{0, 31, 32, 63} {
		bad := append([]byte(nil), sig...)
		bad[pos] ^= 0x01
		h := kaHeader()
		h.Set(SignatureHeader, base64.StdEncoding.EncodeToString(bad))
		require.ErrorIs(t, v.Verify([]byte(kaBody), h), ErrInvalidSignature, pos)
	}
	// The timestamp is signed: shifting it by a second breaks the signature.
	h := kaHeader()
	h.Set(TimestampHeader, "1700000001")
	require.ErrorIs(t, v.Verify([]byte(kaBody), h), ErrInvalidSignature)
	// The separator is signed too.
	priv := kaKey()
	h = signText(priv, []byte("0|"+kaBody), "170000000")
	h.Set(TimestampHeader, kaTimestamp)
	require.ErrorIs(t, v.Verify([]byte(kaBody), h), ErrInvalidSignature)
}

func TestVerifyOtherKey(t *testing.T) {
	t.Parallel()
	body := []byte(kaBody)
	other := newKey(t)
	v := kaVerifier(t)
	require.ErrorIs(t, v.Verify(body, signAt(other, body, kaTime)), ErrInvalidSignature)
	// And the other way round.
	v2 := NewVerifier(publicKeyOf(t, other), WithClock(fixedClock(kaTime)))
	require.ErrorIs(t, v2.Verify(body, kaHeader()), ErrInvalidSignature)
	require.NoError(t, v2.Verify(body, signAt(other, body, kaTime)))
}

func TestVerifyChecksSignatureBeforeTime(t *testing.T) {
	t.Parallel()
	// A forged, stale delivery is reported as forged.
	body := []byte(kaBody)
	h := signAt(newKey(t), body, kaTime.Add(-time.Hour))
	require.ErrorIs(t, kaVerifier(t).Verify(body, h), ErrInvalidSignature)
}

func TestZeroVerifierFailsClosed(t *testing.T) {
	t.Parallel()
	var v Verifier
	err := v.Verify([]byte(kaBody), kaHeader())
	require.Error(t, err)
	require.ErrorIs(t, err, ErrInvalidPublicKey)
}

func TestErrorsAreDistinct(t *testing.T) {
	t.Parallel()
	// ErrV1Signature comes last and ErrMissingHeader first: the one overlap,
	// as a v1 signature means the Ed25519 header is missing.
	all := []error{ErrMissingHeader, ErrMalformedSignature, ErrMalformedTimestamp,
		ErrInvalidSignature, ErrTimestampOutOfTolerance, ErrInvalidPublicKey, ErrMalformedEvent,
		ErrV1Signature}
	for i, a := range all {
		for j, b := range all {
			want := i == j || (i == len(all)-1 && j == 0)
			assert.Equal(t, want, errors.Is(a, b), "%v / %v", a, b)
		}
	}
	te := &ToleranceError{Skew: time.Minute, Tolerance: time.Second}
	assert.ErrorIs(t, te, ErrTimestampOutOfTolerance)
	assert.Equal(t, "webhooks: timestamp out of tolerance: 1m0s old, tolerance 1s", te.Error())
	he := &HeaderError{Header: TimestampHeader, Err: ErrMissingHeader}
	assert.Equal(t, "webhooks: missing header (Telnyx-Timestamp)", he.Error())
}

func TestSanitize(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "abc", sanitize("abc"))
	assert.Equal(t, "a?b??", sanitize("a\nb\u00e9"))
	assert.Equal(t, strings.Repeat("x", 32), sanitize(strings.Repeat("x", 32)))
	assert.Equal(t, strings.Repeat("x", 32)+"...", sanitize(strings.Repeat("x", 33)))
}

func FuzzVerify(f *testing.F) {
	f.Add(kaSignature, kaTimestamp, []byte(kaBody))
	f.Add("", "", []byte(nil))
	f.Add(kaSignature, "-1", []byte("{}"))
	f.Add(strings.TrimRight(kaSignature, "="), "99999999999999999999", []byte("null"))
	f.Add(strings.Repeat("A", 88), "17\x00\n", []byte(`{"data":{"id":1}}`))
	f.Add(kaSignature, "1700000000", []byte(`{"data":{"occurred_at":12,"payload":[`))
	f.Add(kaSignature, "1700000000", []byte("CallSid=v3%3Aabc&CallStatus=completed"))
	f.Add(kaSignature, "1700000000", []byte("a=%zz;b"))
	priv := kaKey()
	k, err := ParsePublicKey(kaPublicKey)
	require.NoError(f, err)
	v := NewVerifier(k, WithClock(fixedClock(kaTime)))

	f.Fuzz(func(t *testing.T, sig, ts string, body []byte) {
		h := http.Header{SignatureHeader: {sig}, TimestampHeader: {ts}}
		if err := v.Verify(body, h); err != nil {
			for _, r := range err.Error() {
				if r < 0x20 || r >= 0x7f {
					t.Fatalf("control or non-ASCII character %U in %q", r, err.Error())
				}
			}
		}
		_, _ = v.Event(body, h)

		// A genuine signature over any body verifies at its own time, and
		// decoding the body never panics.
		good := signText(priv, body, kaTimestamp)
		if err := v.Verify(body, good); err != nil {
			t.Fatalf("genuine signature rejected: %v", err)
		}
		if ev, err := v.Event(body, good); err == nil {
			var anything any
			_ = ev.DecodePayload(&anything)
		} else if !errors.Is(err, ErrMalformedEvent) {
			t.Fatalf("decode error %v does not wrap ErrMalformedEvent", err)
		}
		// Read as a TeXML form, any body either decodes or fails cleanly.
		good.Set("Content-Type", "application/x-www-form-urlencoded")
		if ev, err := v.Event(body, good); err == nil {
			if !ev.IsForm() {
				t.Fatal("form delivery decoded as JSON")
			}
		} else if !errors.Is(err, ErrMalformedEvent) {
			t.Fatalf("form decode error %v does not wrap ErrMalformedEvent", err)
		}
	})
}
