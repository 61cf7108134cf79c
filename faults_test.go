package telnyx_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/retry"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

var faultMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// TestFaultConnectionBreaks breaks the connection at each point of an
// exchange for every method: reads (and PUT, DELETE) are retried, POST and
// PATCH are sent once unless nothing left the process.
func TestFaultConnectionBreaks(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	breaks := []struct {
		name    string
		refused bool
		handle  rawHandler
	}{
		{name: "connection refused", refused: true},
		{name: "connection reset before the answer", handle: func(conn net.Conn, _ *http.Request, _ []byte) bool {
			reset(conn)
			return false
		}},
		{name: "connection closed before the answer", handle: func(net.Conn, *http.Request, []byte) bool { return false }},
		{name: "connection closed mid-body", handle: func(conn net.Conn, _ *http.Request, _ []byte) bool {
			_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"data\":{\"id\":")
			return false
		}},
	}
	for _, br := range breaks {
		for _, method := range faultMethods {
			t.Run(br.name+"/"+method, func(t *testing.T) {
				noLeak(t)
				base, seen := "", func() int { return 0 }
				if br.refused {
					base = refusedURL(t)
				} else {
					srv := newRawServer(t, br.handle)
					base, seen = srv.URL(), srv.cnt.count
				}
				c, tries := faultClient(t, base)
				err := doMethod(t.Context(), c, method, "/things")
				var ce *telnyx.ConnectionError
				require.ErrorAs(t, err, &ce)
				assert.Equal(t, method, ce.Method)
				assert.Equal(t, "/v2/things", ce.Path)
				want, expected := 3, "ConnectionError, retried"
				if !br.refused && (method == http.MethodPost || method == http.MethodPatch) {
					want, expected = 1, "ConnectionError, sent once"
				}
				assert.Equal(t, want, tries.count(), "attempts")
				if br.refused {
					assert.Zero(t, seen())
				} else {
					assert.Equal(t, want, seen(), "requests the server saw")
				}
				faultRow(t, br.name+" "+method, expected, fmt.Sprintf("%s, %d attempts", describe(err), tries.count()), seen())
			})
		}
	}
}

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

// gzipMembers returns n concatenated gzip members of 1 MiB of spaces each:
// a small answer that inflates to n MiB.
func gzipMembers(t *testing.T, n int) []byte {
	var one bytes.Buffer
	zw, err := gzip.NewWriterLevel(&one, gzip.BestCompression)
	require.NoError(t, err)
	_, err = zw.Write(bytes.Repeat([]byte(" "), 1<<20))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return bytes.Repeat(one.Bytes(), n)
}

// TestFaultBodies: answers too large, lying about their length, or not
// JSON are DecodeErrors and are not retried; a short read is a broken
// connection and is.
func TestFaultBodies(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	const capBytes = 64 << 20
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	bomb := gzipMembers(t, 65)
	cases := []struct {
		name     string
		handle   rawHandler
		http     http.HandlerFunc
		want     string // describe() of the outcome
		attempts int
	}{
		{name: "answer over the 64 MiB cap", http: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(capBytes+1))
			for i := 0; i < 64; i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
			_, _ = w.Write([]byte(" "))
		}, want: "*telnyx.DecodeError", attempts: 1},
		{name: "gzip answer inflating past the cap", http: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
			_, _ = w.Write(bomb)
		}, want: "*telnyx.DecodeError", attempts: 1},
		{name: "Content-Length larger than sent", handle: func(conn net.Conn, _ *http.Request, _ []byte) bool {
			_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"data\":{}}")
			return false
		}, want: "*telnyx.ConnectionError", attempts: 3},
		{name: "Content-Length smaller than sent", handle: func(conn net.Conn, _ *http.Request, _ []byte) bool {
			_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{\"data\":{\"id\":\"1\"}}")
			return false
		}, want: "*telnyx.DecodeError", attempts: 1},
		{name: "HTML answer with status 200", http: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html><body>Welcome to the captive portal</body></html>")
		}, want: "*telnyx.DecodeError", attempts: 1},
		{name: "truncated JSON answer", http: func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, `{"data":{"id":"1","name":"tru`)
		}, want: "*telnyx.DecodeError", attempts: 1},
		{name: "HTML 502 from a proxy", http: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, "<html><h1>502 Bad Gateway</h1>\n<p>nginx</p></html>")
		}, want: "*telnyx.Error 502", attempts: 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			var (
				base string
				seen func() int
			)
			if tc.handle != nil {
				srv := newRawServer(t, tc.handle)
				base, seen = srv.URL(), srv.cnt.count
			} else {
				srv, cnt := httpServer(t, tc.http)
				base, seen = srv.URL, cnt.count
			}
			c, tries := faultClient(t, base)
			_, err := telnyx.Call[map[string]any](t.Context(), c, telnyx.Request{Method: http.MethodGet, Path: "/answer"})
			require.Error(t, err)
			assert.Equal(t, tc.want, describe(err), "%v", err)
			assert.Equal(t, tc.attempts, tries.count(), "attempts")
			assert.Equal(t, tc.attempts, seen(), "requests the server saw")
			assert.NotContains(t, err.Error(), faultKey)
			var de *telnyx.DecodeError
			if errors.As(err, &de) {
				assert.Equal(t, "/v2/answer", de.Path)
			}
			faultRow(t, tc.name, fmt.Sprintf("%s, %d attempt(s)", tc.want, tc.attempts), describe(err), seen())
		})
	}
}

