package telnyx

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/pagesched"
)

// pageConcurrency is the number of pages a walk of l may fetch at once.
func pageConcurrency(l *lister) int {
	if len(l.opts) == 0 {
		return l.c.cfg.PageConcurrency
	}
	cfg, err := l.c.cfg.Apply(anys(l.opts))
	if err != nil {
		return 1 // the next fetch reports the error
	}
	return cfg.PageConcurrency
}

// walkParallel yields the items of first and of every page after it,
// fetching up to limit pages at once once total_pages is known. Items come
// out in the API's order; at most limit pages are held beyond the one being
// yielded. A [pagesched.Scheduler] decides what to fetch and when; this
// drives it. A page answered 429 comes back to the walk (see [walkFetch]):
// the window shrinks and the page is asked for again, at once when the
// shrinking answers the refusal, else after the server's Retry-After or the
// retry backoff, as a retry inside a call would wait.
func walkParallel[T any](ctx context.Context, first *Page[T], limit int, yield func(T, error) bool) {
	if !yieldItems(first.Data, yield) || len(first.Data) == 0 || !first.HasNext() {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	w := &pageWalk[T]{
		ctx: ctx, first: first,
		sched:   pagesched.New(first.number(), first.Meta.TotalPages, limit),
		results: make(chan pageResult[T], limit), // never more than limit in flight: no send blocks
		held:    make(map[int]pageResult[T], limit),
		again:   map[int]refetchPlan{},
		report:  windowReporter(ctx, first.lister),
	}
	defer w.wg.Wait() // runs last: every fetch has returned before the walk does
	defer cancel()
	w.reportWindow()
	w.run(yield)
}

func yieldItems[T any](items []T, yield func(T, error) bool) bool {
	for _, item := range items {
		if !yield(item, nil) {
			return false
		}
	}
	return true
}

// pageResult is the outcome of one fetch of page number.
type pageResult[T any] struct {
	number int
	page   *Page[T]
	err    error
}

// pageWalk is one parallel walk in progress. Only the walk's goroutine
// touches it, but for results, which the fetches send.
type pageWalk[T any] struct {
	ctx     context.Context
	wg      sync.WaitGroup
	first   *Page[T]
	sched   *pagesched.Scheduler
	results chan pageResult[T]
	held    map[int]pageResult[T] // arrived pages waiting for their turn
	again   map[int]refetchPlan   // how each refused page is asked again
	report  func(window float64)  // nil when nobody observes the walk
}

// refetchPlan is how a refused page is asked for again: the call's
// attempt numbering and budget refund, and the wait before it is sent.
type refetchPlan struct {
	fetch walkFetch
	delay time.Duration
}

// run hands out the pages in order until the list ends, an error is
// yielded or the loop stops.
func (w *pageWalk[T]) run(yield func(T, error) bool) {
	for !w.sched.Finished() {
		w.launch()
		k, ok := w.sched.Release()
		if !ok {
			w.receive(<-w.results)
			continue
		}
		r := w.held[k]
		delete(w.held, k)
		if !w.deliver(k, r, yield) {
			return
		}
	}
}

// launch starts every fetch the scheduler allows now.
func (w *pageWalk[T]) launch() {
	for {
		k, ok := w.sched.Next()
		if !ok {
			return
		}
		plan := w.again[k] // the zero plan for a page never refused
		delete(w.again, k)
		q := w.first.numbered(k)
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			_ = sleep(w.ctx, plan.delay) // a cancelled wait ends in the fetch's own error
			page, err := fetchWith[T](w.ctx, w.first.lister, q, &plan.fetch)
			w.results <- pageResult[T]{number: k, page: page, err: err}
		}()
	}
}

// receive reports one fetch's outcome to the scheduler and keeps the page,
// or its error, for its turn.
func (w *pageWalk[T]) receive(r pageResult[T]) {
	defer w.reportWindow()
	var hb *handedBack
	if errors.As(r.err, &hb) {
		if w.ctx.Err() == nil && w.refetch(r.number, hb) {
			return
		}
		r.err = hb.err
	}
	if r.err != nil {
		w.sched.Failed(r.number)
	} else {
		w.sched.Fetched(r.number)
	}
	if r.number <= w.sched.Last() {
		w.held[r.number] = r
	}
}

// refetch queues page, refused with 429, to be asked for again, and
// reports whether it will be. A refusal the window's shrinking answers is
// free: asked again at once (unless the server asked for a wait) and not
// counted as a retry of the page.
func (w *pageWalk[T]) refetch(page int, hb *handedBack) bool {
	if page > w.sched.Last() {
		return false
	}
	f := walkFetch{attempt: hb.attempt + 1, refund: hb.cost}
	delay := hb.delay
	if w.sched.Throttled(page) {
		f.attempt = hb.attempt
		var e *Error
		if !errors.As(hb.err, &e) || e.RetryAfter <= 0 {
			delay = 0
		}
	}
	w.again[page] = refetchPlan{fetch: f, delay: delay}
	return true
}

// deliver yields page k's items, or its error, and reports whether the
// walk goes on.
func (w *pageWalk[T]) deliver(k int, r pageResult[T], yield func(T, error) bool) bool {
	if r.err != nil {
		var zero T
		yield(zero, r.err)
		return false
	}
	p := r.page
	if len(p.Data) == 0 || (p.Meta.PageNumber > 0 && p.Meta.PageNumber != k) {
		w.sched.Truncate(k) // the server ended the list early or served another page
	} else if p.Meta.TotalPages > 0 && p.Meta.TotalPages < w.sched.Last() {
		w.sched.Truncate(p.Meta.TotalPages) // the list shrank during the walk
	}
	w.launch() // the pages after it start while its items are yielded
	return yieldItems(p.Data, yield)
}

func (w *pageWalk[T]) reportWindow() {
	if w.report != nil {
		w.report(float64(w.sched.Window()))
	}
}
