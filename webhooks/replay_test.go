package webhooks

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMemoryStoreSeen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	var s MemoryStore // the zero value works
	now := kaTime

	seen, err := s.Seen(ctx, "a", now, now.Add(time.Minute))
	require.NoError(t, err)
	assert.False(t, seen)
	seen, err = s.Seen(ctx, "a", now.Add(59*time.Second), now.Add(time.Minute))
	require.NoError(t, err)
	assert.True(t, seen)
	seen, _ = s.Seen(ctx, "b", now, now.Add(time.Minute))
	assert.False(t, seen)

	// Expired at exactly its expiry: recorded afresh.
	seen, _ = s.Seen(ctx, "a", now.Add(time.Minute), now.Add(2*time.Minute))
	assert.False(t, seen)
	seen, _ = s.Seen(ctx, "a", now.Add(90*time.Second), now.Add(91*time.Second))
	assert.True(t, seen)
	// A shorter expiry did not shorten the record.
	seen, _ = s.Seen(ctx, "a", now.Add(110*time.Second), now.Add(111*time.Second))
	assert.True(t, seen)

	require.NoError(t, s.Forget(ctx, "a"))
	require.NoError(t, s.Forget(ctx, "never-seen"))
	seen, _ = s.Seen(ctx, "a", now.Add(2*time.Minute), now.Add(3*time.Minute))
	assert.False(t, seen)
}

func TestMemoryStoreExtendsExpiry(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := NewMemoryStore()
	now := kaTime
	_, _ = s.Seen(ctx, "a", now, now.Add(time.Minute))
	seen, _ := s.Seen(ctx, "a", now.Add(30*time.Second), now.Add(10*time.Minute))
	assert.True(t, seen)
	seen, _ = s.Seen(ctx, "a", now.Add(9*time.Minute), now.Add(9*time.Minute))
	assert.True(t, seen, "the later expiry was kept")
}

func TestMemoryStorePrunes(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := NewMemoryStore()
	clock := &fakeClock{t: kaTime}
	ttl := 5 * time.Minute

	// A steady stream: 10 new ids a second for an hour. Only about
	// 5 minutes' worth are live at any time.
	maxLen := 0
	for i := range 36000 {
		if i%10 == 0 {
			clock.Advance(time.Second)
		}
		now := clock.Now()
		seen, err := s.Seen(ctx, fmt.Sprint(i), now, now.Add(ttl))
		require.NoError(t, err)
		require.False(t, seen)
		maxLen = max(maxLen, s.Len())
	}
	live := 10 * int(ttl/time.Second)
	assert.LessOrEqual(t, maxLen, 2*live+10, "bounded by about twice the live ids")
	assert.GreaterOrEqual(t, s.Len(), live)

	// After a quiet spell everything expires; the next call sweeps and
	// the map is reallocated small.
	clock.Advance(time.Hour)
	for i := range minSweep {
		now := clock.Now()
		_, _ = s.Seen(ctx, fmt.Sprint("late", i), now, now.Add(ttl))
	}
	assert.LessOrEqual(t, s.Len(), minSweep)
	s.mu.Lock()
	assert.LessOrEqual(t, s.peak, 2*minSweep)
	s.mu.Unlock()
}

func TestMemoryStoreConcurrent(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := NewMemoryStore()
	now := kaTime
	const ids, workers = 200, 16
	var wg sync.WaitGroup
	var mu sync.Mutex
	firsts := map[string]int{}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ids {
				id := fmt.Sprint(i)
				at := now.Add(time.Duration(w) * time.Millisecond)
				seen, err := s.Seen(ctx, id, at, now.Add(time.Hour))
				if err == nil && !seen {
					mu.Lock()
					firsts[id]++
					mu.Unlock()
				}
				if i%50 == 0 {
					_ = s.Len()
				}
			}
		}()
	}
	wg.Wait()
	require.Len(t, firsts, ids)
	for id, n := range firsts {
		assert.Equal(t, 1, n, id)
	}
}
