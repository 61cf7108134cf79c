package pagesched_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/pagesched"
)

// step is one thing a walk does to its scheduler, with what it expects.
type step struct {
	op   string // "next" (launch all allowed), "ok", "fail", "429", "release", "truncate"
	page int
	want []int // next: pages launched; release: pages released
	free bool  // 429: whether the refusal is free
	win  int   // the window after the step; 0 to skip the check
}

func run(t *testing.T, s *pagesched.Scheduler, steps []step) {
	t.Helper()
	for i, st := range steps {
		what := fmt.Sprintf("step %d (%s %d)", i, st.op, st.page)
		switch st.op {
		case "next":
			var got []int
			for p, ok := s.Next(); ok; p, ok = s.Next() {
				got = append(got, p)
			}
			assert.Equal(t, st.want, got, what)
		case "ok":
			s.Fetched(st.page)
		case "fail":
			s.Failed(st.page)
		case "429":
			assert.Equal(t, st.free, s.Throttled(st.page), what)
		case "release":
			var got []int
			for p, ok := s.Release(); ok; p, ok = s.Release() {
				got = append(got, p)
			}
			assert.Equal(t, st.want, got, what)
		case "truncate":
			s.Truncate(st.page)
		default:
			t.Fatalf("unknown op %q", st.op)
		}
		if st.win != 0 {
			assert.Equal(t, st.win, s.Window(), what+": window")
		}
	}
}

func TestScheduler(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name              string
		held, last, limit int
		steps             []step
		finished          bool
	}{
		{"launches up to the window, releases in order", 1, 5, 2, []step{
			{op: "next", want: []int{2, 3}},
			{op: "ok", page: 3},
			{op: "release", want: nil},
			{op: "next", want: nil}, // 3 is held and counts
			{op: "ok", page: 2},
			{op: "release", want: []int{2, 3}},
			{op: "next", want: []int{4, 5}},
			{op: "ok", page: 4}, {op: "ok", page: 5},
			{op: "release", want: []int{4, 5}},
			{op: "next", want: nil},
		}, true},
		{"a 429 halves the window once per burst and the page goes first", 1, 20, 8, []step{
			{op: "next", want: []int{2, 3, 4, 5, 6, 7, 8, 9}},
			{op: "429", page: 5, free: true, win: 4},
			{op: "429", page: 6, free: true, win: 4}, // same burst: no second cut
			{op: "429", page: 7, free: true, win: 4},
			{op: "next", want: nil}, // 5 still in flight: 2, 3, 4, 8, 9
			{op: "ok", page: 2}, {op: "ok", page: 8},
			{op: "release", want: []int{2}},
			{op: "next", want: []int{5}},             // in flight 3, 4, 9: a refetch, lowest first
			{op: "429", page: 5, free: true, win: 2}, // launched after the cut: cuts again
		}, false},
		{"at a window of one a refusal is not free", 1, 2, 1, []step{
			{op: "next", want: []int{2}},
			{op: "429", page: 2, free: false, win: 1},
			{op: "next", want: []int{2}},
			{op: "ok", page: 2},
			{op: "release", want: []int{2}},
		}, true},
		{"answers raise the window by 1/window up to the limit", 1, 30, 4, []step{
			{op: "next", want: []int{2, 3, 4, 5}},
			{op: "429", page: 2, free: true, win: 2},
			{op: "ok", page: 3, win: 2}, // 2.5
			{op: "ok", page: 4, win: 2}, // 2.9
			{op: "ok", page: 5, win: 3}, // 3.24
		}, false},
		{"at the level last refused the window grows by 1/window²", 1, 40, 4, []step{
			{op: "next", want: []int{2, 3, 4, 5}},
			{op: "429", page: 5, free: true, win: 2}, // cut from 4: slow from 3 up
			{op: "ok", page: 2}, {op: "ok", page: 3},
			{op: "ok", page: 4, win: 3}, // 3.24
			{op: "release", want: []int{2, 3, 4}},
			{op: "next", want: []int{5, 6, 7}},
			{op: "ok", page: 5}, {op: "ok", page: 6}, // 3.34, 3.43
			{op: "ok", page: 7, win: 3}, // 3.51; at 1/window it would be 4.09
			{op: "release", want: []int{5, 6, 7}},
			{op: "next", want: []int{8, 9, 10}},
		}, false},
		{"a failed page is released in its turn", 1, 4, 3, []step{
			{op: "next", want: []int{2, 3, 4}},
			{op: "ok", page: 2}, {op: "fail", page: 3}, {op: "ok", page: 4},
			{op: "release", want: []int{2, 3, 4}, win: 3},
		}, true},
		{"truncate stops launching and releasing past the end", 1, 10, 3, []step{
			{op: "next", want: []int{2, 3, 4}},
			{op: "ok", page: 2},
			{op: "release", want: []int{2}},
			{op: "truncate", page: 3},
			{op: "next", want: nil},
			{op: "ok", page: 4}, // forgotten
			{op: "429", page: 3, free: true},
			{op: "next", want: []int{3}},
			{op: "ok", page: 3},
			{op: "release", want: []int{3}},
		}, true},
		{"a refused page past a truncation is not asked again", 1, 10, 3, []step{
			{op: "next", want: []int{2, 3, 4}},
			{op: "truncate", page: 2},
			{op: "429", page: 4, free: false},
			{op: "ok", page: 2},
			{op: "next", want: nil},
			{op: "release", want: []int{2}},
		}, true},
		{"reports for pages never launched change nothing", 1, 3, 2, []step{
			{op: "ok", page: 2}, {op: "fail", page: 3}, {op: "429", page: 2, free: false, win: 2},
			{op: "release", want: nil},
			{op: "next", want: []int{2, 3}},
		}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := pagesched.New(tc.held, tc.last, tc.limit)
			run(t, s, tc.steps)
			assert.Equal(t, tc.finished, s.Finished())
		})
	}
}

