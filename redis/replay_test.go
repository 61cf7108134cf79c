package telnyxredis_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyxredis "github.com/telnyx-sip-integrations/telnyx-go/redis"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
	"github.com/telnyx-sip-integrations/telnyx-go/webhooks"
)

const delivery = `{"data":{"id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","event_type":"call.initiated","record_type":"event","payload":{}}}`

// replica is one instance of a service behind a load balancer: its own
// Redis connection, its own store, its own handler.
type replica struct {
	handler http.Handler
	handled *atomic.Int32
}

func newReplica(t *testing.T, signer *telnyxtest.Signer, store webhooks.ReplayStore, fail *atomic.Bool) replica {
	t.Helper()
	key, err := webhooks.ParsePublicKey(signer.PublicKey())
	require.NoError(t, err)
	var handled atomic.Int32
	h := webhooks.NewHandler(webhooks.NewVerifier(key), func(w http.ResponseWriter, _ *http.Request, _ *webhooks.Event) {
		if fail != nil && fail.Load() {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		handled.Add(1)
	}, webhooks.WithReplayStore(store))
	return replica{handler: h, handled: &handled}
}

func deliver(t *testing.T, signer *telnyxtest.Signer, h http.Handler, body string, at time.Time) int {
	t.Helper()
	req, err := signer.NewRequest(t.Context(), "http://svc.example/hooks", []byte(body), at)
	require.NoError(t, err)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Code
}

// Telnyx delivers the same event to two replicas, several times and at
// once: it is handed to the application exactly once in all.
func TestTwoReplicasHandADeliveryOnOnce(t *testing.T) {
	t.Parallel()
	signer, err := telnyxtest.NewSigner()
	require.NoError(t, err)
	p := prefix(t)
	a := newReplica(t, signer, telnyxredis.NewReplayStore(newRedis(t), telnyxredis.WithPrefix(p)), nil)
	b := newReplica(t, signer, telnyxredis.NewReplayStore(newRedis(t), telnyxredis.WithPrefix(p)), nil)
	at := time.Now()
	var wg sync.WaitGroup
	codes := make(chan int, 20)
	for i := range 20 {
		h := []http.Handler{a.handler, b.handler}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- deliver(t, signer, h, delivery, at)
		}()
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		assert.Equal(t, http.StatusOK, code, "every delivery is acknowledged")
	}
	assert.Equal(t, int32(1), a.handled.Load()+b.handled.Load(), "handed on once across both replicas")

	// Another event is handed on again.
	other := bytes.Replace([]byte(delivery), []byte("0ccc7b54"), []byte("1ddd7b54"), 1)
	assert.Equal(t, http.StatusOK, deliver(t, signer, b.handler, string(other), at))
	assert.Equal(t, int32(2), a.handled.Load()+b.handled.Load())
}

// A handler that fails makes the store forget the event, so that Telnyx's
// retry, reaching any replica, is handled.
func TestAFailedHandlingIsForgottenForTheRetry(t *testing.T) {
	t.Parallel()
	signer, err := telnyxtest.NewSigner()
	require.NoError(t, err)
	p := prefix(t)
	var failing atomic.Bool
	failing.Store(true)
	a := newReplica(t, signer, telnyxredis.NewReplayStore(newRedis(t), telnyxredis.WithPrefix(p)), &failing)
	b := newReplica(t, signer, telnyxredis.NewReplayStore(newRedis(t), telnyxredis.WithPrefix(p)), nil)
	assert.Equal(t, http.StatusInternalServerError, deliver(t, signer, a.handler, delivery, time.Now()))
	assert.Equal(t, http.StatusOK, deliver(t, signer, b.handler, delivery, time.Now()))
	assert.Equal(t, int32(1), b.handled.Load(), "the retry was handled")
	assert.Equal(t, http.StatusOK, deliver(t, signer, b.handler, delivery, time.Now()))
	assert.Equal(t, int32(1), b.handled.Load(), "and only once")
}

func TestSeenKeepsTheLongerLifetime(t *testing.T) {
	t.Parallel()
	rdb := newRedis(t)
	p := prefix(t)
	store := telnyxredis.NewReplayStore(rdb, telnyxredis.WithPrefix(p))
	ctx := t.Context()
	now := time.Now()
	seen, err := store.Seen(ctx, "evt", now, now.Add(10*time.Second))
	require.NoError(t, err)
	assert.False(t, seen)
	seen, err = store.Seen(ctx, "evt", now, now.Add(10*time.Millisecond))
	require.NoError(t, err)
	assert.True(t, seen)
	ttl, err := rdb.PTTL(ctx, p+"evt").Result()
	require.NoError(t, err)
	assert.Greater(t, ttl, 5*time.Second, "a shorter lifetime does not shorten the record")

	// A record expires with its lifetime.
	_, err = store.Seen(ctx, "short", now, now.Add(30*time.Millisecond))
	require.NoError(t, err)
	time.Sleep(80 * time.Millisecond)
	seen, err = store.Seen(ctx, "short", now, now.Add(30*time.Millisecond))
	require.NoError(t, err)
	assert.False(t, seen, "expired records are new again")

	require.NoError(t, store.Forget(ctx, "evt"))
	seen, err = store.Seen(ctx, "evt", now, now.Add(time.Second))
	require.NoError(t, err)
	assert.False(t, seen, "a forgotten id is new")
}

// With Redis down, the default fails closed: the handler answers 500 and
// the application is not called, so Telnyx delivers again later. Failing
// open hands the delivery on unchecked; the error handler hears of it.
func TestRedisDownFailsClosedOrOpen(t *testing.T) {
	t.Parallel()
	signer, err := telnyxtest.NewSigner()
	require.NoError(t, err)
	closed := newReplica(t, signer, telnyxredis.NewReplayStore(deadRedis(t)), nil)
	assert.Equal(t, http.StatusInternalServerError, deliver(t, signer, closed.handler, delivery, time.Now()))
	assert.Equal(t, int32(0), closed.handled.Load())

	var reported atomic.Int32
	open := newReplica(t, signer, telnyxredis.NewReplayStore(deadRedis(t), telnyxredis.WithFailOpen(),
		telnyxredis.WithErrorHandler(func(err error) {
			if !errors.Is(err, context.Canceled) {
				reported.Add(1)
			}
		})), nil)
	assert.Equal(t, http.StatusOK, deliver(t, signer, open.handler, delivery, time.Now()))
	assert.Equal(t, int32(1), open.handled.Load())
	assert.Equal(t, int32(1), reported.Load())
}

func TestNewReplayStoreNeedsAClient(t *testing.T) {
	t.Parallel()
	assert.PanicsWithValue(t, "telnyxredis: NewReplayStore needs a Redis client", func() { telnyxredis.NewReplayStore(nil) })
}
