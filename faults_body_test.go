package telnyx_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

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
