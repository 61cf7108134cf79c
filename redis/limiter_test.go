package telnyxredis_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	telnyxredis "github.com/telnyx-sip-integrations/telnyx-go/redis"
)

// The option takes golang.org/x/time/rate's limiter as it is, and this
// package's.
var (
	_ option.Limiter = (*rate.Limiter)(nil)
	_ option.Limiter = (*telnyxredis.Limiter)(nil)
)

// rateLimitedAPI answers 200 to requests within perSecond (a token bucket
// holding burst) and 429 to the rest, as an account's rate limit does. It
// records when each accepted request came and which client sent it.
type rateLimitedAPI struct {
	mu       sync.Mutex
	interval time.Duration
	burst    time.Duration // interval * (burst - 1)
	tat      time.Time
	ok       []time.Time
	byClient map[string]int
	refused  int
}

func newRateLimitedAPI(perSecond float64, burst int) *rateLimitedAPI {
	iv := time.Duration(float64(time.Second) / perSecond)
	return &rateLimitedAPI{interval: iv, burst: iv * time.Duration(burst-1), byClient: map[string]int{}}
}

func (a *rateLimitedAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	now := time.Now()
	tat := a.tat
	if tat.Before(now) {
		tat = now
	}
	if tat.Sub(now) > a.burst {
		a.refused++
		a.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"errors":[{"code":"10011","title":"Too many requests"}]}`))
		return
	}
	a.tat = tat.Add(a.interval)
	a.ok = append(a.ok, now)
	a.byClient[r.Header.Get("X-Replica")]++
	a.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"data":{"record_type":"siprec_connector","name":"a"}}`))
}

