package telnyx_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// retryAfterServer answers its first request 429 with header h, and the
// others 200.
func retryAfterServer(t *testing.T, h http.Header) (string, *counter) {
	var n atomic.Int32
	srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if n.Add(1) == 1 {
			for k, v := range h {
				w.Header()[k] = v
			}
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"errors":[{"code":"10011","title":"Too many requests"}]}`)
			return
		}
		_, _ = io.WriteString(w, `{"data":{"ok":true}}`)
	})
	return srv.URL, seen
}

// TestFaultRetryAfter covers each form of Retry-After: honoured when under
// the cap and the deadline, ignored when unreadable, and ending the call at
// once with the 429 when over the cap or past the deadline.
func TestFaultRetryAfter(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	cases := []struct {
		name     string
		header   http.Header
		method   string
		opts     []option.RequestOption
		deadline time.Duration
		retried  bool
		minWait  time.Duration
		maxWait  time.Duration
	}{
		{name: "Retry-After seconds", header: hdr("Retry-After", "1"), retried: true, minWait: 900 * time.Millisecond, maxWait: 3 * time.Second},
		{name: "Retry-After HTTP date", header: http.Header{"Retry-After": {"+2s"}}, retried: true, minWait: 500 * time.Millisecond, maxWait: 4 * time.Second},
		{name: "Retry-After-Ms", header: hdr("Retry-After-Ms", "60"), retried: true, minWait: 50 * time.Millisecond, maxWait: time.Second},
		{name: "Retry-After-Ms wins over Retry-After", header: hdr("Retry-After-Ms", "20", "Retry-After", "3600"), retried: true, minWait: 15 * time.Millisecond, maxWait: time.Second},
		{name: "Retry-After garbage uses backoff", header: hdr("Retry-After", "soon"), retried: true, maxWait: time.Second},
		{name: "Retry-After negative uses backoff", header: hdr("Retry-After", "-5"), retried: true, maxWait: time.Second},
		{name: "Retry-After date in the past uses backoff", header: hdr("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"), retried: true, maxWait: time.Second},
		{name: "Retry-After on a POST 429 is retried", header: hdr("Retry-After-Ms", "10"), method: http.MethodPost, retried: true, maxWait: time.Second},
		{name: "Retry-After huge seconds ends the call", header: hdr("Retry-After", "3600"), maxWait: time.Second},
		{name: "Retry-After overflowing seconds ends the call", header: hdr("Retry-After", "1e308"), maxWait: time.Second},
		{name: "Retry-After huge date ends the call", header: hdr("Retry-After", "Fri, 01 Jan 2100 00:00:00 GMT"), maxWait: time.Second},
		{name: "Retry-After-Ms huge ends the call", header: hdr("Retry-After-Ms", "99999999999999"), maxWait: time.Second},
		{name: "Retry-After over a custom cap ends the call", header: hdr("Retry-After", "1"), opts: []option.RequestOption{option.WithMaxRetryDelay(100 * time.Millisecond)}, maxWait: 500 * time.Millisecond},
		{name: "Retry-After past the context deadline ends the call", header: hdr("Retry-After", "2"), deadline: time.Second, maxWait: 500 * time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			if tc.header.Get("Retry-After") == "+2s" {
				// A date two seconds from now, on the second: a wait of 1 to 2s.
				tc.header = hdr("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
			}
			base, seen := retryAfterServer(t, tc.header)
			c, tries := faultClient(t, base, append([]option.RequestOption{option.WithMaxRetries(1)}, tc.opts...)...)
			ctx := t.Context()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			method := tc.method
			if method == "" {
				method = http.MethodGet
			}
			start := time.Now()
			err := doMethod(ctx, c, method, "/limited")
			elapsed := time.Since(start)
			expected := "429, ended at once"
			if tc.retried {
				expected = "retried, success"
				require.NoError(t, err)
				assert.Equal(t, 2, seen.count())
				assert.GreaterOrEqual(t, elapsed, tc.minWait, "the wait asked for")
			} else {
				var apiErr *telnyx.Error
				require.ErrorAs(t, err, &apiErr)
				assert.ErrorIs(t, err, telnyx.ErrRateLimited)
				assert.Equal(t, 1, seen.count())
				assert.Positive(t, apiErr.RetryAfter)
			}
			assert.Less(t, elapsed, tc.maxWait)
			assert.Equal(t, seen.count(), tries.count())
			faultRow(t, tc.name, expected, fmt.Sprintf("%s after %s", describe(err), elapsed.Round(10*time.Millisecond)), seen.count())
		})
	}
}

// TestFaultRetryBudget: during a 503 storm a small budget stops the
// retries of later calls, and the attempts add up to what it allows.
func TestFaultRetryBudget(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	noLeak(t)
	srv, seen := httpServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"errors":[{"code":"10001","title":"Unavailable"}]}`)
	})
	// 20 tokens: two calls take their two retries (5 tokens each), then
	// the budget is spent and the next calls are sent once.
	c, tries := faultClient(t, srv.URL, option.WithRetryBudget(20))
	perCall := make([]int, 0, 4)
	for range 4 {
		before := tries.count()
		err := doGet(t.Context(), c, "/storm")
		require.ErrorIs(t, err, telnyx.ErrServer)
		perCall = append(perCall, tries.count()-before)
	}
	assert.Equal(t, []int{3, 3, 1, 1}, perCall)
	assert.Equal(t, 8, seen.count())
	faultRow(t, "503 storm against a retry budget of 20", "attempts 3,3,1,1", fmt.Sprintf("*telnyx.Error 503, attempts %v", perCall), seen.count())
}

