package telnyx_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// pageServer serves total items in pages of size over loopback, with a
// random latency up to jitter, and counts requests and the most in flight.
// limit > 0 answers 429 to a request that would put more than limit in
// flight; failOn > 0 answers 500 on that page.
type pageServer struct {
	total, size, limit, failOn int
	jitter                     time.Duration
	noRetryAfter               bool // a 429 carries no Retry-After-Ms

	requests, throttled atomic.Int64
	mu                  sync.Mutex
	inFlight, maxFlight int
	served              []int
}

func (p *pageServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.requests.Add(1)
	p.mu.Lock()
	if p.limit > 0 && p.inFlight >= p.limit {
		p.mu.Unlock()
		p.throttled.Add(1)
		if !p.noRetryAfter {
			w.Header().Set("Retry-After-Ms", "5")
		}
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"errors":[{"code":"10011","title":"Too many requests"}]}`))
		return
	}
	p.inFlight++
	p.maxFlight = max(p.maxFlight, p.inFlight)
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.inFlight--
		p.mu.Unlock()
	}()
	num, _ := strconv.Atoi(r.URL.Query().Get("page[number]"))
	num = max(num, 1)
	if p.jitter > 0 {
		select {
		case <-time.After(rand.N(p.jitter)):
		case <-r.Context().Done():
			return
		}
	}
	if num == p.failOn {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"errors":[{"code":"10001","title":"Boom"}]}`))
		return
	}
	p.mu.Lock()
	p.served = append(p.served, num)
	p.mu.Unlock()
	pagesTotal := (p.total + p.size - 1) / p.size
	var b strings.Builder
	b.WriteString(`{"data":[`)
	for i := (num-1)*p.size + 1; i <= min(num*p.size, p.total); i++ {
		if i > (num-1)*p.size+1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d}`, i)
	}
	fmt.Fprintf(&b, `],"meta":{"page_number":%d,"page_size":%d,"total_pages":%d,"total_results":%d}}`, num, p.size, pagesTotal, p.total)
	_, _ = w.Write([]byte(b.String()))
}

// noLeaks fails t if a goroutine started during the test outlives it and
// its cleanups (servers closed, idle connections dropped).
func noLeaks(t *testing.T) {
	t.Helper()
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

func startPages(t *testing.T, p *pageServer, opts ...option.RequestOption) *telnyx.Client {
	t.Helper()
	srv := httptest.NewServer(p)
	hc := option.DefaultHTTPClient()
	t.Cleanup(func() {
		srv.Close()
		hc.CloseIdleConnections()
	})
	all := append([]option.RequestOption{
		option.WithAPIKey("k"), option.WithBaseURL(srv.URL + "/v2"), option.WithHTTPClient(hc),
		option.WithRetryBackoff(time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := telnyx.NewClient(all...)
	require.NoError(t, err)
	return c
}

func itemsRequest(size int) telnyx.Request {
	return telnyx.Request{Method: http.MethodGet, Path: "/items", Query: listParams{Page: telnyx.PageParams{Size: size}}}
}

func TestParallelWalkKeepsTheAPIOrder(t *testing.T) { //nolint:paralleltest // goleak check: goroutines of tests running beside it would count as leaks
	noLeaks(t)
	for _, n := range []int{1, 2, 8} {
		p := &pageServer{total: 1003, size: 25, jitter: 3 * time.Millisecond}
		c := startPages(t, p, option.WithPageConcurrency(n))
		var ids []int
		for it, err := range telnyx.ListAll[item](t.Context(), c, itemsRequest(25)) {
			require.NoError(t, err)
			ids = append(ids, it.ID)
		}
		require.Len(t, ids, 1003, "n=%d", n)
		for i, id := range ids {
			require.Equal(t, i+1, id, "n=%d: item %d out of order", n, i)
		}
		assert.LessOrEqual(t, p.maxFlight, n, "n=%d: never more than n pages in flight", n)
		assert.EqualValues(t, 41, p.requests.Load(), "n=%d: each page fetched once", n)
		if n == 8 {
			assert.Greater(t, p.maxFlight, 1, "pages overlapped")
		}
	}
}

func TestParallelWalkOnASingleCall(t *testing.T) {
	t.Parallel()
	p := &pageServer{total: 100, size: 10, jitter: 2 * time.Millisecond}
	c := startPages(t, p)
	got, err := telnyx.Collect(telnyx.ListAll[item](t.Context(), c, itemsRequest(10), option.WithPageConcurrency(4)), 0)
	require.NoError(t, err)
	assert.Len(t, got, 100)
	assert.LessOrEqual(t, p.maxFlight, 4)
}

func TestParallelWalkErrorComesAfterTheEarlierPages(t *testing.T) { //nolint:paralleltest // goleak check: goroutines of tests running beside it would count as leaks
	noLeaks(t)
	p := &pageServer{total: 200, size: 10, failOn: 7, jitter: 2 * time.Millisecond}
	c := startPages(t, p, option.WithPageConcurrency(8))
	var ids []int
	var errs []error
	for it, err := range telnyx.ListAll[item](t.Context(), c, itemsRequest(10)) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		require.Empty(t, errs, "no item after the error")
		ids = append(ids, it.ID)
	}
	require.Len(t, errs, 1, "the error is yielded once")
	assert.ErrorIs(t, errs[0], telnyx.ErrBadRequest)
	assert.Len(t, ids, 60, "every item of pages 1 to 6, none after")
	assert.Equal(t, 60, ids[len(ids)-1])
}

func TestParallelWalkBreakStopsEveryRequest(t *testing.T) { //nolint:paralleltest // goleak check: goroutines of tests running beside it would count as leaks
	noLeaks(t)
	p := &pageServer{total: 10000, size: 10, jitter: 5 * time.Millisecond}
	c := startPages(t, p, option.WithPageConcurrency(8))
	n := 0
	for _, err := range telnyx.ListAll[item](t.Context(), c, itemsRequest(10)) {
		require.NoError(t, err)
		n++
		if n == 15 {
			break
		}
	}
	assert.LessOrEqual(t, p.requests.Load(), int64(1+8+1), "at most one window of pages was asked for")
}

func TestParallelWalkAdaptsToARateLimit(t *testing.T) { //nolint:paralleltest // goleak check: goroutines of tests running beside it would count as leaks
	noLeaks(t)
	p := &pageServer{total: 3000, size: 25, limit: 2, jitter: 4 * time.Millisecond}
	c := startPages(t, p, option.WithPageConcurrency(8), option.WithMaxRetries(6))
	got, err := telnyx.Collect(telnyx.ListAll[item](t.Context(), c, itemsRequest(25)), 0)
	require.NoError(t, err)
	require.Len(t, got, 3000)
	for i, it := range got {
		require.Equal(t, i+1, it.ID)
	}
	assert.LessOrEqual(t, p.maxFlight, 2)
	// Halving on 429 keeps the walk near the limit: far fewer refusals than
	// the 120 pages would draw at a fixed 8 in flight.
	t.Logf("pages: 120, requests: %d, throttled: %d", p.requests.Load(), p.throttled.Load())
	assert.Less(t, p.throttled.Load(), int64(120))
}

// A page refused with 429 comes back to the walk, which asks for it again
// with fewer pages in flight, instead of waiting out the retry backoff: with
// a backoff of up to 10 s per retry, the walk would take seconds.
func TestParallelWalkRefetchesARefusedPageWithoutItsBackoff(t *testing.T) { //nolint:paralleltest // goleak check: goroutines of tests running beside it would count as leaks
	noLeaks(t)
	p := &pageServer{total: 1000, size: 25, limit: 3, jitter: 4 * time.Millisecond, noRetryAfter: true}
	c := startPages(t, p, option.WithPageConcurrency(8), option.WithRetryBackoff(10*time.Second, 10*time.Second))
	start := time.Now()
	got, err := telnyx.Collect(telnyx.ListAll[item](t.Context(), c, itemsRequest(25)), 0)
	elapsed := time.Since(start)
	require.NoError(t, err)
	require.Len(t, got, 1000)
	for i, it := range got {
		require.Equal(t, i+1, it.ID)
	}
	require.Positive(t, p.throttled.Load(), "the server refused some pages")
	assert.EqualValues(t, 40+p.throttled.Load(), p.requests.Load(), "each refusal asked again once, nothing else repeated")
	assert.Less(t, elapsed, 3*time.Second, "no refused page waited its backoff")
}

// The walk's refetches are retries for the budget: once it is spent, the
// walk ends with the 429, after every item before the refused page.
func TestParallelWalkRefetchesSpendTheRetryBudget(t *testing.T) { //nolint:paralleltest // goleak check: goroutines of tests running beside it would count as leaks
	noLeaks(t)
	p := &pageServer{total: 1000, size: 25, limit: 3, jitter: 4 * time.Millisecond, noRetryAfter: true}
	c := startPages(t, p, option.WithPageConcurrency(8), option.WithRetryBudget(5))
	var ids []int
	var errs []error
	for it, err := range telnyx.ListAll[item](t.Context(), c, itemsRequest(25)) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, it.ID)
	}
	require.Len(t, errs, 1, "the error is yielded once")
	assert.ErrorIs(t, errs[0], telnyx.ErrRateLimited)
	require.NotEmpty(t, ids)
	assert.Less(t, len(ids), 1000)
	for i, id := range ids {
		require.Equal(t, i+1, id, "every item before the refused page, in order")
	}
	assert.Zero(t, len(ids)%25, "whole pages only")
}

func TestCursorListsStaySequential(t *testing.T) {
	t.Parallel()
	var inFlight, maxFlight atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		if n > maxFlight.Load() {
			maxFlight.Store(n)
		}
		time.Sleep(time.Millisecond)
		after := r.URL.Query().Get("page[after]")
		next := map[string]string{"": "c1", "c1": "c2", "c2": ""}[after]
		_, _ = fmt.Fprintf(w, `{"data":[{"id":1}],"meta":{"cursors":{"after":%q}}}`, next)
	}))
	defer srv.Close()
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithPageConcurrency(8))
	require.NoError(t, err)
	got, err := telnyx.Collect(telnyx.ListAll[item](t.Context(), c, telnyx.Request{Method: http.MethodGet, Path: "/cursor"}), 0)
	require.NoError(t, err)
	assert.Len(t, got, 3)
	assert.EqualValues(t, 1, maxFlight.Load())
}

func TestPageConcurrencyBounds(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, -1, 65} {
		_, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithPageConcurrency(n))
		require.Error(t, err, n)
	}
}