// TestFaultMemoryFollowsBytesReceived: ten answers that announce 67,108,000
// bytes and send ten cost what they send, not what they announce.
func TestFaultMemoryFollowsBytesReceived(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	noLeak(t)
	srv := newRawServer(t, func(conn net.Conn, _ *http.Request, _ []byte) bool {
		_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 67108000\r\n\r\n{\"data\":{")
		return false
	})
	c, tries := faultClient(t, srv.URL(), option.WithMaxRetries(0))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = doGet(t.Context(), c, "/liar")
		}()
	}
	wg.Wait()
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	for _, err := range errs {
		var ce *telnyx.ConnectionError
		require.ErrorAs(t, err, &ce)
	}
	assert.Less(t, allocated, uint64(16<<20), "allocated %d bytes for 10 answers of 10 bytes", allocated)
	assert.Equal(t, 10, tries.count())
	faultRow(t, "10 GETs announcing 67,108,000 bytes, sending 10", "< 16 MiB allocated",
		fmt.Sprintf("%s each, %.1f MiB allocated", describe(errs[0]), float64(allocated)/(1<<20)), srv.cnt.count())
}

// TestFaultErrorTextIsClean: control characters and line breaks a server
// puts in an error never reach err.Error().
func TestFaultErrorTextIsClean(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	bodies := []struct{ name, body string }{
		{"JSON error detail", `{"errors":[{"code":"1\u001b[2J","title":"Bad\r\nX-Forged: 1","detail":"line1\nline2\u0007\u0000\u202e","source":{"pointer":"/a\r\n"}}]}`},
		{"plain text error", "Bad\r\nrequest\x1b[31m\x00\x07 red"},
		{"HTML error with DEL, C1 and a bidi override", "<p>Bad\x7f request\u0085 \u202egnp.exe</p>"},
	}
	for _, b := range bodies {
		t.Run(b.name, func(t *testing.T) {
			noLeak(t)
			srv := newRawServer(t, func(conn net.Conn, _ *http.Request, _ []byte) bool {
				_, _ = fmt.Fprintf(conn, "HTTP/1.1 400 Bad Request\r\nX-Request-Id: id\u202e\u0085\r\nContent-Length: %d\r\n\r\n%s", len(b.body), b.body)
				return false
			})
			seen := &srv.cnt
			c, _ := faultClient(t, srv.URL())
			err := doGet(t.Context(), c, "/bad")
			require.ErrorIs(t, err, telnyx.ErrBadRequest)
			msg := err.Error()
			observed := describe(err) + ", Error() clean"
			for _, r := range msg {
				if unicode.IsControl(r) || r == '\u202e' {
					t.Errorf("control character %U in %q", r, msg)
					observed = fmt.Sprintf("%s, Error() holds %U", describe(err), r)
					break
				}
			}
			assert.Equal(t, 1, seen.count())
			faultRow(t, "error text with control characters: "+b.name, "*telnyx.Error 400, Error() clean", observed, seen.count())
		})
	}
}

