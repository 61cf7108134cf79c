package telnyx_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// The fault suite runs on real loopback sockets. Its tests are sequential
// on purpose: each one checks, once its servers are closed, that it left no
// goroutine behind, and a few measure allocations, which tests running
// beside them would blur. Every scenario logs one row of the fault table,
// "ROW | scenario | expected | observed | attempts | verdict", which
// `go test -run 'Fault' -v . | grep 'ROW |'` prints.

// faultKey is the API key of the fault suite's clients; no server that the
// key must not reach may ever see it.
const faultKey = "KEY-fault-suite-4f1d"

// noLeak checks, when the test ends, that no goroutine started during it
// is still running. Call it first, so that its check runs after every other
// cleanup of the test (servers and connections closed).
func noLeak(t *testing.T) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
}

// faultRow logs one row of the fault table, with FAIL when an assertion
// of the scenario failed before it.
func faultRow(t *testing.T, scenario, expected, observed string, attempts int) {
	t.Helper()
	verdict := "ok"
	if t.Failed() {
		verdict = "FAIL"
	}
	t.Logf("ROW | %s | %s | %s | %d | %s", scenario, expected, observed, attempts, verdict)
}

// describe names the outcome of a call for the fault table.
func describe(err error) string {
	if err == nil {
		return "success"
	}
	var (
		apiErr  *telnyx.Error
		decErr  *telnyx.DecodeError
		connErr *telnyx.ConnectionError
		valErr  *telnyx.ValidationError
		rdErr   *telnyx.ReaderError
	)
	// A ConnectionError can wrap the API error that preceded a cancelled
	// wait, so it is looked for first.
	switch {
	case errors.As(err, &connErr):
		switch {
		case errors.Is(err, context.Canceled):
			return "*telnyx.ConnectionError(canceled)"
		case errors.Is(err, context.DeadlineExceeded):
			return "*telnyx.ConnectionError(deadline)"
		}
		return "*telnyx.ConnectionError"
	case errors.As(err, &apiErr):
		return fmt.Sprintf("*telnyx.Error %d", apiErr.StatusCode)
	case errors.As(err, &decErr):
		return "*telnyx.DecodeError"
	case errors.As(err, &rdErr):
		return "*telnyx.ReaderError"
	case errors.As(err, &valErr):
		return "*telnyx.ValidationError(" + valErr.Field + ")"
	}
	return fmt.Sprintf("%T", err)
}

// counter counts what a server saw.
type counter struct {
	n       atomic.Int32
	withKey atomic.Int32 // requests that carried the suite's key
}

func (c *counter) saw(r *http.Request) {
	c.n.Add(1)
	if strings.Contains(r.Header.Get("Authorization"), faultKey) {
		c.withKey.Add(1)
	}
}

func (c *counter) count() int { return int(c.n.Load()) }

// httpServer starts a plain loopback server that counts requests before
// handing them to h, closed when the test ends.
func httpServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, *counter) {
	t.Helper()
	cnt := &counter{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cnt.saw(r)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, cnt
}

// tlsServer is httpServer over TLS.
func tlsServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, *counter) {
	t.Helper()
	cnt := &counter{}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cnt.saw(r)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, cnt
}

// rawServer accepts TCP connections on 127.0.0.1 and gives each request it
// reads to a handler that writes raw bytes, or breaks the connection.
type rawServer struct {
	ln    net.Listener
	cnt   counter
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns map[net.Conn]bool
	done  chan struct{}
}

// rawHandler answers one request on conn; returning false closes the
// connection.
type rawHandler func(conn net.Conn, req *http.Request, body []byte) (keep bool)

func newRawServer(t *testing.T, h rawHandler) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &rawServer{ln: ln, conns: map[net.Conn]bool{}, done: make(chan struct{})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns[conn] = true
			s.mu.Unlock()
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer func() {
					s.mu.Lock()
					delete(s.conns, conn)
					s.mu.Unlock()
					_ = conn.Close()
				}()
				br := bufio.NewReader(conn)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					s.cnt.saw(req)
					body, _ := io.ReadAll(req.Body)
					if !h(conn, req, body) {
						return
					}
				}
			}()
		}
	}()
	t.Cleanup(s.Close)
	return s
}