// TestFreeRefetchesAreBounded: a page refused again and again gets MaxFree
// free refetches, then each refusal counts as a retry.
func TestFreeRefetchesAreBounded(t *testing.T) {
	t.Parallel()
	s := pagesched.New(0, 1, 64)
	var free []bool
	for range pagesched.MaxFree + 2 {
		p, ok := s.Next()
		require.True(t, ok)
		require.Equal(t, 1, p)
		free = append(free, s.Throttled(p))
	}
	want := make([]bool, pagesched.MaxFree+2)
	for i := range pagesched.MaxFree {
		want[i] = true
	}
	assert.Equal(t, want, free)
}

// TestRandomWalksKeepTheInvariants drives the scheduler with random
// outcomes in random order and checks, at every step, the bounds the walk
// relies on: never more than the limit in flight (the walk's result channel
// has that many slots), every page released
// once and in order, and the walk always able to move on.
func TestRandomWalksKeepTheInvariants(t *testing.T) {
	t.Parallel()
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 7))
		limit, last := 1+r.IntN(8), 1+r.IntN(60)
		s := pagesched.New(0, last, limit)
		var flying []int
		var released []int
		for steps := 0; !s.Finished(); steps++ {
			require.Less(t, steps, 100000, "seed %d: the walk is stuck", seed)
			for p, ok := s.Next(); ok; p, ok = s.Next() {
				flying = append(flying, p)
			}
			require.LessOrEqual(t, s.InFlight(), limit, "seed %d", seed)
			require.Equal(t, len(flying), s.InFlight(), "seed %d", seed)
			for p, ok := s.Release(); ok; p, ok = s.Release() {
				released = append(released, p)
			}
			if s.Finished() {
				break
			}
			for p, ok := s.Next(); ok; p, ok = s.Next() { // released pages make room
				flying = append(flying, p)
			}
			require.NotEmpty(t, flying, "seed %d: nothing in flight and nothing to release: released %v, %+v", seed, released, s)
			i := r.IntN(len(flying))
			p := flying[i]
			flying = append(flying[:i], flying[i+1:]...)
			switch x := r.IntN(10); {
			case x < 3:
				s.Throttled(p)
			default:
				s.Fetched(p)
			}
		}
		want := make([]int, last)
		for i := range want {
			want[i] = i + 1
		}
		require.Equal(t, want, released, "seed %d", seed)
	}
}

// The slow growth above a refused level is a probe, not a cap: with no
// more refusals the window gets back to the limit.
func TestWindowRegrowsToTheLimitPastTheRefusedLevel(t *testing.T) {
	t.Parallel()
	s := pagesched.New(1, 500, 8)
	first, ok := s.Next()
	require.True(t, ok)
	for p, ok := s.Next(); ok; p, ok = s.Next() {
		s.Fetched(p)
	}
	require.True(t, s.Throttled(first))
	require.Equal(t, 4, s.Window())
	for !s.Finished() {
		for p, ok := s.Next(); ok; p, ok = s.Next() {
			s.Fetched(p)
		}
		for _, ok := s.Release(); ok; _, ok = s.Release() {
		}
		if s.Window() == 8 {
			break
		}
	}
	assert.Equal(t, 8, s.Window(), "the window regrows to the limit")
	assert.False(t, s.Finished(), "within the 500 pages")
}