// TestFaultRedirects: no redirect carries the key to another origin, with
// the default client, a tuned client or a caller's *http.Client; loops end.
func TestFaultRedirects(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	t.Run("default client, other port", func(t *testing.T) {
		noLeak(t)
		thief, stolen := httpServer(t, func(http.ResponseWriter, *http.Request) {})
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, thief.URL+"/steal", http.StatusFound)
		})
		a := &attempts{}
		c, err := telnyx.NewClient(option.WithAPIKey(faultKey), option.WithBaseURL(srv.URL+"/v2"), a.option(),
			option.WithRetryBackoff(time.Millisecond, time.Millisecond))
		require.NoError(t, err)
		err = doGet(t.Context(), c, "/r")
		checkRefusedRedirect(t, err, a, seen, stolen, "default client redirected to another port")
	})
	t.Run("other host", func(t *testing.T) {
		noLeak(t)
		var stolen counter
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/steal" {
				stolen.saw(r)
				return
			}
			u, _ := url.Parse("http://" + r.Host)
			http.Redirect(w, r, "http://localhost:"+u.Port()+"/steal", http.StatusTemporaryRedirect)
		})
		c, a := faultClient(t, srv.URL)
		err := doGet(t.Context(), c, "/r")
		checkRefusedRedirect(t, err, a, seen, &stolen, "redirect to another host, same port")
	})
	t.Run("other port", func(t *testing.T) {
		noLeak(t)
		thief, stolen := httpServer(t, func(http.ResponseWriter, *http.Request) {})
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, thief.URL+"/steal", http.StatusMovedPermanently)
		})
		c, a := faultClient(t, srv.URL)
		err := doMethod(t.Context(), c, http.MethodPut, "/r")
		checkRefusedRedirect(t, err, a, seen, stolen, "PUT redirected to another port")
	})
	t.Run("https to http, tuned client", func(t *testing.T) {
		noLeak(t)
		thief, stolen := httpServer(t, func(http.ResponseWriter, *http.Request) {})
		srv, seen := tlsServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, thief.URL+"/steal", http.StatusFound)
		})
		hc := option.DefaultHTTPClient()
		hc.Transport.(*http.Transport).TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig
		c, a := faultClientWith(t, hc, srv.URL)
		err := doGet(t.Context(), c, "/r")
		checkRefusedRedirect(t, err, a, seen, stolen, "https to http redirect, tuned client")
	})
	t.Run("https to http, caller's client that follows everything", func(t *testing.T) {
		noLeak(t)
		thief, stolen := httpServer(t, func(http.ResponseWriter, *http.Request) {})
		srv, seen := tlsServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, thief.URL+"/steal", http.StatusSeeOther)
		})
		hc := *srv.Client()
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return nil }
		c, a := faultClientWith(t, &hc, srv.URL)
		err := doMethod(t.Context(), c, http.MethodPost, "/r")
		checkRefusedRedirect(t, err, a, seen, stolen, "https to http redirect of a POST, caller's *http.Client")
	})
	t.Run("caller's bare client, other port", func(t *testing.T) {
		noLeak(t)
		thief, stolen := httpServer(t, func(http.ResponseWriter, *http.Request) {})
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, thief.URL+"/steal", http.StatusFound)
		})
		tr := &http.Transport{}
		t.Cleanup(tr.CloseIdleConnections)
		c, a := faultClientWith(t, &http.Client{Transport: tr}, srv.URL)
		err := doGet(t.Context(), c, "/r")
		checkRefusedRedirect(t, err, a, seen, stolen, "caller's bare *http.Client redirected to another port")
	})
	t.Run("loop", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/v2/loop", http.StatusFound)
		})
		c, a := faultClient(t, srv.URL)
		err := doGet(t.Context(), c, "/loop")
		var ce *telnyx.ConnectionError
		require.ErrorAs(t, err, &ce)
		assert.ErrorIs(t, err, retry.ErrRedirect)
		assert.Equal(t, 1, a.count(), "a refused redirect is not retried")
		assert.Equal(t, 5, seen.count())
		faultRow(t, "same-origin redirect loop", "ConnectionError after 5 hops, not retried", describe(err), seen.count())
	})
	t.Run("same origin is followed with the key", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/v2/new" {
				body, _ := io.ReadAll(r.Body)
				_, _ = fmt.Fprintf(w, `{"data":{"body":%q}}`, body)
				return
			}
			http.Redirect(w, r, "/v2/new", http.StatusTemporaryRedirect)
		})
		c, a := faultClient(t, srv.URL)
		got, err := telnyx.Call[map[string]string](t.Context(), c, telnyx.Request{Method: http.MethodPost, Path: "/old", Body: map[string]int{"a": 1}})
		require.NoError(t, err)
		assert.Equal(t, `{"a":1}`, (*got)["body"], "a 307 replays the body")
		assert.Equal(t, 1, a.count())
		assert.Equal(t, 2, seen.count())
		assert.Equal(t, int32(2), seen.withKey.Load(), "the key stays within its origin")
		faultRow(t, "same-origin 307 of a POST", "followed, success", describe(err), seen.count())
	})
}

