// Package pagesched schedules a parallel walk of a numbered list: which
// page to ask for next, how many pages may be out at once, what a refusal
// (429), an answer or a failure does to that number, and the order in
// which pages are handed to the caller. It knows nothing about HTTP or
// time; the walk in package telnyx fetches what it says and reports back.
//
// The rules:
//  1. A page is launched while fewer than Window pages are out: in flight,
//     waiting to be asked again, or arrived and waiting for the pages
//     before them. The page being handed out does not count.
//  2. A page refused with 429 is asked again, before any new page, once
//     fewer than Window pages are in flight.
//  3. A refusal halves the window, down to one, once per burst: refusals
//     of pages launched before the last cut were caused by the load that
//     cut answered, and leave the window alone.
//  4. Each page that arrives raises the window by 1/window, up to the
//     limit: about one page more per window of answers. At and above the
//     level a cut last came down from, less one, it rises by
//     1/window² instead: the walk probes the level the server refused
//     slowly rather than being refused there again a few pages later.
//  5. Pages are released in order; a failed page is released in its turn
//     too, so that the caller sees every page before it first.
package pagesched

// MaxFree is how often one page may be asked again for free (see
// [Scheduler.Throttled]).
const MaxFree = 4

type state uint8

const (
	inFlight state = iota + 1
	waiting        // refused, to be asked again
	arrived        // answered or failed, waiting for its turn
)

// Scheduler is the plan of one walk over the pages after a given page,
// through the last page the list is known to have. Only one goroutine may
// use it.
type Scheduler struct {
	limit  int
	window float64

	last    int // the last page of the list, as known
	next    int // the lowest page never launched
	release int // the next page to hand out

	pages    map[int]state
	launched map[int]uint64 // the launch of each page in flight
	freeUsed map[int]int    // free refetches taken per page
	queue    []int          // refused pages to ask again, lowest first
	flying   int            // pages in flight

	launches uint64  // launches so far
	cutAt    uint64  // launches when the window was last cut
	ceiling  float64 // above this the window grows slowly; the limit until a cut
}

// New plans a walk of the pages after held (the page the caller already
// has) through last, with at most limit pages out at once.
func New(held, last, limit int) *Scheduler {
	limit = max(limit, 1)
	return &Scheduler{
		limit: limit, window: float64(limit), ceiling: float64(limit),
		last: last, next: held + 1, release: held + 1,
		pages: make(map[int]state, limit), launched: make(map[int]uint64, limit), freeUsed: map[int]int{},
	}
}

// Window is the number of pages that may be out at once now, between one
// and the limit.
func (s *Scheduler) Window() int { return max(int(s.window), 1) }

// InFlight is the number of pages launched whose outcome is not reported.
func (s *Scheduler) InFlight() int { return s.flying }

// Last is the last page the walk will hand out.
func (s *Scheduler) Last() int { return s.last }

// Next returns a page to fetch now, marked in flight, or false when the
// window allows none or no page is left to ask for.
func (s *Scheduler) Next() (int, bool) {
	w := s.Window()
	if len(s.queue) > 0 && s.flying < w {
		page := s.queue[0]
		s.queue = s.queue[1:]
		s.launch(page)
		return page, true
	}
	if s.next <= s.last && s.next-s.release < w {
		page := s.next
		s.next++
		s.launch(page)
		return page, true
	}
	return 0, false
}

func (s *Scheduler) launch(page int) {
	s.launches++
	s.pages[page] = inFlight
	s.launched[page] = s.launches
	s.flying++
}

// land takes page out of flight and reports whether it was in flight.
func (s *Scheduler) land(page int) bool {
	if s.pages[page] != inFlight {
		return false
	}
	s.flying--
	delete(s.launched, page)
	return true
}

// Fetched reports that page arrived; it raises the window.
func (s *Scheduler) Fetched(page int) {
	if !s.land(page) {
		return
	}
	s.pages[page] = arrived
	step := 1 / s.window
	if s.window >= s.ceiling {
		step /= s.window
	}
	s.window = min(s.window+step, float64(s.limit))
}

// Failed reports that page failed with an error other than a refusal. The
// window stays; the page is released in its turn, for the caller to end
// the walk with its error.
func (s *Scheduler) Failed(page int) {
	if s.land(page) {
		s.pages[page] = arrived
	}
}

// Throttled reports that page was refused with 429 and queues it to be
// asked again. It reports whether the refusal is free: answered by the
// window (this refusal cut it, or came from the burst an earlier cut
// answered), so that the page can be asked again at once and the refusal
// need not count as one of its retries. A refusal with the window already
// at one, or after a page's MaxFree free refetches, is not free: the
// caller should wait as for a retry.
func (s *Scheduler) Throttled(page int) (free bool) {
	at, ok := s.launched[page]
	if !s.land(page) || !ok {
		return false
	}
	switch {
	case at > s.cutAt && s.window > 1:
		s.ceiling = max(float64(int(s.window))-1, 1)
		s.window = max(s.window/2, 1)
		s.cutAt = s.launches
		free = true
	case at <= s.cutAt:
		free = true
	}
	if free && s.freeUsed[page] >= MaxFree {
		free = false
	} else if free {
		s.freeUsed[page]++
	}
	if page > s.last {
		return false // the list ended before it: nothing to ask again
	}
	s.pages[page] = waiting
	s.enqueue(page)
	return free
}

// enqueue adds page to the refetch queue, keeping it sorted.
func (s *Scheduler) enqueue(page int) {
	i := len(s.queue)
	for i > 0 && s.queue[i-1] > page {
		i--
	}
	s.queue = append(s.queue, 0)
	copy(s.queue[i+1:], s.queue[i:])
	s.queue[i] = page
}

// Release returns the next page in order once its outcome is in, or false
// when that page is still out or the walk is finished. The page no longer
// counts against the window.
func (s *Scheduler) Release() (int, bool) {
	page := s.release
	if page > s.last || s.pages[page] != arrived {
		return 0, false
	}
	delete(s.pages, page)
	delete(s.freeUsed, page)
	s.release++
	return page, true
}

// Truncate ends the walk at last, when the list turned out shorter than
// known: no page after it is launched or released. Pages after it that
// are in flight still report back, and are forgotten.
func (s *Scheduler) Truncate(last int) {
	if last >= s.last {
		return
	}
	s.last = max(last, s.release-1)
	s.next = min(s.next, s.last+1)
	kept := s.queue[:0]
	for _, p := range s.queue {
		if p <= s.last {
			kept = append(kept, p)
		}
	}
	s.queue = kept
}

// Finished reports whether every page through Last has been released.
func (s *Scheduler) Finished() bool { return s.release > s.last }
