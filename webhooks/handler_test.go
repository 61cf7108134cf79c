package webhooks

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a HandlerFunc that counts calls and keeps what it saw.
type recorder struct {
	calls  atomic.Int64
	mu     sync.Mutex
	events []*Event
	bodies []string
	status int // answered by the handler; 0 means not set
}

func (rec *recorder) handle(w http.ResponseWriter, r *http.Request, ev *Event) {
	rec.calls.Add(1)
	b, err := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.events = append(rec.events, ev)
	if err == nil {
		rec.bodies = append(rec.bodies, string(b))
	}
	status := rec.status
	rec.mu.Unlock()
	if status != 0 {
		w.WriteHeader(status)
	}
}

type env struct {
	priv  ed25519.PrivateKey
	clock *fakeClock
	v     *Verifier
	rec   *recorder
}

func newEnv(t *testing.T) *env {
	t.Helper()
	priv := kaKey()
	clock := &fakeClock{t: kaTime}
	return &env{
		priv:  priv,
		clock: clock,
		v:     NewVerifier(publicKeyOf(t, priv), WithClock(clock.Now)),
		rec:   &recorder{},
	}
}

func (e *env) handler(opts ...HandlerOption) http.Handler {
	return NewHandler(e.v, e.rec.handle, opts...)
}

// request is a POST of body signed at the fake clock's time.
func (e *env) request(t *testing.T, body string) *http.Request {
	t.Helper()
	return e.requestAt(t, body, e.clock.Now())
}

func (e *env) requestAt(t *testing.T, body string, at time.Time) *http.Request {
	t.Helper()
	r := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/webhooks", strings.NewReader(body))
	for k, vs := range signAt(e.priv, []byte(body), at) {
		r.Header[k] = vs
	}
	return r
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func eventBody(id string) string {
	return fmt.Sprintf(`{"data":{"id":%q,"event_type":"call.hangup","occurred_at":"2023-11-14T22:13:20Z","record_type":"event","payload":{"n":1}},"meta":{"attempt":1,"delivered_to":"https://example.com"}}`, id)
}

func TestHandlerSuccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	w := serve(e.handler(), e.request(t, kaBody))
	assert.Equal(t, http.StatusOK, w.Code)
	require.EqualValues(t, 1, e.rec.calls.Load())
	ev := e.rec.events[0]
	assert.Equal(t, "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", ev.Data.ID)
	assert.Equal(t, "call.initiated", ev.Data.EventType)
	assert.Equal(t, 1, ev.Meta.Attempt)
	assert.Equal(t, []string{kaBody}, e.rec.bodies, "the body is readable again")
}

func TestHandlerBodyRereadable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var got1, got2 []byte
	var length int64
	h := NewHandler(e.v, func(w http.ResponseWriter, r *http.Request, ev *Event) {
		got1, _ = io.ReadAll(r.Body)
		require.NoError(t, r.Body.Close())
		rc, err := r.GetBody()
		require.NoError(t, err)
		got2, _ = io.ReadAll(rc)
		length = r.ContentLength
		w.WriteHeader(http.StatusNoContent)
	})
	// Without a Content-Length, as with chunked transfer.
	r := e.request(t, kaBody)
	r.ContentLength = -1
	r.Body = io.NopCloser(struct{ io.Reader }{strings.NewReader(kaBody)})
	w := serve(h, r)
	assert.Equal(t, http.StatusNoContent, w.Code)
	assert.Equal(t, kaBody, string(got1))
	assert.Equal(t, kaBody, string(got2))
	assert.EqualValues(t, len(kaBody), length)
}