func checkRefusedRedirect(t *testing.T, err error, a *attempts, seen, stolen *counter, scenario string) {
	t.Helper()
	var ce *telnyx.ConnectionError
	require.ErrorAs(t, err, &ce)
	assert.ErrorIs(t, err, retry.ErrRedirect)
	assert.Equal(t, 1, a.count(), "a refused redirect is not retried")
	assert.Equal(t, 1, seen.count())
	assert.Zero(t, stolen.count(), "the other origin must see nothing")
	assert.Zero(t, stolen.withKey.Load(), "the key must never reach the other origin")
	assert.NotContains(t, err.Error(), faultKey)
	faultRow(t, scenario, "refused, key not sent, not retried", fmt.Sprintf("%s, %d request(s) at the other origin", describe(err), stolen.count()), seen.count())
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

// uploadServer reads multipart uploads, hashing the file part of each, and
// answers with status.
func uploadServer(t *testing.T, status int) (*counter, func() []string, string) {
	var (
		mu     sync.Mutex
		hashes []string
	)
	srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err == nil {
			mr := multipart.NewReader(r.Body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err != nil {
					break
				}
				if p.FormName() == "media" {
					h := sha256.New()
					if _, err := io.Copy(h, p); err == nil {
						mu.Lock()
						hashes = append(hashes, fmt.Sprintf("%x", h.Sum(nil)))
						mu.Unlock()
					}
				}
			}
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, `{"data":{"media_name":"a"}}`)
	})
	return seen, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), hashes...)
	}, srv.URL
}

func upload(ctx context.Context, c *telnyx.Client, method string, file io.Reader, opts ...option.RequestOption) error {
	_, err := c.Do(ctx, telnyx.Request{Method: method, Path: "/media", Body: &telnyx.Multipart{
		Form: url.Values{"ttl_secs": {"60"}}, FileField: "media", FileName: "a.wav", ContentType: "audio/wav", File: file,
	}}, nil, opts...)
	return err
}

// seekableFailing is a seekable reader that fails after some bytes.
type seekableFailing struct {
	*bytes.Reader
	fail error
	left int
}

func (s *seekableFailing) Read(p []byte) (int, error) {
	if s.left <= 0 {
		return 0, s.fail
	}
	n, err := s.Reader.Read(p[:min(len(p), s.left)])
	s.left -= n
	return n, err
}

