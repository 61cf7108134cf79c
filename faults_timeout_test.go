package telnyx_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// TestFaultTimeouts: WithRequestTimeout bounds one attempt, which is
// retried; the context bounds the call, which is not.
func TestFaultTimeouts(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	// Each handler reads the request body first: only then does the server
	// watch the connection, and cancel r.Context() when the client leaves.
	slowHeaders := func(_ http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		waitDone(r)
	}
	stalledBody := func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Length", "100")
		_, _ = io.WriteString(w, `{"data":{"id":`)
		w.(http.Flusher).Flush()
		waitDone(r)
	}
	cases := []struct {
		name       string
		handler    http.HandlerFunc
		method     string
		perAttempt time.Duration
		deadline   time.Duration
		want       int
		expected   string
	}{
		{"slow headers vs request timeout GET", slowHeaders, http.MethodGet, 80 * time.Millisecond, 0, 3, "deadline per attempt, retried"},
		{"slow headers vs request timeout POST", slowHeaders, http.MethodPost, 80 * time.Millisecond, 0, 1, "deadline, write sent once"},
		{"stalled body vs request timeout GET", stalledBody, http.MethodGet, 80 * time.Millisecond, 0, 3, "deadline per attempt, retried"},
		{"slow headers vs context deadline GET", slowHeaders, http.MethodGet, 0, 150 * time.Millisecond, 1, "deadline, not retried"},
		{"stalled body vs context deadline GET", stalledBody, http.MethodGet, 0, 150 * time.Millisecond, 1, "deadline, not retried"},
		{"request timeout longer than context deadline", slowHeaders, http.MethodGet, time.Second, 150 * time.Millisecond, 1, "deadline, not retried"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			srv, seen := httpServer(t, tc.handler)
			var opts []option.RequestOption
			if tc.perAttempt > 0 {
				opts = append(opts, option.WithRequestTimeout(tc.perAttempt))
			}
			c, tries := faultClient(t, srv.URL, opts...)
			ctx := t.Context()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			start := time.Now()
			err := doMethod(ctx, c, tc.method, "/slow")
			elapsed := time.Since(start)
			var ce *telnyx.ConnectionError
			require.ErrorAs(t, err, &ce)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Equal(t, tc.want, tries.count(), "attempts")
			assert.Less(t, elapsed, 2*time.Second, "the call must end with its time limits")
			if tc.perAttempt > 0 && tc.deadline == 0 {
				assert.Contains(t, err.Error(), "attempt timed out")
			}
			srv.Close() // the handlers have seen their requests end
			assert.Equal(t, tc.want, seen.count(), "requests the server saw")
			faultRow(t, tc.name, tc.expected, fmt.Sprintf("%s after %s", describe(err), elapsed.Round(10*time.Millisecond)), seen.count())
		})
	}
}