func TestHandlerRejects(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		mutate func(t *testing.T, e *env, r *http.Request) *http.Request
		status int
		want   error
	}{
		"missing signature": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Header.Del(SignatureHeader)
			return r
		}, http.StatusBadRequest, ErrMissingHeader},
		"API v1 signature": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Header.Del(SignatureHeader)
			r.Header.Set(V1SignatureHeader, "t=1700000000,h=0123abcd")
			return r
		}, http.StatusBadRequest, ErrV1Signature},
		"missing timestamp": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Header.Del(TimestampHeader)
			return r
		}, http.StatusBadRequest, ErrMissingHeader},
		"malformed signature": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Header.Set(SignatureHeader, "nope")
			return r
		}, http.StatusBadRequest, ErrMalformedSignature},
		"malformed timestamp": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Header.Set(TimestampHeader, "soon")
			return r
		}, http.StatusBadRequest, ErrMalformedTimestamp},
		"bad signature": {func(t *testing.T, e *env, r *http.Request) *http.Request {
			r.Header.Set(SignatureHeader, signAt(newKey(t), []byte(kaBody), e.clock.Now()).Get(SignatureHeader))
			return r
		}, http.StatusUnauthorized, ErrInvalidSignature},
		"altered body": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Body = io.NopCloser(strings.NewReader(strings.Replace(kaBody, "incoming", "outgoing", 1)))
			return r
		}, http.StatusUnauthorized, ErrInvalidSignature},
		"stale": {func(_ *testing.T, e *env, r *http.Request) *http.Request {
			e.clock.Advance(6 * time.Minute)
			return r
		}, http.StatusUnauthorized, ErrTimestampOutOfTolerance},
		"from the future": {func(_ *testing.T, e *env, r *http.Request) *http.Request {
			e.clock.Advance(-6 * time.Minute)
			return r
		}, http.StatusUnauthorized, ErrTimestampOutOfTolerance},
		"signed but not an event": {func(t *testing.T, e *env, _ *http.Request) *http.Request {
			return e.request(t, `["not","an","object"]`)
		}, http.StatusBadRequest, ErrMalformedEvent},
		"signed but not JSON": {func(t *testing.T, e *env, _ *http.Request) *http.Request {
			return e.request(t, `{"data":`)
		}, http.StatusBadRequest, ErrMalformedEvent},
		"GET": {func(_ *testing.T, _ *env, r *http.Request) *http.Request {
			r.Method = http.MethodGet
			return r
		}, http.StatusMethodNotAllowed, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			var gotStatus int
			var gotErr error
			plain := e.handler()
			custom := e.handler(WithErrorHandler(func(w http.ResponseWriter, r *http.Request, status int, err error) {
				gotStatus, gotErr = status, err
				w.WriteHeader(status)
			}))

			r := tc.mutate(t, e, e.request(t, kaBody))
			w := serve(plain, r)
			assert.Equal(t, tc.status, w.Code)
			assert.Equal(t, http.StatusText(tc.status)+"\n", w.Body.String(), "no detail for the sender")
			if tc.status == http.StatusMethodNotAllowed {
				assert.Equal(t, http.MethodPost, w.Header().Get("Allow"))
			}

			r = tc.mutate(t, e, e.request(t, kaBody))
			w = serve(custom, r)
			assert.Equal(t, tc.status, w.Code)
			assert.Equal(t, tc.status, gotStatus)
			require.Error(t, gotErr)
			if tc.want != nil {
				assert.ErrorIs(t, gotErr, tc.want)
			}
			assert.NotContains(t, gotErr.Error(), "incoming")

			assert.Zero(t, e.rec.calls.Load(), "the application must not be called")
		})
	}
}

func TestHandlerBodySize(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := eventBody("big") + strings.Repeat(" ", 100)
	limit := int64(len(body))

	var gotErr error
	h := e.handler(WithMaxBodySize(limit), WithErrorHandler(func(w http.ResponseWriter, r *http.Request, status int, err error) {
		gotErr = err
		plainError(w, r, status, err)
	}))
	// Exactly at the limit: accepted.
	w := serve(h, e.request(t, body))
	require.Equal(t, http.StatusOK, w.Code)
	require.EqualValues(t, 1, e.rec.calls.Load())

	// One byte over, with a Content-Length: rejected before reading.
	over := body + " "
	w = serve(h, e.request(t, over))
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.ErrorContains(t, gotErr, fmt.Sprintf("larger than %d bytes", limit))

	// One byte over, without a Content-Length: rejected while reading.
	r := e.request(t, over)
	r.ContentLength = -1
	r.Body = io.NopCloser(struct{ io.Reader }{strings.NewReader(over)})
	w = serve(h, r)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)

	// A Content-Length that lies low does not get more read.
	r = e.request(t, over)
	r.ContentLength = 10
	w = serve(h, r)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)

	assert.EqualValues(t, 1, e.rec.calls.Load())
}

