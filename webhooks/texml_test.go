package webhooks

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// texmlBody is a TeXML status callback as Telnyx posts it.
const texmlBody = "AccountSid=f5586561-8ff0-4291-a51b-c7dfe4139ff9" +
	"&CallSid=v3%3A9X2vxPDFY2RHSJ1EdMS0RHRksMTg7ldNxdjWbVr9zBjbGjGsSe-aiQ" +
	"&CallStatus=completed&ConnectionId=1234567890" +
	"&From=%2B35319605860&To=%2B13129457420&CallerName=John+Doe"

// formRequest is a POST of a form body signed at the fake clock's time.
func (e *env) formRequest(t *testing.T, body string) *http.Request {
	t.Helper()
	return e.formRequestAt(t, body, e.clock.Now())
}

func (e *env) formRequestAt(t *testing.T, body string, at time.Time) *http.Request {
	t.Helper()
	r := e.requestAt(t, body, at)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

func TestHandlerTeXMLForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	w := serve(e.handler(), e.formRequest(t, texmlBody))
	assert.Equal(t, http.StatusOK, w.Code)
	require.EqualValues(t, 1, e.rec.calls.Load())
	ev := e.rec.events[0]
	assert.True(t, ev.IsForm())
	assert.Equal(t, "v3:9X2vxPDFY2RHSJ1EdMS0RHRksMTg7ldNxdjWbVr9zBjbGjGsSe-aiQ", ev.Form.Get("CallSid"))
	assert.Equal(t, "completed", ev.Form.Get("CallStatus"))
	assert.Equal(t, "+35319605860", ev.Form.Get("From"))
	assert.Equal(t, "+13129457420", ev.Form.Get("To"))
	assert.Equal(t, "John Doe", ev.Form.Get("CallerName"))
	assert.Len(t, ev.Form, 7)
	assert.Equal(t, EventData{}, ev.Data, "a form has no JSON envelope")
	assert.Equal(t, EventMeta{}, ev.Meta)
	require.ErrorContains(t, ev.DecodePayload(new(any)), "no payload")
	assert.Equal(t, []string{texmlBody}, e.rec.bodies, "the raw body is readable again")
}

func TestHandlerTeXMLContentTypes(t *testing.T) {
	t.Parallel()
	for _, ct := range []string{
		"application/x-www-form-urlencoded",
		"application/x-www-form-urlencoded; charset=utf-8",
		"Application/X-WWW-Form-URLEncoded;charset=UTF-8",
		" application/x-www-form-urlencoded ",
	} {
		t.Run(ct, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			r := e.formRequest(t, texmlBody)
			r.Header.Set("Content-Type", ct)
			assert.Equal(t, http.StatusOK, serve(e.handler(), r).Code)
			require.EqualValues(t, 1, e.rec.calls.Load())
			assert.Equal(t, "completed", e.rec.events[0].Form.Get("CallStatus"))
		})
	}
}

func TestHandlerJSONUnchanged(t *testing.T) {
	t.Parallel()
	// JSON events decode as before, whatever their Content-Type says, as
	// long as it is not the form type.
	for _, ct := range []string{"", "application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data"} {
		t.Run(ct, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			r := e.request(t, kaBody)
			if ct != "" {
				r.Header.Set("Content-Type", ct)
			}
			assert.Equal(t, http.StatusOK, serve(e.handler(), r).Code)
			require.EqualValues(t, 1, e.rec.calls.Load())
			ev := e.rec.events[0]
			assert.False(t, ev.IsForm())
			assert.Nil(t, ev.Form)
			assert.Equal(t, "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", ev.Data.ID)

			// And a form body sent as JSON is still refused.
			e.rec = &recorder{}
			r = e.request(t, texmlBody)
			if ct != "" {
				r.Header.Set("Content-Type", ct)
			}
			assert.Equal(t, http.StatusBadRequest, serve(e.handler(), r).Code)
			assert.Zero(t, e.rec.calls.Load())
		})
	}
}