// TestFourClientsShareOneRate runs four clients, each with its own Redis
// connection and Limiter of one name, as four replicas would, against an
// API that refuses what goes above 50 requests a second.
func TestFourClientsShareOneRate(t *testing.T) {
	t.Parallel()
	const (
		perSecond = 50.0
		clients   = 4
		run       = 3 * time.Second
	)
	api := newRateLimitedAPI(perSecond, 5)
	srv := httptest.NewServer(api)
	defer srv.Close()
	name := prefix(t)

	var wg sync.WaitGroup
	var sent, unexpected atomic.Int32
	start := time.Now()
	end := start.Add(run)
	for i := range clients {
		lim, err := telnyxredis.NewLimiter(newRedis(t), name, perSecond, 1)
		require.NoError(t, err)
		c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithInsecureHTTP(),
			option.WithLimiter(lim), option.WithMaxRetries(0), option.WithHeader("X-Replica", string(rune('a'+i))))
		require.NoError(t, err)
		wg.Go(func() {
			for time.Now().Before(end) {
				if err := c.Get(t.Context(), "/siprec_connectors/a", nil, nil); err != nil {
					unexpected.Add(1)
					t.Errorf("replica %d: %v", i, err)
					return
				}
				sent.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	api.mu.Lock()
	defer api.mu.Unlock()
	require.Greater(t, len(api.ok), 10)
	// The rate between the first and the last accepted request: n-1 gaps.
	span := api.ok[len(api.ok)-1].Sub(api.ok[0]).Seconds()
	aggregate := float64(len(api.ok)-1) / span
	for _, id := range []string{"a", "b", "c", "d"} {
		t.Logf("client %s: %d requests, %.2f req/s", id, api.byClient[id], float64(api.byClient[id])/elapsed.Seconds())
	}
	t.Logf("aggregate: %d requests in %.3f s, %.2f req/s; 429s: %d", len(api.ok), span, aggregate, api.refused)

	assert.Zero(t, api.refused, "429s")
	assert.Zero(t, unexpected.Load())
	assert.Equal(t, int(sent.Load()), len(api.ok))
	assert.InDelta(t, perSecond, aggregate, perSecond*0.05, "aggregate within 5%% of the shared rate")
	for _, id := range []string{"a", "b", "c", "d"} {
		assert.Positive(t, api.byClient[id], "every client got its turn")
	}
}

// The measurement above means something only if the API does refuse
// requests above the rate.
func TestRateLimitedAPIRefusesAboveTheRate(t *testing.T) {
	t.Parallel()
	api := newRateLimitedAPI(50, 5)
	srv := httptest.NewServer(api)
	defer srv.Close()
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithInsecureHTTP(), option.WithMaxRetries(0))
	require.NoError(t, err)
	var refused int
	for range 20 {
		var apiErr *telnyx.Error
		if err := c.Get(t.Context(), "/siprec_connectors/a", nil, nil); errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusTooManyRequests {
			refused++
		}
	}
	assert.Positive(t, refused, "unpaced requests above 50/s meet 429")
}

func TestLimiterBurstThenPace(t *testing.T) {
	t.Parallel()
	lim, err := telnyxredis.NewLimiter(newRedis(t), prefix(t), 20, 3)
	require.NoError(t, err)
	start := time.Now()
	for range 3 {
		require.NoError(t, lim.Wait(t.Context()))
	}
	assert.Less(t, time.Since(start), 40*time.Millisecond, "a burst of 3 goes at once")
	require.NoError(t, lim.Wait(t.Context()))
	assert.GreaterOrEqual(t, time.Since(start), 40*time.Millisecond, "the fourth waits its interval (50 ms, less the time taken)")
}

func TestLimiterNamesAreIndependent(t *testing.T) {
	t.Parallel()
	rdb := newRedis(t)
	p := prefix(t)
	a, err := telnyxredis.NewLimiter(rdb, "a", 1, 1, telnyxredis.WithPrefix(p))
	require.NoError(t, err)
	b, err := telnyxredis.NewLimiter(rdb, "b", 1, 1, telnyxredis.WithPrefix(p))
	require.NoError(t, err)
	require.NoError(t, a.Wait(t.Context()))
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	require.NoError(t, b.Wait(ctx), "b has its own rate")
	n, err := rdb.Exists(t.Context(), p+"a", p+"b").Result()
	require.NoError(t, err)
	assert.Equal(t, int64(2), n, "keys are prefix + name")
}

func TestLimiterRefusesAWaitBeyondTheDeadline(t *testing.T) {
	t.Parallel()
	lim, err := telnyxredis.NewLimiter(newRedis(t), prefix(t), 1, 1)
	require.NoError(t, err)
	require.NoError(t, lim.Wait(t.Context()))
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = lim.Wait(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 80*time.Millisecond, "it fails at once, not at the deadline")

	// A cancelled context ends a wait in progress.
	ctx2, cancel2 := context.WithCancel(t.Context())
	time.AfterFunc(30*time.Millisecond, cancel2)
	assert.ErrorIs(t, lim.Wait(ctx2), context.Canceled)
}

func TestLimiterWhenRedisIsDown(t *testing.T) {
	t.Parallel()
	var reported atomic.Int32
	onError := telnyxredis.WithErrorHandler(func(error) { reported.Add(1) })

	closed, err := telnyxredis.NewLimiter(deadRedis(t), "x", 10, 1, onError)
	require.NoError(t, err)
	err = closed.Wait(t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "telnyxredis: limiter")

	// Through a client: the call ends before anything is sent.
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithInsecureHTTP(), option.WithLimiter(closed))
	require.NoError(t, err)
	err = c.Get(t.Context(), "/siprec_connectors/a", nil, nil)
	var ce *telnyx.ConnectionError
	require.ErrorAs(t, err, &ce)
	assert.Zero(t, hits.Load(), "nothing was sent")

	open, err := telnyxredis.NewLimiter(deadRedis(t), "x", 10, 1, telnyxredis.WithFailOpen(), onError)
	require.NoError(t, err)
	assert.NoError(t, open.Wait(t.Context()), "failing open lets the request through")
	assert.Equal(t, int32(3), reported.Load(), "every failure is reported, open or closed")
}

func TestNewLimiterRefusesBadArguments(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { _ = rdb.Close() })
	for _, tc := range []struct {
		name      string
		client    redis.UniversalClient
		limiter   string
		perSecond float64
		burst     int
		want      string
	}{
		{"nil client", nil, "a", 1, 1, "nil Redis client"},
		{"no name", rdb, "", 1, 1, "empty limiter name"},
		{"zero rate", rdb, "a", 0, 1, "rate must be above 0"},
		{"negative rate", rdb, "a", -5, 1, "rate must be above 0"},
		{"NaN rate", rdb, "a", nan(), 1, "rate must be above 0"},
		{"rate too high", rdb, "a", 2e6, 1, "at most 1e6"},
		{"no burst", rdb, "a", 1, 0, "burst must be 1 or more"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			lim, err := telnyxredis.NewLimiter(tc.client, tc.limiter, tc.perSecond, tc.burst)
			assert.Nil(t, lim)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}
