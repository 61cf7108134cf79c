package webhooks

import (
	"context"
	"sync"
	"time"
)

// ReplayStore remembers the ids of events already handed to the application,
// so that a repeated delivery is acknowledged without being handled twice.
// Implementations must be safe for concurrent use; one backed by a shared
// database or cache protects every instance of a service at once.
type ReplayStore interface {
	// Seen records id as seen until expiresAt and reports whether it was
	// already recorded with an expiry after now. Checking and recording
	// must be one atomic step, so that of two concurrent calls with the
	// same id exactly one reports false. An id seen again may have its
	// expiry extended but never shortened. now is the verifier's clock;
	// a store with its own notion of time (a cache with TTLs, say) may
	// use expiresAt.Sub(now) as the lifetime instead.
	Seen(ctx context.Context, id string, now, expiresAt time.Time) (bool, error)

	// Forget removes id, so that its next delivery is handled again. The
	// handler calls it when the application fails on the event, because
	// Telnyx will retry the delivery.
	Forget(ctx context.Context, id string) error
}

// MemoryStore is a [ReplayStore] in process memory, for a single instance
// of a service. The zero value is ready to use, and it is safe for
// concurrent use.
//
// Expired ids are dropped in a sweep that runs when the number held reaches
// twice the number that survived the previous sweep (and at least 64), or
// once every id that survived it has expired. Sweeps cost a constant per
// call when amortized, and the store holds at most about twice the ids live
// at the last sweep. Because the handler consults it only for correctly
// signed, timely deliveries, that is bounded by the rate at which Telnyx
// delivers distinct events times the replay window (up to twice the
// tolerance): outsiders cannot make it grow.
type MemoryStore struct {
	mu      sync.Mutex
	expiry  map[string]time.Time
	sweepAt int       // size at which the next sweep runs
	sweepBy time.Time // when all that survived the last sweep has expired
	peak    int       // size the map has held since it was last reallocated
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return new(MemoryStore) }

const minSweep = 64

// Seen implements [ReplayStore].
func (s *MemoryStore) Seen(_ context.Context, id string, now, expiresAt time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.expiry == nil {
		s.expiry = make(map[string]time.Time)
	}
	if len(s.expiry) >= max(s.sweepAt, minSweep) || (!s.sweepBy.IsZero() && !now.Before(s.sweepBy)) {
		s.sweep(now)
	}
	old, ok := s.expiry[id]
	seen := ok && old.After(now)
	if !seen || expiresAt.After(old) {
		s.expiry[id] = expiresAt
	}
	s.peak = max(s.peak, len(s.expiry))
	return seen, nil
}

// Forget implements [ReplayStore].
func (s *MemoryStore) Forget(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.expiry, id)
	return nil
}

// Len returns the number of ids held, expired ones not yet swept included.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.expiry)
}

// sweep drops the ids expired at now and schedules the next sweep. Go maps
// do not shrink, so after a large drop the survivors move to a new map.
func (s *MemoryStore) sweep(now time.Time) {
	var last time.Time
	for id, exp := range s.expiry {
		if !exp.After(now) {
			delete(s.expiry, id)
		} else if exp.After(last) {
			last = exp
		}
	}
	s.sweepBy = last
	if n := len(s.expiry); n < s.peak/4 {
		fresh := make(map[string]time.Time, n)
		for id, exp := range s.expiry {
			fresh[id] = exp
		}
		s.expiry, s.peak = fresh, n
	}
	s.sweepAt = 2 * len(s.expiry)
}