func TestHandlerTeXMLRejects(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		mutate func(t *testing.T, e *env, r *http.Request) *http.Request
		status int
		want   error
	}{
		"unsigned": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Header.Del(SignatureHeader)
			r.Header.Del(TimestampHeader)
			return r
		}, http.StatusBadRequest, ErrMissingHeader},
		"API v1 signature": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Header.Del(SignatureHeader)
			r.Header.Set(V1SignatureHeader, "t=1700000000,h=0123abcd")
			return r
		}, http.StatusBadRequest, ErrV1Signature},
		"field tampered": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Body = io.NopCloser(strings.NewReader(strings.Replace(texmlBody, "completed", "no-answer", 1)))
			return r
		}, http.StatusUnauthorized, ErrInvalidSignature},
		"field added": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Body = io.NopCloser(strings.NewReader(texmlBody + "&Digits=1"))
			return r
		}, http.StatusUnauthorized, ErrInvalidSignature},
		"signed by another key": {func(t *testing.T, e *env, r *http.Request) *http.Request {
			r.Header.Set(SignatureHeader, signAt(newKey(t), []byte(texmlBody), e.clock.Now()).Get(SignatureHeader))
			return r
		}, http.StatusUnauthorized, ErrInvalidSignature},
		"stale": {func(_ *testing.T, e *env, r *http.Request) *http.Request {
			e.clock.Advance(6 * time.Minute)
			return r
		}, http.StatusUnauthorized, ErrTimestampOutOfTolerance},
		"signed but bad escape": {func(t *testing.T, e *env, _ *http.Request) *http.Request {
			return e.formRequest(t, "CallSid=secret%zz&CallStatus=completed")
		}, http.StatusBadRequest, ErrMalformedEvent},
		"signed but truncated escape": {func(t *testing.T, e *env, _ *http.Request) *http.Request {
			return e.formRequest(t, "CallSid=secret%2")
		}, http.StatusBadRequest, ErrMalformedEvent},
		"signed but semicolons": {func(t *testing.T, e *env, _ *http.Request) *http.Request {
			return e.formRequest(t, "CallSid=secret;CallStatus=completed")
		}, http.StatusBadRequest, ErrMalformedEvent},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			var gotStatus int
			var gotErr error
			h := e.handler(WithReplayStore(NewMemoryStore()), WithErrorHandler(
				func(w http.ResponseWriter, r *http.Request, status int, err error) {
					gotStatus, gotErr = status, err
					plainError(w, r, status, err)
				}))
			w := serve(h, tc.mutate(t, e, e.formRequest(t, texmlBody)))
			assert.Equal(t, tc.status, w.Code)
			assert.Equal(t, http.StatusText(tc.status)+"\n", w.Body.String())
			assert.Equal(t, tc.status, gotStatus)
			require.ErrorIs(t, gotErr, tc.want)
			assert.NotContains(t, gotErr.Error(), "secret")
			assert.NotContains(t, gotErr.Error(), "zz")
			assert.Zero(t, e.rec.calls.Load(), "the application must not be called")
		})
	}
}

func TestHandlerTeXMLReplay(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	store := NewMemoryStore()
	h := e.handler(WithReplayStore(store))

	require.Equal(t, http.StatusOK, serve(h, e.formRequest(t, texmlBody)).Code)
	// The very same signed delivery, replayed a minute later: refused.
	e.clock.Advance(time.Minute)
	w := serve(h, e.formRequestAt(t, texmlBody, kaTime))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Empty(t, w.Body.String())
	assert.EqualValues(t, 1, e.rec.calls.Load())
	assert.Equal(t, 1, store.Len())

	// The recorded id is the digest of the signed message.
	seen, err := store.Seen(t.Context(), formReplayID(kaTimestamp, []byte(texmlBody)), e.clock.Now(), e.clock.Now())
	require.NoError(t, err)
	assert.True(t, seen)
	assert.Regexp(t, `^texml:[0-9a-f]{64}$`, formReplayID(kaTimestamp, []byte(texmlBody)))

	// A delivery signed afresh (a retry, or a second identical callback)
	// is another signed message and is handed on.
	w = serve(h, e.formRequest(t, texmlBody))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.EqualValues(t, 2, e.rec.calls.Load())
	// So is another callback signed in the same second as the first.
	other := strings.Replace(texmlBody, "completed", "busy", 1)
	require.Equal(t, http.StatusOK, serve(h, e.formRequestAt(t, other, kaTime)).Code)
	assert.EqualValues(t, 3, e.rec.calls.Load())

	// Once out of tolerance, a replay is refused as stale, without the store.
	e.clock.Advance(5 * time.Minute)
	assert.Equal(t, http.StatusUnauthorized, serve(h, e.formRequestAt(t, texmlBody, kaTime)).Code)
	assert.EqualValues(t, 3, e.rec.calls.Load())
}

