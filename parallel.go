package telnyx

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/telnyx-sip-integrations/telnyx-go/option"
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

// maxRefetch bounds how often one page is asked for again after its own
// retries ended in 429, each time with the walk's concurrency halved.
const maxRefetch = 4

// walkParallel yields the items of first and of every page after it,
// fetching up to limit pages at once once total_pages is known. Items come
// out in the API's order; at most limit pages are held beyond the one being
// yielded. A page answered 429 halves the number of pages in flight (down
// to one); each page fetched without one raises it by 1/limit, so a walk
// settles on what the account's rate limit allows.
func walkParallel[T any](ctx context.Context, first *Page[T], limit int, yield func(T, error) bool) {
	for _, item := range first.Data {
		if !yield(item, nil) {
			return
		}
	}
	if len(first.Data) == 0 || !first.HasNext() {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait() // runs last: every fetch has returned before the walk does
	defer cancel()

	type slot struct {
		page      *Page[T]
		err       error
		throttled bool
		done      chan struct{}
	}
	var throttles atomic.Int64 // 429 answers seen by any attempt of the walk
	observe := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		resp, err := next(r)
		if err == nil && resp != nil && resp.StatusCode == http.StatusTooManyRequests {
			throttles.Add(1)
		}
		return resp, err
	})
	src := first.lister
	l := &lister{c: src.c, req: src.req, opts: append(src.opts[:len(src.opts):len(src.opts)], observe)}

	total := first.Meta.TotalPages
	start := first.number()
	window := float64(limit) // pages allowed in flight, adapted as the walk goes
	report := windowReporter(ctx, src)
	if report != nil {
		report(window)
	}
	slots := make(map[int]*slot, limit)
	next := start + 1 // the next page to launch
	refetched := map[int]int{}
	launch := func(k int) {
		s := &slot{done: make(chan struct{})}
		slots[k] = s
		wg.Add(1)
		go func() {
			defer wg.Done()
			before := throttles.Load()
			s.page, s.err = fetchPage[T](ctx, l, first.numbered(k))
			s.throttled = throttles.Load() != before
			close(s.done)
		}()
	}
	for k := start + 1; k <= total; k++ {
		for next <= total && len(slots) < max(int(window), 1) {
			launch(next)
			next++
		}
		s := slots[k]
		select {
		case <-s.done:
		case <-ctx.Done():
			<-s.done // the fetch ends at once with the context
		}
		delete(slots, k)
		switch {
		case s.throttled || errors.Is(s.err, ErrRateLimited):
			window = max(window/2, 1)
		case s.err == nil:
			window = min(window+1/window, float64(limit))
		}
		if report != nil {
			report(window)
		}
		if errors.Is(s.err, ErrRateLimited) && ctx.Err() == nil && refetched[k] < maxRefetch {
			// The page ran out of retries while the walk was asking too
			// much at once: ask again, now with fewer pages in flight.
			refetched[k]++
			launch(k)
			k--
			continue
		}
		if s.err != nil {
			var zero T
			yield(zero, s.err)
			return
		}
		for _, item := range s.page.Data {
			if !yield(item, nil) {
				return
			}
		}
		if len(s.page.Data) == 0 || (s.page.Meta.PageNumber > 0 && s.page.Meta.PageNumber != k) {
			return // the server ended the list early or served another page
		}
		if s.page.Meta.TotalPages > 0 && s.page.Meta.TotalPages < total {
			total = s.page.Meta.TotalPages // the list shrank during the walk
		}
	}
}