// TestFaultUploads: a failing reader ends the call at once, a blocked one
// cannot outlast the deadline, and a reader that cannot seek is sent once.
func TestFaultUploads(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	errBoom := errors.New("disk on fire")
	payload := bytes.Repeat([]byte("wav!"), 64<<10)
	for _, tc := range []struct {
		name   string
		method string
		file   func() io.Reader
		opts   []option.RequestOption
	}{
		{"failing reader, POST", http.MethodPost, func() io.Reader { return &failingReader{n: 100 << 10, err: errBoom} }, nil},
		{"failing reader at once, PUT", http.MethodPut, func() io.Reader { return &failingReader{err: errBoom} }, nil},
		{"failing seekable reader, PUT with RetryWrites", http.MethodPut, func() io.Reader {
			return &seekableFailing{Reader: bytes.NewReader(payload), fail: errBoom, left: 70 << 10}
		}, []option.RequestOption{option.WithRetryWrites()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			seen, _, base := uploadServer(t, http.StatusOK)
			c, a := faultClient(t, base, tc.opts...)
			err := upload(t.Context(), c, tc.method, tc.file())
			var re *telnyx.ReaderError
			require.ErrorAs(t, err, &re)
			assert.ErrorIs(t, err, errBoom)
			assert.Equal(t, 1, a.count(), "a failing reader is never retried")
			assert.LessOrEqual(t, seen.count(), 1)
			faultRow(t, "upload: "+tc.name, "ReaderError, errors.Is finds the cause, 1 attempt", describe(err), seen.count())
		})
	}
	for _, tc := range []struct {
		name       string
		seekable   bool
		perAttempt time.Duration
		deadline   time.Duration
	}{
		{"blocked reader vs context deadline", false, 0, 200 * time.Millisecond},
		{"blocked reader vs request timeout", false, 100 * time.Millisecond, 0},
		{"blocked seekable reader vs request timeout", true, 100 * time.Millisecond, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			seen, _, base := uploadServer(t, http.StatusOK)
			var opts []option.RequestOption
			if tc.perAttempt > 0 {
				opts = append(opts, option.WithRequestTimeout(tc.perAttempt))
			}
			c, a := faultClient(t, base, opts...)
			br := newBlockingReader(t)
			var file io.Reader = br
			if tc.seekable {
				file = struct {
					io.Reader
					io.Seeker
				}{br, bytes.NewReader(nil)}
			}
			ctx := t.Context()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			elapsed, err := within(t, 3*time.Second, br.Release, func() error { return upload(ctx, c, http.MethodPut, file) })
			require.Error(t, err)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Less(t, elapsed, time.Second, "a blocked reader cannot hold the call")
			assert.Equal(t, 1, a.count())
			assert.LessOrEqual(t, seen.count(), 1)
			faultRow(t, "upload: "+tc.name, "deadline, returns on time", fmt.Sprintf("%s after %s", describe(err), elapsed.Round(10*time.Millisecond)), seen.count())
		})
	}
	t.Run("non-seekable reader is sent once on 500", func(t *testing.T) {
		noLeak(t)
		seen, hashes, base := uploadServer(t, http.StatusInternalServerError)
		c, a := faultClient(t, base)
		err := upload(t.Context(), c, http.MethodPut, onlyReader{bytes.NewReader(payload)})
		require.ErrorIs(t, err, telnyx.ErrServer)
		assert.Equal(t, 1, a.count())
		assert.Equal(t, 1, seen.count())
		assert.Len(t, hashes(), 1)
		faultRow(t, "upload: non-seekable reader, PUT answered 500", "*telnyx.Error 500, sent once", describe(err), seen.count())
	})
	t.Run("non-seekable reader is sent once on 429", func(t *testing.T) {
		noLeak(t)
		seen, _, base := uploadServer(t, http.StatusTooManyRequests)
		c, _ := faultClient(t, base)
		err := upload(t.Context(), c, http.MethodPost, onlyReader{bytes.NewReader(payload)})
		require.ErrorIs(t, err, telnyx.ErrRateLimited)
		assert.Equal(t, 1, seen.count())
		faultRow(t, "upload: non-seekable reader, POST answered 429", "*telnyx.Error 429, sent once", describe(err), seen.count())
	})
	t.Run("seekable reader is replayed whole on 500", func(t *testing.T) {
		noLeak(t)
		seen, hashes, base := uploadServer(t, http.StatusInternalServerError)
		c, _ := faultClient(t, base)
		r := bytes.NewReader(append([]byte("skip"), payload...))
		_, _ = r.Seek(4, io.SeekStart) // the upload starts where the reader stands
		err := upload(t.Context(), c, http.MethodPut, r)
		require.ErrorIs(t, err, telnyx.ErrServer)
		assert.Equal(t, 3, seen.count())
		want := fmt.Sprintf("%x", sha256.Sum256(payload))
		assert.Equal(t, []string{want, want, want}, hashes(), "every attempt sends the same bytes")
		faultRow(t, "upload: seekable reader, PUT answered 500", "*telnyx.Error 500, replayed byte for byte", describe(err), seen.count())
	})
}

// TestFaultLocalRefusals: what cannot be sent safely is refused before any
// byte leaves, and a request the transport refuses is not retried.
func TestFaultLocalRefusals(t *testing.T) {
	bad := []struct {
		name string
		opt  option.RequestOption
	}{
		{"CR/LF in a header value", option.WithHeader("X-Trace", "a\r\nAuthorization: Bearer stolen")},
		{"LF in a header value", option.WithHeader("X-Trace", "a\nb")},
		{"NUL in a header value", option.WithHeader("X-Trace", "a\x00b")},
		{"CR/LF in a header name", option.WithHeader("X-Trace\r\nX-Other", "1")},
		{"NUL in the key", option.WithAPIKey("KEY\x00evil")},
		{"CR/LF in the key", option.WithAPIKey("KEY\r\nX-Injected: 1")},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			srv, seen := httpServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, `{}`) })
			_, err := telnyx.NewClient(option.WithAPIKey(faultKey), option.WithBaseURL(srv.URL), tc.opt)
			require.Error(t, err, "NewClient must refuse it")
			c, a := faultClient(t, srv.URL)
			callErr := doGet(t.Context(), c, "/x", tc.opt)
			require.Error(t, callErr, "a call option must refuse it")
			assert.Zero(t, a.count())
			assert.Zero(t, seen.count())
			assert.NotContains(t, err.Error()+callErr.Error(), "\n")
			faultRow(t, "refused option: "+tc.name, "NewClient and the call refuse it, nothing sent", "refused: "+describe(callErr), seen.count())
		})
	}
	t.Run("key with a line break from the environment", func(t *testing.T) {
		noLeak(t)
		t.Setenv("TELNYX_API_KEY", "KEY\nX-Injected: 1")
		t.Setenv("TELNYX_BASE_URL", "")
		_, err := telnyx.NewClient()
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "X-Injected")
		faultRow(t, "TELNYX_API_KEY holding a line break", "NewClient refuses it", "refused", 0)
	})
	t.Run("method the request cannot carry", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(http.ResponseWriter, *http.Request) {})
		c, a := faultClient(t, srv.URL)
		_, err := c.Do(t.Context(), telnyx.Request{Method: "GET /x HTTP/1.1\r\n", Path: "/x"}, nil)
		require.Error(t, err)
		assert.Zero(t, a.count())
		assert.Zero(t, seen.count())
		faultRow(t, "invalid method", "refused locally, never retried", describe(err), seen.count())
	})
	t.Run("transport refuses a header a middleware set", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(http.ResponseWriter, *http.Request) {})
		inject := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			r.Header["X-Bad"] = []string{"a\r\nb"}
			return next(r)
		})
		c, a := faultClient(t, srv.URL, inject)
		err := doGet(t.Context(), c, "/x")
		require.Error(t, err)
		assert.Zero(t, seen.count(), "the transport sends nothing")
		assert.Equal(t, 1, a.count(), "a request the transport refuses locally must not be retried")
		faultRow(t, "transport refuses a header set by a middleware", "refused locally, 1 attempt", fmt.Sprintf("%s, %d attempts", describe(err), a.count()), seen.count())
	})
}

