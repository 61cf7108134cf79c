package telnyxredis

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/telnyx-sip-integrations/telnyx-go/webhooks"
)

// ReplayStore is a webhooks.ReplayStore in Redis, shared by every replica
// that points at the same Redis and prefix. It is safe for concurrent use.
type ReplayStore struct {
	client redis.UniversalClient
	s      settings
}

var _ webhooks.ReplayStore = (*ReplayStore)(nil)

// NewReplayStore returns a ReplayStore on client. Give it to
// webhooks.NewHandler with webhooks.WithReplayStore. It panics if client
// is nil, as webhooks.NewHandler does for a missing piece.
func NewReplayStore(client redis.UniversalClient, opts ...Option) *ReplayStore {
	if client == nil {
		panic("telnyxredis: NewReplayStore needs a Redis client")
	}
	return &ReplayStore{client: client, s: apply("telnyx:webhook:", opts)}
}

// seenScript records an id with SET NX and a lifetime in one step; an id
// already there keeps the longer of its lifetime and the new one.
var seenScript = redis.NewScript(`
local ttl = tonumber(ARGV[1])
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ttl) then
	return 0
end
local left = redis.call('PTTL', KEYS[1])
if left >= 0 and left < ttl then
	redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1
`)

// Seen implements webhooks.ReplayStore: it records id until expiresAt and
// reports whether a replica recorded it before. The lifetime is
// expiresAt.Sub(now), counted by Redis's clock. When Redis fails it returns
// the error, or, failing open, reports the id as new.
func (s *ReplayStore) Seen(ctx context.Context, id string, now, expiresAt time.Time) (bool, error) {
	ttl := max(expiresAt.Sub(now).Milliseconds(), 1)
	seen, err := seenScript.Run(ctx, s.client, []string{s.s.prefix + id}, ttl).Int()
	if err != nil {
		return false, s.s.failed(fmt.Errorf("telnyxredis: recording webhook %q: %w", id, err))
	}
	return seen == 1, nil
}

// Forget implements webhooks.ReplayStore: it removes id, so that Telnyx's
// next delivery of it is handled. Failing open, an error is only reported.
func (s *ReplayStore) Forget(ctx context.Context, id string) error {
	if err := s.client.Del(ctx, s.s.prefix+id).Err(); err != nil {
		return s.s.failed(fmt.Errorf("telnyxredis: forgetting webhook %q: %w", id, err))
	}
	return nil
}