// TestFaultCancellation: cancelling the context ends the call wherever it
// is: waiting for headers, waiting to retry, between pages, mid-download.
func TestFaultCancellation(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	t.Run("while waiting for headers", func(t *testing.T) {
		noLeak(t)
		arrived := make(chan struct{}, 8)
		srv, seen := httpServer(t, func(_ http.ResponseWriter, r *http.Request) {
			arrived <- struct{}{}
			waitDone(r)
		})
		c, a := faultClient(t, srv.URL)
		ctx, cancel := context.WithCancel(t.Context())
		go func() { <-arrived; cancel() }()
		err := doGet(ctx, c, "/slow")
		assert.Equal(t, "*telnyx.ConnectionError(canceled)", describe(err))
		assert.Equal(t, 1, a.count())
		srv.Close()
		assert.Equal(t, 1, seen.count())
		faultRow(t, "cancel while waiting for headers", "ConnectionError(canceled), 1 attempt", describe(err), seen.count())
	})
	t.Run("during backoff", func(t *testing.T) {
		noLeak(t)
		arrived := make(chan struct{}, 8)
		srv, seen := httpServer(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "5")
			w.WriteHeader(http.StatusServiceUnavailable)
			arrived <- struct{}{}
		})
		c, a := faultClient(t, srv.URL)
		ctx, cancel := context.WithCancel(t.Context())
		go func() { <-arrived; time.Sleep(30 * time.Millisecond); cancel() }()
		start := time.Now()
		err := doGet(ctx, c, "/down")
		assert.Equal(t, "*telnyx.ConnectionError(canceled)", describe(err))
		assert.ErrorIs(t, err, telnyx.ErrServer, "the cause of the wait is kept")
		assert.Less(t, time.Since(start), 2*time.Second)
		assert.Equal(t, 1, a.count())
		assert.Equal(t, 1, seen.count())
		faultRow(t, "cancel during a 5s Retry-After wait", "ConnectionError(canceled) at once", describe(err), seen.count())
	})
	for _, parallel := range []int{1, 4} {
		t.Run(fmt.Sprintf("during paging, page concurrency %d", parallel), func(t *testing.T) {
			noLeak(t)
			srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
				n, _ := strconv.Atoi(r.URL.Query().Get("page[number]"))
				n = max(n, 1)
				_, _ = fmt.Fprintf(w, `{"data":[{"id":"%d-1"},{"id":"%d-2"}],"meta":{"page_number":%d,"page_size":2,"total_pages":5,"total_results":10}}`, n, n, n)
			})
			c, a := faultClient(t, srv.URL, option.WithPageConcurrency(parallel))
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var items []string
			var walkErr error
			for it, err := range telnyx.ListAll[struct{ ID string }](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/things"}) {
				if err != nil {
					walkErr = err
					break
				}
				items = append(items, it.ID)
				if len(items) == 2 {
					cancel() // the first page is read
				}
			}
			assert.Equal(t, []string{"1-1", "1-2"}, items)
			assert.Equal(t, "*telnyx.ConnectionError(canceled)", describe(walkErr))
			assert.Equal(t, 1, seen.count(), "no page is sent after the cancel")
			assert.Equal(t, 1, a.count())
			faultRow(t, fmt.Sprintf("cancel after the first page of ListAll (concurrency %d)", parallel), "ConnectionError(canceled), no more pages sent", describe(walkErr), seen.count())
		})
	}
	t.Run("mid-download", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "audio/wav")
			w.Header().Set("Content-Length", strconv.Itoa(8<<20))
			_, _ = w.Write(make([]byte, 32<<10))
			w.(http.Flusher).Flush()
			waitDone(r)
		})
		c, a := faultClient(t, srv.URL)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		resp, err := c.Stream(ctx, telnyx.Request{Method: http.MethodGet, Path: "/media/{media_name}/download", PathParams: []string{"call.wav"}, Accept: "*/*"})
		require.NoError(t, err)
		n, err := io.ReadFull(resp.Body, make([]byte, 16<<10))
		require.NoError(t, err)
		cancel()
		rest, readErr := io.Copy(io.Discard, resp.Body)
		require.NoError(t, resp.Body.Close())
		require.Error(t, readErr)
		assert.ErrorIs(t, readErr, context.Canceled)
		assert.Less(t, int64(n)+rest, int64(8<<20))
		assert.Equal(t, 1, a.count())
		srv.Close()
		assert.Equal(t, 1, seen.count())
		faultRow(t, "cancel mid-download", "body read fails with context.Canceled", fmt.Sprintf("read error %v after %d bytes", readErr, int64(n)+rest), seen.count())
	})
	t.Run("download stalled vs request timeout", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write(make([]byte, 10))
			w.(http.Flusher).Flush()
			waitDone(r)
		})
		c, a := faultClient(t, srv.URL, option.WithRequestTimeout(100*time.Millisecond))
		resp, err := c.Stream(t.Context(), telnyx.Request{Method: http.MethodGet, Path: "/media/{media_name}/download", PathParams: []string{"x"}})
		require.NoError(t, err)
		_, readErr := io.ReadAll(resp.Body)
		require.NoError(t, resp.Body.Close())
		assert.ErrorIs(t, readErr, context.DeadlineExceeded, "the attempt's time limit holds until the body is closed")
		assert.Equal(t, 1, a.count())
		srv.Close()
		assert.Equal(t, 1, seen.count())
		faultRow(t, "stalled download vs request timeout", "body read fails with the deadline", fmt.Sprintf("read error: %v", readErr), seen.count())
	})
}