// URL is the server's base URL.
func (s *rawServer) URL() string { return "http://" + s.ln.Addr().String() }

// Close stops accepting, breaks every open connection and waits for the
// handlers.
func (s *rawServer) Close() {
	select {
	case <-s.done:
		return
	default:
		close(s.done)
	}
	_ = s.ln.Close()
	s.mu.Lock()
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// reset closes conn with an RST instead of a FIN.
func reset(conn net.Conn) {
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// refusedURL returns the URL of a loopback port nothing listens on.
func refusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return "http://" + addr
}

// attempts counts the attempts a client made, whether or not a server saw
// them.
type attempts struct{ n atomic.Int32 }

func (a *attempts) count() int { return int(a.n.Load()) }

func (a *attempts) option() option.RequestOption {
	return option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		a.n.Add(1)
		return next(r)
	})
}

// faultClient returns a client of base with its own tuned HTTP client
// (closed when the test ends), the suite's key, 2 retries with millisecond
// backoff, and an attempt counter. Extra opts are applied last.
func faultClient(t *testing.T, base string, opts ...option.RequestOption) (*telnyx.Client, *attempts) {
	t.Helper()
	hc := option.DefaultHTTPClient()
	return faultClientWith(t, hc, base, opts...)
}

// faultClientWith is faultClient over the given HTTP client.
func faultClientWith(t *testing.T, hc *http.Client, base string, opts ...option.RequestOption) (*telnyx.Client, *attempts) {
	t.Helper()
	t.Cleanup(hc.CloseIdleConnections)
	a := &attempts{}
	all := append([]option.RequestOption{
		option.WithAPIKey(faultKey),
		option.WithBaseURL(base + "/v2"),
		option.WithHTTPClient(hc),
		option.WithRetryBackoff(time.Millisecond, 2*time.Millisecond),
		a.option(),
	}, opts...)
	c, err := telnyx.NewClient(all...)
	require.NoError(t, err)
	return c, a
}

// waitDone blocks until the handler's request ends or the test's servers
// close, for handlers that stall.
func waitDone(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// doGet sends a GET of path and discards the answer.
func doGet(ctx context.Context, c *telnyx.Client, path string, opts ...option.RequestOption) error {
	_, err := c.Do(ctx, telnyx.Request{Method: http.MethodGet, Path: path}, nil, opts...)
	return err
}

// doMethod sends method to path with a small JSON body for writes.
func doMethod(ctx context.Context, c *telnyx.Client, method, path string, opts ...option.RequestOption) error {
	r := telnyx.Request{Method: method, Path: path}
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch:
		r.Body = map[string]string{"name": "x"}
	}
	_, err := c.Do(ctx, r, nil, opts...)
	return err
}

// blockingReader blocks every Read until it is released, then fails.
type blockingReader struct {
	release chan struct{}
	once    sync.Once
}

func newBlockingReader(t *testing.T) *blockingReader {
	b := &blockingReader{release: make(chan struct{})}
	t.Cleanup(b.Release)
	return b
}

// Release unblocks every Read, now and later.
func (b *blockingReader) Release() { b.once.Do(func() { close(b.release) }) }

func (b *blockingReader) Read([]byte) (int, error) {
	<-b.release
	return 0, errors.New("reader released")
}

// within runs call and returns how long it took and its error, or fails
// the test when call is still running after limit; then unblock runs so
// that call can end, and the test waits for it.
func within(t *testing.T, limit time.Duration, unblock func(), call func() error) (time.Duration, error) {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- call() }()
	select {
	case err := <-done:
		return time.Since(start), err
	case <-time.After(limit):
		t.Errorf("the call is still running after %s", limit)
		unblock()
		return time.Since(start), <-done
	}
}

// failingReader yields n bytes, then fails with err.
type failingReader struct {
	n   int
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, f.err
	}
	k := min(len(p), f.n)
	for i := range p[:k] {
		p[i] = 'x'
	}
	f.n -= k
	return k, nil
}

// onlyReader hides every method of r but Read, so that it cannot seek.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }
