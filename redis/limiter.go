package telnyxredis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Limiter is an option.Limiter whose rate is shared, through Redis, by
// every Limiter with the same name and prefix, in any process: N clients
// that use it send at most the one rate between them. It applies the
// generic cell rate algorithm (GCRA) in one Lua script, on Redis's clock,
// so that the processes' clocks do not matter. It is safe for concurrent
// use.
type Limiter struct {
	client    redis.UniversalClient
	key       string
	interval  int64 // microseconds between requests at the rate
	tolerance int64 // microseconds of burst: interval * (burst - 1)
	s         settings
}

var _ option.Limiter = (*Limiter)(nil)

// NewLimiter returns a Limiter named name that allows perSecond requests a
// second, and up to burst at once after a pause (1 spaces every request
// evenly). Give it to option.WithLimiter on every client that shares the
// account.
func NewLimiter(client redis.UniversalClient, name string, perSecond float64, burst int, opts ...Option) (*Limiter, error) {
	switch {
	case client == nil:
		return nil, errors.New("telnyxredis: nil Redis client")
	case name == "":
		return nil, errors.New("telnyxredis: empty limiter name")
	case !(perSecond > 0) || math.IsInf(perSecond, 0) || perSecond > 1e6:
		return nil, fmt.Errorf("telnyxredis: rate must be above 0 and at most 1e6 a second, got %v", perSecond)
	case burst < 1:
		return nil, fmt.Errorf("telnyxredis: burst must be 1 or more, got %d", burst)
	}
	interval := int64(math.Round(1e6 / perSecond))
	s := apply("telnyx:rate:", opts)
	return &Limiter{client: client, key: s.prefix + name, interval: interval, tolerance: interval * int64(burst-1), s: s}, nil
}

// gcraScript reserves the next request's slot under the generic cell rate
// algorithm and returns {1, microseconds to wait for it}. A slot further
// off than maxWait microseconds (when maxWait is not negative) is not
// reserved: the script returns {0, the wait} and changes nothing. Slots
// are reserved ahead rather than taken on arrival, so that a caller that
// wakes late does not lose its slot's share of the rate.
var gcraScript = redis.NewScript(`
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]))
if not tat or tat < now then
	tat = now
end
local wait = tat - tolerance - now
if wait < 0 then
	wait = 0
end
if maxWait >= 0 and wait > maxWait then
	return {0, wait}
end
local nxt = tat + interval
redis.call('SET', KEYS[1], string.format('%d', nxt), 'PX', math.ceil((nxt - now) / 1000) + 1000)
return {1, wait}
`)

// Wait reserves the next request's slot in the shared rate and blocks
// until it comes, or ctx ends. A slot that would come after ctx's deadline
// is not reserved and the call fails at once, as golang.org/x/time/rate
// does. A wait ended by ctx leaves its slot unused: the fleet then sends a
// little below the rate, never above it. When Redis fails Wait returns the
// error, or, failing open, lets the request through.
func (l *Limiter) Wait(ctx context.Context) error {
	maxWait := int64(-1)
	if dl, ok := ctx.Deadline(); ok {
		maxWait = max(time.Until(dl).Microseconds(), 0)
	}
	res, err := gcraScript.Run(ctx, l.client, []string{l.key}, l.interval, l.tolerance, maxWait).Int64Slice()
	if err == nil && len(res) != 2 {
		err = fmt.Errorf("unexpected script answer %v", res)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return l.s.failed(fmt.Errorf("telnyxredis: limiter %q: %w", l.key, err))
	}
	d := time.Duration(res[1]) * time.Microsecond
	if res[0] == 0 {
		return fmt.Errorf("telnyxredis: limiter %q: waiting %v would outlast the deadline: %w", l.key, d, context.DeadlineExceeded)
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