func TestHandlerDefaultBodySize(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := e.handler()
	body := `{"data":{"id":"x","payload":"` + strings.Repeat("a", DefaultMaxBodySize) + `"}}`
	w := serve(h, e.request(t, body))
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.Zero(t, e.rec.calls.Load())

	body = `{"data":{"id":"x","payload":"` + strings.Repeat("a", DefaultMaxBodySize-100) + `"}}`
	w = serve(h, e.request(t, body))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.EqualValues(t, 1, e.rec.calls.Load())
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestHandlerBodyReadError(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.request(t, kaBody)
	r.Body = io.NopCloser(errReader{})
	w := serve(e.handler(), r)
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.Zero(t, e.rec.calls.Load())

	// A request built without a body is just an empty one.
	r = e.request(t, "")
	r.Body = nil
	w = serve(e.handler(), r)
	assert.Equal(t, http.StatusBadRequest, w.Code) // verified, but not an event
}

func TestHandlerReplay(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	store := NewMemoryStore()
	h := e.handler(WithReplayStore(store))

	w := serve(h, e.request(t, kaBody))
	assert.Equal(t, http.StatusOK, w.Code)
	// The very same signed delivery again, a minute later.
	e.clock.Advance(time.Minute)
	w = serve(h, e.requestAt(t, kaBody, kaTime))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Empty(t, w.Body.String())
	// A retry with a fresh signature but the same event id.
	w = serve(h, e.request(t, kaBody))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.EqualValues(t, 1, e.rec.calls.Load())

	// Another event is handled.
	w = serve(h, e.request(t, eventBody("other")))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.EqualValues(t, 2, e.rec.calls.Load())

	// A rejected delivery does not mark its id.
	bad := e.request(t, eventBody("third"))
	bad.Header.Set(TimestampHeader, "1")
	assert.Equal(t, http.StatusUnauthorized, serve(h, bad).Code)
	assert.Equal(t, http.StatusOK, serve(h, e.request(t, eventBody("third"))).Code)
	assert.EqualValues(t, 3, e.rec.calls.Load())
}

func TestHandlerReplayWindow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	store := NewMemoryStore()
	h := e.handler(WithReplayStore(store))
	body := eventBody("evt")

	// Delivered with a timestamp 4 minutes in the future: the id is kept
	// until that timestamp plus the tolerance, kaTime+9m.
	sent := kaTime.Add(4 * time.Minute)
	require.Equal(t, http.StatusOK, serve(h, e.requestAt(t, body, sent)).Code)
	e.clock.Advance(8*time.Minute + 59*time.Second)
	// Still within tolerance of its own timestamp, and still remembered;
	// this arrival extends the record to kaTime+8m59s+5m.
	require.Equal(t, http.StatusOK, serve(h, e.requestAt(t, body, sent)).Code)
	assert.EqualValues(t, 1, e.rec.calls.Load())
	e.clock.Advance(2 * time.Second)
	// Now stale: rejected before the store is asked.
	require.Equal(t, http.StatusUnauthorized, serve(h, e.requestAt(t, body, sent)).Code)
	// A retry signed afresh is still a repeat (and extends the record to
	// kaTime+9m1s+5m).
	require.Equal(t, http.StatusOK, serve(h, e.request(t, body)).Code)
	assert.EqualValues(t, 1, e.rec.calls.Load())

	// Once the record has expired, the id is handled again.
	e.clock.Advance(5*time.Minute + time.Second)
	require.Equal(t, http.StatusOK, serve(h, e.request(t, body)).Code)
	assert.EqualValues(t, 2, e.rec.calls.Load())
}

func TestHandlerReplayForgetsFailures(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusInternalServerError, http.StatusServiceUnavailable, http.StatusBadRequest} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			h := e.handler(WithReplayStore(NewMemoryStore()))
			e.rec.status = status
			assert.Equal(t, status, serve(h, e.request(t, kaBody)).Code)
			// Telnyx retries; this time the application copes.
			e.rec.mu.Lock()
			e.rec.status = http.StatusNoContent
			e.rec.mu.Unlock()
			assert.Equal(t, http.StatusNoContent, serve(h, e.request(t, kaBody)).Code)
			assert.Equal(t, http.StatusOK, serve(h, e.request(t, kaBody)).Code)
			assert.EqualValues(t, 2, e.rec.calls.Load())
		})
	}
}

func TestHandlerReplayForgetsPanics(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var calls atomic.Int64
	h := NewHandler(e.v, func(w http.ResponseWriter, r *http.Request, ev *Event) {
		if calls.Add(1) == 1 {
			panic(http.ErrAbortHandler)
		}
		_, _ = io.WriteString(w, "ok")
	}, WithReplayStore(NewMemoryStore()))
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { serve(h, e.request(t, kaBody)) })
	w := serve(h, e.request(t, kaBody))
	assert.Equal(t, "ok", w.Body.String())
	assert.Equal(t, http.StatusOK, serve(h, e.request(t, kaBody)).Code)
	assert.EqualValues(t, 2, calls.Load())
}

func TestHandlerKeepsResponseController(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var flushErr error
	h := NewHandler(e.v, func(w http.ResponseWriter, r *http.Request, ev *Event) {
		_, _ = io.WriteString(w, "partial")
		flushErr = http.NewResponseController(w).Flush()
	}, WithReplayStore(NewMemoryStore()))
	w := serve(h, e.request(t, kaBody))
	require.NoError(t, flushErr)
	assert.True(t, w.Flushed)
}

func TestHandlerEventWithoutID(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	store := NewMemoryStore()
	h := e.handler(WithReplayStore(store))
	body := `{"data":{"event_type":"call.hangup","payload":{}}}`
	for range 3 {
		assert.Equal(t, http.StatusOK, serve(h, e.request(t, body)).Code)
	}
	assert.EqualValues(t, 3, e.rec.calls.Load(), "without an id there is nothing to deduplicate on")
	assert.Zero(t, store.Len())
}

