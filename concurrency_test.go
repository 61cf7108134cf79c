package telnyx_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// concurrentAPI answers the few operations the concurrency test mixes, and
// fails one request in five with 503.
func concurrentAPI(w http.ResponseWriter, r *http.Request, n int32) {
	_, _ = io.Copy(io.Discard, r.Body)
	if n%5 == 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"errors":[{"code":"10001","title":"Unavailable"}]}`)
		return
	}
	if n%3 == 0 {
		time.Sleep(time.Millisecond) // let calls overlap
	}
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/v2/siprec_connectors"):
		_, _ = io.WriteString(w, `{"data":{"name":"srs","host":"h","port":5060,"created_at":"2024-01-23T18:10:02.574Z"}}`)
	case p == "/v2/recordings" || p == "/v2/media":
		page, _ := strconv.Atoi(r.URL.Query().Get("page[number]"))
		page = max(page, 1)
		_, _ = fmt.Fprintf(w, `{"data":[{"id":"%d-a"},{"id":"%d-b"}],"meta":{"page_number":%d,"page_size":2,"total_pages":3,"total_results":6}}`, page, page, page)
	case strings.HasPrefix(p, "/v2/external_connections/"):
		_, _ = io.WriteString(w, `{"data":{"id":"1293384261075731499","active":true}}`)
	default:
		_, _ = io.WriteString(w, `{"data":{}}`)
	}
}

// TestConcurrentCallsOnOneClient runs 1,000 calls at once on one client,
// mixing operations, retries (one answer in five is a 503) and
// cancellations: every call returns, with a success or an error of the
// kind its fate allows, nothing panics, and no goroutine is left.
func TestConcurrentCallsOnOneClient(t *testing.T) { //nolint:paralleltest // goleak check: goroutines of tests running beside it would count as leaks
	noLeak(t)
	var served atomic.Int32
	srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) { concurrentAPI(w, r, served.Add(1)) })
	hc := option.DefaultHTTPClient()
	hc.Transport.(*http.Transport).MaxConnsPerHost = 64 // bound the sockets, not the callers
	c, _ := faultClientWith(t, hc, srv.URL, option.WithRetryBackoff(time.Millisecond, 5*time.Millisecond))

	connectors, recs, files, conns := siprec.New(c), recordings.New(c), media.New(c), externalconnections.New(c)
	ops := []func(ctx context.Context) error{
		func(ctx context.Context) error { _, err := connectors.Get(ctx, "srs"); return err },
		func(ctx context.Context) error {
			_, err := connectors.Create(ctx, siprec.Params{Name: "srs", Host: "h", Port: 5060}) // a POST: a 503 is not retried
			return err
		},
		func(ctx context.Context) error { _, err := conns.Get(ctx, "1293384261075731499"); return err },
		func(ctx context.Context) error {
			_, err := telnyx.Collect(recs.ListAutoPaging(ctx, recordings.ListParams{}), 0)
			return err
		},
		func(ctx context.Context) error {
			_, err := telnyx.Collect(files.ListAutoPaging(ctx, media.ListParams{}, option.WithPageConcurrency(3)), 0)
			return err
		},
		func(ctx context.Context) error {
			_, err := c.Do(ctx, telnyx.Request{Method: http.MethodPut, Path: "/siprec_connectors/{connector_name}", PathParams: []string{"srs"}, Body: map[string]int{"port": 5061}}, nil)
			return err
		},
	}

	const calls = 1000
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		outcomes = map[string]int{}
		wrong    []string
	)
	start := time.Now()
	for i := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			fate := "plain"
			switch {
			case i%7 == 0:
				fate = "cancelled"
				go func() { time.Sleep(time.Duration(i%4) * time.Millisecond); cancel() }()
			case i%11 == 0:
				fate = "deadline"
				var cancelT context.CancelFunc
				ctx, cancelT = context.WithTimeout(ctx, time.Duration(1+i%3)*time.Millisecond)
				defer cancelT()
			}
			err := ops[i%len(ops)](ctx)
			got := describe(err)
			ok := err == nil || got == "*telnyx.Error 503" // a 503 can outlast the retries
			var ce *telnyx.ConnectionError
			if fate != "plain" && errors.As(err, &ce) {
				ok = ok || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
			}
			mu.Lock()
			defer mu.Unlock()
			outcomes[got]++
			if !ok {
				wrong = append(wrong, fmt.Sprintf("call %d (%s, op %d): %v", i, fate, i%len(ops), err))
			}
		}()
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(60 * time.Second):
		t.Fatal("not every call returned within 60s")
	}
	elapsed := time.Since(start)
	assert.Empty(t, wrong)
	total := 0
	for _, n := range outcomes {
		total += n
	}
	require.Equal(t, calls, total, "every call returned")
	assert.Positive(t, outcomes["success"])
	assert.Greater(t, seen.count(), calls, "the 503s were retried")
	faultRow(t, "1,000 concurrent mixed calls, 1 in 5 answered 503, cancellations", "every call returns, no panic, no leak",
		fmt.Sprintf("%v in %s", outcomes, elapsed.Round(time.Millisecond)), seen.count())
}