// TestFaultPathValues: a path value that would name a sibling route, or
// that breaks its declared format, is refused naming the parameter, and
// nothing is sent; a good value lands in its own segment.
func TestFaultPathValues(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	const ticket = "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6"
	cases := []struct {
		name     string
		method   string
		template string
		args     []string
		field    string // "" when the value is accepted
	}{
		{"log_messages as an external connection id", http.MethodGet, "/external_connections/{id}", []string{"log_messages"}, "id"},
		{"status as an upload ticket id", http.MethodGet, "/external_connections/{id}/uploads/{ticket_id}", []string{"1293384261075731499", "status"}, "ticket_id"},
		{"refresh as an upload ticket id", http.MethodPost, "/external_connections/{id}/uploads/{ticket_id}/retry", []string{"1293384261075731499", "refresh"}, "ticket_id"},
		{"actions as a recording id", http.MethodDelete, "/recordings/{recording_id}", []string{"actions"}, "recording_id"},
		{"ACTIONS as a recording id", http.MethodGet, "/recordings/{recording_id}", []string{"ACTIONS"}, "recording_id"},
		{"non-numeric external connection id", http.MethodGet, "/external_connections/{id}", []string{"12a"}, "id"},
		{"int64 overflow as an external connection id", http.MethodPatch, "/external_connections/{id}", []string{"9223372036854775808"}, "id"},
		{"non-uuid transcription id", http.MethodGet, "/recording_transcriptions/{recording_transcription_id}", []string{"../recordings"}, "recording_transcription_id"},
		{"dot-dot media name", http.MethodGet, "/media/{media_name}", []string{".."}, "media_name"},
		{"good ticket id", http.MethodGet, "/external_connections/{id}/uploads/{ticket_id}", []string{"1293384261075731499", ticket}, ""},
		{"media name with a slash and a query", http.MethodGet, "/media/{media_name}", []string{"a/../b?c=d#e"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			var gotPath atomic.Value
			srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
				gotPath.Store(r.URL.EscapedPath())
				_, _ = io.WriteString(w, `{"data":{}}`)
			})
			c, a := faultClient(t, srv.URL)
			_, err := c.Do(t.Context(), telnyx.Request{Method: tc.method, Path: tc.template, PathParams: tc.args}, nil)
			if tc.field == "" {
				require.NoError(t, err)
				last := tc.args[len(tc.args)-1]
				p := gotPath.Load().(string)
				seg := p[strings.LastIndex(p, "/")+1:]
				un, uerr := url.PathUnescape(seg)
				require.NoError(t, uerr)
				assert.Equal(t, last, un, "the value round-trips in its own segment")
				assert.Equal(t, strings.Count("/v2"+tc.template, "/"), strings.Count(p, "/"))
				faultRow(t, "path value: "+tc.name, "sent in its own segment", describe(err), seen.count())
				return
			}
			var ve *telnyx.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Zero(t, a.count())
			assert.Zero(t, seen.count())
			faultRow(t, "path value: "+tc.name, "ValidationError("+tc.field+"), nothing sent", describe(err), seen.count())
		})
	}
}