// TestFaultRetryWithoutBudget: with the budget off every call takes its
// retries.
func TestFaultRetryWithoutBudget(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	noLeak(t)
	srv, seen := httpServer(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	c, _ := faultClient(t, srv.URL, option.WithRetryBudget(0))
	for range 4 {
		require.ErrorIs(t, doGet(t.Context(), c, "/storm"), telnyx.ErrServer)
	}
	assert.Equal(t, 12, seen.count())
	faultRow(t, "503 storm without a budget", "every call retried", "*telnyx.Error 503, 12 attempts for 4 calls", seen.count())
}

// TestFaultStatuses: which answers are retried, per method, on the wire.
func TestFaultStatuses(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	cases := []struct {
		method string
		status int
		opts   []option.RequestOption
		want   int
	}{
		{http.MethodGet, 500, nil, 3},
		{http.MethodGet, 502, nil, 3},
		{http.MethodGet, 504, nil, 3},
		{http.MethodGet, 408, nil, 3},
		{http.MethodGet, 501, nil, 1},
		{http.MethodGet, 404, nil, 1},
		{http.MethodGet, 400, nil, 1},
		{http.MethodDelete, 503, nil, 3},
		{http.MethodPut, 500, nil, 3},
		{http.MethodPost, 500, nil, 1},
		{http.MethodPost, 503, nil, 1},
		{http.MethodPatch, 502, nil, 1},
		{http.MethodPost, 429, nil, 3},
		{http.MethodPatch, 503, []option.RequestOption{option.WithRetryWrites()}, 3},
		{http.MethodGet, 503, []option.RequestOption{option.WithMaxRetries(0)}, 1},
		{http.MethodGet, 503, []option.RequestOption{option.WithMaxRetries(4)}, 5},
	}
	for _, tc := range cases {
		name := fmt.Sprintf("%s answered %d", tc.method, tc.status)
		if len(tc.opts) > 0 {
			name += fmt.Sprintf(" (%d options)", len(tc.opts))
			switch tc.want {
			case 5:
				name = tc.method + " answered 503 with 4 retries"
			case 1:
				name = tc.method + " answered 503 with retries off"
			default:
				name = tc.method + " answered 503 with RetryWrites"
			}
		}
		t.Run(name, func(t *testing.T) {
			noLeak(t)
			srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, `{"errors":[{"code":"1","title":"failure"}]}`)
			})
			c, _ := faultClient(t, srv.URL, tc.opts...)
			err := doMethod(t.Context(), c, tc.method, "/things")
			var apiErr *telnyx.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.want, seen.count())
			expected := "sent once"
			if tc.want > 1 {
				expected = fmt.Sprintf("retried, %d attempts", tc.want)
			}
			faultRow(t, name, expected, describe(err), seen.count())
		})
	}
}