func TestHandlerTeXMLReplayForgetsFailures(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	store := NewMemoryStore()
	h := e.handler(WithReplayStore(store))
	e.rec.status = http.StatusServiceUnavailable
	r := e.formRequest(t, texmlBody)
	assert.Equal(t, http.StatusServiceUnavailable, serve(h, r).Code)
	assert.Zero(t, store.Len(), "the failed delivery was forgotten")
	e.rec.mu.Lock()
	e.rec.status = 0
	e.rec.mu.Unlock()
	assert.Equal(t, http.StatusOK, serve(h, e.formRequest(t, texmlBody)).Code)
	assert.Equal(t, http.StatusOK, serve(h, e.formRequest(t, texmlBody)).Code)
	assert.EqualValues(t, 2, e.rec.calls.Load())
}

func TestHandlerTeXMLEmptyForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	assert.Equal(t, http.StatusOK, serve(e.handler(), e.formRequest(t, "")).Code)
	require.EqualValues(t, 1, e.rec.calls.Load())
	ev := e.rec.events[0]
	assert.True(t, ev.IsForm(), "an empty form is still a form")
	assert.Empty(t, ev.Form)
}

func TestVerifierEventForm(t *testing.T) {
	t.Parallel()
	v := kaVerifier(t)
	h := signText(kaKey(), []byte(texmlBody), kaTimestamp)
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	ev, err := v.Event([]byte(texmlBody), h)
	require.NoError(t, err)
	assert.True(t, ev.IsForm())
	assert.Equal(t, "completed", ev.Form.Get("CallStatus"))

	// A header map from elsewhere, with lower-case names.
	raw := http.Header{}
	for k, vs := range h {
		raw[strings.ToLower(k)] = vs
	}
	ev, err = v.Event([]byte(texmlBody), raw)
	require.NoError(t, err)
	assert.True(t, ev.IsForm())

	// Without the Content-Type it is read as JSON, and fails.
	h.Del("Content-Type")
	_, err = v.Event([]byte(texmlBody), h)
	require.ErrorIs(t, err, ErrMalformedEvent)

	bad := []byte("CallSid=%zz")
	h = signText(kaKey(), bad, kaTimestamp)
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	_, err = v.Event(bad, h)
	require.ErrorIs(t, err, ErrMalformedEvent)
	assert.Equal(t, "webhooks: malformed event: not valid form encoding", err.Error())
	var esc url.EscapeError
	assert.False(t, errors.As(err, &esc), "url's error, which quotes the body, is not wrapped")
}

func TestDecodeDelivery(t *testing.T) {
	t.Parallel()
	ev, err := decodeDelivery([]byte("a=1&a=2&b="), http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"a": {"1", "2"}, "b": {""}}, ev.Form)

	ev, err = decodeDelivery([]byte(kaBody), http.Header{"Content-Type": {"application/json"}})
	require.NoError(t, err)
	assert.False(t, ev.IsForm())
	assert.Equal(t, "call.initiated", ev.Data.EventType)

	for ct, want := range map[string]bool{
		"application/x-www-form-urlencoded":                true,
		"APPLICATION/X-WWW-FORM-URLENCODED; charset=utf-8": true,
		"application/x-www-form-urlencoded-extra":          false,
		"application/json":                                 false,
		"":                                                 false,
		"x-www-form-urlencoded":                            false,
	} {
		assert.Equal(t, want, isForm(ct), ct)
	}

	var zero Event
	assert.False(t, zero.IsForm())
}