// TestFaultPathValuesThroughServices: the same refusals through the
// resource packages' methods.
func TestFaultPathValuesThroughServices(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	const conn = "1293384261075731499"
	cases := []struct {
		name  string
		field string
		call  func(ctx context.Context, c *telnyx.Client) error
	}{
		{"externalconnections.Get(log_messages)", "id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Get(ctx, "log_messages")
			return err
		}},
		{"externalconnections.Delete(log_messages)", "id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Delete(ctx, "log_messages")
			return err
		}},
		{"LogMessages.Get(non-numeric)", "id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).LogMessages.Get(ctx, "../1")
			return err
		}},
		{"Uploads.Get(status)", "ticket_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Uploads.Get(ctx, conn, "status")
			return err
		}},
		{"Uploads.Get(refresh)", "ticket_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Uploads.Get(ctx, conn, "refresh")
			return err
		}},
		{"Uploads.Retry(status)", "ticket_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Uploads.Retry(ctx, conn, "status")
			return err
		}},
		{"Releases.Get(non-uuid)", "release_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Releases.Get(ctx, conn, "x")
			return err
		}},
		{"recordings.Get(actions)", "recording_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := recordings.New(c).Get(ctx, "actions")
			return err
		}},
		{"recordings.Delete(actions)", "recording_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := recordings.New(c).Delete(ctx, "actions")
			return err
		}},
		{"Transcriptions.Get(non-uuid)", "recording_transcription_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := recordings.New(c).Transcriptions.Get(ctx, "1")
			return err
		}},
		{"media.Get(..)", "media_name", func(ctx context.Context, c *telnyx.Client) error {
			_, err := media.New(c).Get(ctx, "..")
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			srv, seen := httpServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, `{"data":{}}`) })
			c, a := faultClient(t, srv.URL)
			err := tc.call(t.Context(), c)
			var ve *telnyx.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Zero(t, a.count())
			assert.Zero(t, seen.count())
			faultRow(t, "service path value: "+tc.name, "ValidationError("+tc.field+"), nothing sent", describe(err), seen.count())
		})
	}
}

// TestFaultMediaTransfers: media downloads and uploads through the media
// package under cancellation and failing readers.
func TestFaultMediaTransfers(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	t.Run("download cancelled mid-read", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Header().Set("Content-Length", strconv.Itoa(4<<20))
			_, _ = w.Write(make([]byte, 64<<10))
			w.(http.Flusher).Flush()
			waitDone(r)
		})
		c, a := faultClient(t, srv.URL)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		dl, err := media.New(c).Download(ctx, "call.wav")
		require.NoError(t, err)
		_, err = io.ReadFull(dl, make([]byte, 1024))
		require.NoError(t, err)
		cancel()
		_, readErr := io.Copy(io.Discard, dl)
		require.NoError(t, dl.Close())
		assert.ErrorIs(t, readErr, context.Canceled)
		assert.Equal(t, 1, a.count())
		srv.Close()
		assert.Equal(t, 1, seen.count())
		faultRow(t, "media.Download cancelled mid-read", "read fails with context.Canceled, 1 attempt", fmt.Sprintf("read error: %v", readErr), seen.count())
	})
	t.Run("upload with a failing reader", func(t *testing.T) {
		noLeak(t)
		errBoom := errors.New("tape snapped")
		seen, _, base := uploadServer(t, http.StatusOK)
		c, a := faultClient(t, base)
		_, err := media.New(c).Upload(t.Context(), media.UploadParams{File: &failingReader{n: 50 << 10, err: errBoom}, FileName: "a.wav"})
		var re *telnyx.ReaderError
		require.ErrorAs(t, err, &re)
		assert.ErrorIs(t, err, errBoom)
		assert.Equal(t, 1, a.count())
		faultRow(t, "media.Upload with a failing reader", "ReaderError, 1 attempt", describe(err), seen.count())
	})
	t.Run("upload of a non-seekable reader on 503", func(t *testing.T) {
		noLeak(t)
		seen, hashes, base := uploadServer(t, http.StatusServiceUnavailable)
		c, _ := faultClient(t, base)
		_, err := media.New(c).Upload(t.Context(), media.UploadParams{File: onlyReader{strings.NewReader("RIFF....WAVE")}, FileName: "a.wav"})
		require.ErrorIs(t, err, telnyx.ErrServer)
		assert.Equal(t, 1, seen.count())
		assert.Len(t, hashes(), 1)
		faultRow(t, "media.Upload of a non-seekable reader answered 503", "*telnyx.Error 503, sent once", describe(err), seen.count())
	})
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

