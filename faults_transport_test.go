package telnyx_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/retry"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
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