// failingStore fails every call.
type failingStore struct{}

func (failingStore) Seen(context.Context, string, time.Time, time.Time) (bool, error) {
	return false, errors.New("redis: connection refused")
}
func (failingStore) Forget(context.Context, string) error { return nil }

func TestHandlerStoreError(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var gotErr error
	h := e.handler(WithReplayStore(failingStore{}), WithErrorHandler(func(w http.ResponseWriter, r *http.Request, status int, err error) {
		gotErr = err
		w.WriteHeader(status)
	}))
	assert.Equal(t, http.StatusInternalServerError, serve(h, e.request(t, kaBody)).Code)
	assert.ErrorContains(t, gotErr, "connection refused")
	assert.Zero(t, e.rec.calls.Load())
}

// ctxStore checks that Forget gets a live context.
type ctxStore struct {
	MemoryStore
	forgetErr atomic.Value
}

func (s *ctxStore) Forget(ctx context.Context, id string) error {
	s.forgetErr.Store(fmt.Sprint(ctx.Err()))
	return s.MemoryStore.Forget(ctx, id)
}

func TestHandlerForgetSurvivesCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	store := &ctxStore{}
	ctx, cancel := context.WithCancel(t.Context())
	h := NewHandler(e.v, func(w http.ResponseWriter, r *http.Request, ev *Event) {
		cancel() // the client went away
		w.WriteHeader(http.StatusServiceUnavailable)
	}, WithReplayStore(store))
	r := e.request(t, kaBody).WithContext(ctx)
	serve(h, r)
	assert.Equal(t, "<nil>", store.forgetErr.Load())
	assert.Zero(t, store.Len())
}

func TestHandlerConcurrent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	store := NewMemoryStore()
	var perID sync.Map
	h := NewHandler(e.v, func(w http.ResponseWriter, r *http.Request, ev *Event) {
		n, _ := perID.LoadOrStore(ev.Data.ID, new(atomic.Int64))
		n.(*atomic.Int64).Add(1)
	}, WithReplayStore(store))

	const ids, copies = 50, 8
	bodies := make([]string, ids)
	for i := range bodies {
		bodies[i] = eventBody(fmt.Sprintf("evt-%d", i))
	}
	var wg sync.WaitGroup
	codes := make(chan int, ids*copies)
	for c := range copies {
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if c%2 == 1 {
					e.clock.Advance(time.Millisecond)
				}
				codes <- serve(h, e.request(t, bodies[i])).Code
			}()
		}
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		assert.Equal(t, http.StatusOK, code)
	}
	for i := range ids {
		n, ok := perID.Load(fmt.Sprintf("evt-%d", i))
		require.True(t, ok, i)
		assert.EqualValues(t, 1, n.(*atomic.Int64).Load(), "evt-%d handled once", i)
	}
	assert.Equal(t, ids, store.Len())
}

func TestHandlerWithHTTPServer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// A real server runs on the system clock.
	v := NewVerifier(publicKeyOf(t, e.priv))
	srv := httptest.NewServer(NewHandler(v, e.rec.handle, WithReplayStore(NewMemoryStore())))
	t.Cleanup(srv.Close)
	post := func(body string, at time.Time) int {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL, bytes.NewReader([]byte(body)))
		require.NoError(t, err)
		for k, vs := range signAt(e.priv, []byte(body), at) {
			req.Header[k] = vs
		}
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusOK, post(kaBody, time.Now()))
	assert.Equal(t, http.StatusOK, post(kaBody, time.Now()))
	assert.Equal(t, http.StatusUnauthorized, post(eventBody("old"), time.Now().Add(-time.Hour)))
	assert.EqualValues(t, 1, e.rec.calls.Load())
	assert.Equal(t, []string{kaBody}, e.rec.bodies)
}

func TestStatusWriter(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		do   func(w http.ResponseWriter)
		want int
	}{
		"nothing": {func(http.ResponseWriter) {}, 0},
		"write":   {func(w http.ResponseWriter) { _, _ = w.Write([]byte("x")) }, http.StatusOK},
		"204":     {func(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }, http.StatusNoContent},
		"early hints": {func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusEarlyHints)
			w.WriteHeader(http.StatusBadGateway)
		}, http.StatusBadGateway},
		"500 then 200":   {func(w http.ResponseWriter) { w.WriteHeader(500); w.WriteHeader(200) }, 500},
		"write then 500": {func(w http.ResponseWriter) { _, _ = w.Write(nil); w.WriteHeader(500) }, http.StatusOK},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sw := &statusWriter{ResponseWriter: discardWriter{}}
			tc.do(sw)
			assert.Equal(t, tc.want, sw.status)
		})
	}
}

type discardWriter struct{}

func (discardWriter) Header() http.Header         { return http.Header{} }
func (discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (discardWriter) WriteHeader(int)             {}