// TestFaultTLS: certificate and protocol failures are not retried.
func TestFaultTLS(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	t.Run("untrusted certificate", func(t *testing.T) {
		noLeak(t)
		srv, seen := tlsServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, `{}`) })
		c, a := faultClient(t, srv.URL) // the tuned client does not trust the test CA
		err := doGet(t.Context(), c, "/x")
		var ce *telnyx.ConnectionError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, 1, a.count())
		assert.Zero(t, seen.count())
		faultRow(t, "untrusted TLS certificate", "ConnectionError, not retried", fmt.Sprintf("%s, %d attempt(s)", describe(err), a.count()), seen.count())
	})
	t.Run("TLS to a plain HTTP server", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, `{}`) })
		c, a := faultClient(t, "https://"+strings.TrimPrefix(srv.URL, "http://"))
		err := doGet(t.Context(), c, "/x")
		var ce *telnyx.ConnectionError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, 1, a.count())
		assert.Zero(t, seen.count())
		faultRow(t, "https to a plain HTTP server", "ConnectionError, not retried", fmt.Sprintf("%s, %d attempt(s)", describe(err), a.count()), seen.count())
	})
	t.Run("garbage instead of HTTP", func(t *testing.T) {
		noLeak(t)
		srv := newRawServer(t, func(conn net.Conn, _ *http.Request, _ []byte) bool {
			_, _ = io.WriteString(conn, "SSH-2.0-OpenSSH_9.6\r\n\r\n")
			return false
		})
		c, a := faultClient(t, srv.URL())
		err := doGet(t.Context(), c, "/x")
		var ce *telnyx.ConnectionError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, 3, a.count(), "a broken answer is a broken connection")
		faultRow(t, "garbage instead of an HTTP answer (GET)", "ConnectionError, retried", describe(err), srv.cnt.count())
	})
}

// TestFaultUnfollowedRedirects: a 3xx the HTTP client does not follow (a
// 307 for an upload body that cannot be replayed, a 302 without Location, a
// 304) is no success: the call must fail rather than report an empty value
// as the stored object.
func TestFaultUnfollowedRedirects(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	cases := []struct {
		name string
		req  telnyx.Request
	}{
		{"307 for a streamed upload", telnyx.Request{Method: http.MethodPost, Path: "/media", Body: &telnyx.Multipart{FileField: "media", FileName: "a.wav", File: onlyReader{strings.NewReader("RIFF")}}}},
		{"302 without Location", telnyx.Request{Method: http.MethodGet, Path: "/nolocation"}},
		{"304 Not Modified", telnyx.Request{Method: http.MethodGet, Path: "/notmodified"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				switch r.URL.Path {
				case "/v2/media":
					w.Header().Set("Location", "/v2/media/elsewhere")
					w.WriteHeader(http.StatusTemporaryRedirect)
				case "/v2/nolocation":
					w.WriteHeader(http.StatusFound)
				case "/v2/notmodified":
					w.WriteHeader(http.StatusNotModified)
				default:
					_, _ = io.WriteString(w, `{"data":{"media_name":"stored"}}`)
				}
			})
			c, _ := faultClient(t, srv.URL)
			got, err := telnyx.Call[map[string]any](t.Context(), c, tc.req)
			assert.Error(t, err, "a %s answer must not pass for a success (got %v)", tc.name, got)
			assert.Equal(t, 1, seen.count())
			faultRow(t, "unfollowed redirect: "+tc.name, "an error, not an empty success", describe(err), seen.count())
		})
	}
}

// TestFaultListDecodeErrorNamesThePath: a list answer whose items sit under
// another key and do not decode names the path as sent, like every other
// DecodeError.
func TestFaultListDecodeErrorNamesThePath(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	noLeak(t)
	srv, seen := httpServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Request-Id", "req-7")
		_, _ = io.WriteString(w, `{"log_messages":{"not":"a list"},"meta":{}}`)
	})
	c, _ := faultClient(t, srv.URL)
	_, err := telnyx.ListPage[map[string]any](t.Context(), c, telnyx.Request{Method: http.MethodGet, Path: "/external_connections/log_messages", Items: "log_messages"})
	var de *telnyx.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "/v2/external_connections/log_messages", de.Path)
	assert.Equal(t, "req-7", de.RequestID)
	assert.Equal(t, 1, seen.count())
	faultRow(t, "list items under another key that do not decode", "DecodeError naming /v2/... and the request id", fmt.Sprintf("%s path %q id %q", describe(err), de.Path, de.RequestID), seen.count())
}
