package telnyxtest

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DefaultAPIKey is the API key a server accepts unless WithAPIKey is used.
const DefaultAPIKey = "test-key"

const (
	// maxMediaBytes is the API's size limit for stored media (20 MB).
	maxMediaBytes = 20 << 20
	// maxBodyBytes bounds the request bodies the fake reads: the largest
	// media file plus room for the multipart framing and the other fields.
	maxBodyBytes = maxMediaBytes + 1<<20
	// maxDrainBytes bounds how much of an oversized body is read and
	// thrown away so that the client gets the answer on a clean connection.
	maxDrainBytes = 256 << 20
)

// ServerOption configures a Server created by NewServer or New.
type ServerOption func(*serverConfig)

type serverConfig struct {
	apiKey      string
	clock       func() time.Time
	fetch       func(ctx context.Context, url string) ([]byte, string, error)
	maxRecorded int
	control     bool
}

// WithAPIKey sets the API key the server accepts as a Bearer token.
func WithAPIKey(key string) ServerOption {
	return func(c *serverConfig) { c.apiKey = key }
}

// WithClock replaces the time source used for timestamps and media expiry.
// The server calls now from concurrent requests, so it must be safe for
// concurrent use.
func WithClock(now func() time.Time) ServerOption {
	return func(c *serverConfig) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithMediaFetcher replaces how the server gets the bytes of media created
// or replaced from a media_url. fetch gets the request's context and the
// URL, and returns the body and its content type; an empty content type is
// derived from the URL's extension, else by sniffing the body. An error,
// or a body over the API's 20 MB limit, answers 422 naming /media_url.
// fetch is called from concurrent requests, without the server's lock.
//
// By default http and https URLs whose host is a loopback address
// (127.0.0.0/8, ::1 or localhost), such as an httptest.Server's, are
// fetched with a 10 second timeout, taking the content type from the
// response. Any other URL stores a deterministic placeholder
// ("telnyx-fake placeholder for <url>", typed by the URL's extension),
// so the fake never reaches the network.
func WithMediaFetcher(fetch func(ctx context.Context, url string) (body []byte, contentType string, err error)) ServerOption {
	return func(c *serverConfig) {
		if fetch != nil {
			c.fetch = fetch
		}
	}
}

// WithMaxRecorded keeps only the last n requests in the log that Requests
// and LastRequest read; 0 records nothing and a negative n (the default)
// keeps every request. Long-running fakes should set a bound.
func WithMaxRecorded(n int) ServerOption {
	return func(c *serverConfig) { c.maxRecorded = n }
}

// RecordedRequest is a request received by the fake, as recorded by it.
type RecordedRequest struct {
	// Method is the HTTP method.
	Method string
	// Path is the escaped request path, including the "/v2" prefix.
	Path string
	// Query holds the parsed query string.
	Query url.Values
	// Header is a copy of the request headers.
	Header http.Header
	// Body holds the raw request body, cut off at 21 MB (the media limit
	// plus room for multipart framing).
	Body []byte
	// Operation is the operation the request was routed to, or "" if no
	// route matched.
	Operation Operation
	// RequestID is the X-Request-Id the fake answered with.
	RequestID string
}

// Server is an in-memory fake of the Telnyx API. It is safe for concurrent use.
type Server struct {
	cfg serverConfig
	ts  *httptest.Server

	// done is closed by Close; it ends injected latency waits.
	done      chan struct{}
	closeOnce sync.Once

	mu       sync.Mutex
	requests []RecordedRequest
	faults   []*fault
	latency  time.Duration
	st       *state
}

// NewServer starts a fake on a loopback address. Call Close when done.
func NewServer(opts ...ServerOption) *Server {
	s := New(opts...)
	s.ts = httptest.NewServer(s)
	return s
}

// New returns a fake that is not bound to any listener; serve it with
// Handler, for example from an http.Server. URL returns "" for such a fake.
func New(opts ...ServerOption) *Server {
	cfg := serverConfig{apiKey: DefaultAPIKey, clock: time.Now, fetch: defaultFetch, maxRecorded: -1}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return &Server{cfg: cfg, st: newState(), done: make(chan struct{})}
}

// Handler returns the HTTP handler serving the fake API under "/v2", and
// the control endpoints under ControlPrefix when WithControl is given.
func (s *Server) Handler() http.Handler { return s }

// URL returns the base URL of the API, including the "/v2" suffix.
func (s *Server) URL() string {
	if s.ts == nil {
		return ""
	}
	return s.ts.URL + "/v2"
}

// APIKey returns the API key the server accepts.
func (s *Server) APIKey() string { return s.cfg.apiKey }

// Close shuts the server down and blocks until outstanding requests finish.
// Requests waiting out an injected latency stop waiting and get their
// connection closed without an answer. For a fake served through Handler,
// Close only ends those waits; shut the serving http.Server down after it.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	if s.ts != nil {
		s.ts.Close()
	}
}

// Requests returns a copy of all requests recorded since creation or the last Reset.
func (s *Server) Requests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RecordedRequest, len(s.requests))
	for i, r := range s.requests {
		out[i] = copyRecorded(r)
	}
	return out
}

// LastRequest returns the most recent recorded request and whether there was one.
func (s *Server) LastRequest() (RecordedRequest, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) == 0 {
		return RecordedRequest{}, false
	}
	return copyRecorded(s.requests[len(s.requests)-1]), true
}

// Reset forgets the recorded requests. Stored resources, pending faults and
// latency are kept; ResetAll drops them too.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// SetLatency delays every response by d (0 disables). A request whose context
// is cancelled, or whose server is closed, while waiting gets no response.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d < 0 {
		d = 0
	}
	s.latency = d
}

func copyRecorded(r RecordedRequest) RecordedRequest {
	c := r
	c.Query = url.Values{}
	for k, v := range r.Query {
		c.Query[k] = append([]string(nil), v...)
	}
	c.Header = r.Header.Clone()
	c.Body = append([]byte(nil), r.Body...)
	return c
}

func (s *Server) now() time.Time { return s.cfg.clock().UTC() }

// ServeHTTP implements http.Handler. Every answer, errors included, carries
// a fresh X-Request-Id. Injected faults come first, then authentication,
// then routing and validation.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newUUID()
	w.Header().Set("X-Request-Id", requestID)
	if s.cfg.control && (r.URL.Path == ControlPrefix || strings.HasPrefix(r.URL.Path, ControlPrefix+"/")) {
		s.serveControl(w, r)
		return
	}
	in := readIncoming(r)
	rt, params, allowed := matchRoute(r.Method, in.escaped)
	f, latency := s.recordAndTakeFault(r, in, rt, requestID)
	if !s.delay(w, r, f, latency) {
		return
	}
	family := familyDefault
	if rt != nil {
		family = rt.family
	}
	resp := s.admit(r, f, family, rt, allowed, in.escaped)
	if resp == nil {
		c := &call{
			req:       r,
			params:    params,
			query:     in.query,
			body:      in.body,
			family:    family,
			invalid:   rt.invalid,
			malformed: rt.malformed(),
			now:       s.now(),
		}
		resp = s.run(c, rt, in)
	}
	resp.write(w, r)
}

// incoming is what ServeHTTP reads of a request before routing it.
type incoming struct {
	body     []byte // at most maxBodyBytes
	readErr  error
	tooLarge bool
	escaped  string // the escaped path
	query    url.Values
	queryErr error
}

// readIncoming reads the body, draining (up to a bound) what exceeds
// maxBodyBytes, and parses the query.
func readIncoming(r *http.Request) incoming {
	in := incoming{escaped: r.URL.EscapedPath()}
	in.body, in.readErr = readBody(r)
	in.tooLarge = len(in.body) > maxBodyBytes
	if in.tooLarge {
		in.body = in.body[:maxBodyBytes]
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, maxDrainBytes))
	}
	in.query, in.queryErr = url.ParseQuery(r.URL.RawQuery)
	if in.query == nil {
		in.query = url.Values{}
	}
	return in
}

// recordAndTakeFault records the request and takes the first pending fault
// it matches, under one hold of the lock, with the latency to apply.
func (s *Server) recordAndTakeFault(r *http.Request, in incoming, rt *endpoint, requestID string) (*fault, time.Duration) {
	var op Operation
	if rt != nil {
		op = rt.op
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.record(RecordedRequest{
		Method:    r.Method,
		Path:      in.escaped,
		Query:     in.query,
		Header:    r.Header.Clone(),
		Body:      in.body,
		Operation: op,
		RequestID: requestID,
	})
	return s.takeFault(r.Method, in.escaped, op), s.latency
}

// delay drops the connection for a reset fault and waits out latency. It
// reports false when the request gets no answer: on a reset, when the
// request's context ends while waiting, or when the server closes.
func (s *Server) delay(w http.ResponseWriter, r *http.Request, f *fault, latency time.Duration) bool {
	if f != nil && f.reset {
		abortConnection(w)
		return false
	}
	if latency <= 0 {
		return true
	}
	t := time.NewTimer(latency)
	defer t.Stop()
	select {
	case <-r.Context().Done():
		return false
	case <-s.done:
		abortConnection(w)
		return false
	case <-t.C:
		return true
	}
}

// admit answers a request that does not reach its operation: with the
// injected fault, a failed authentication, or the absence of a route (405
// with Allow when the path has other methods, else 404). It returns nil when
// the operation is to run.
func (s *Server) admit(r *http.Request, f *fault, family errFamily, rt *endpoint, allowed []string, escaped string) *response {
	if f != nil {
		resp := errorResponse(family, f.status, "injected failure", nil)
		if f.retryAfter > 0 {
			secs := int((f.retryAfter + time.Second - 1) / time.Second)
			resp.header().Set("Retry-After", itoa(secs))
		}
		return resp
	}
	if resp := s.authenticate(r, family); resp != nil {
		return resp
	}
	if rt != nil {
		return nil
	}
	if len(allowed) > 0 {
		resp := errorResponse(family, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+escaped, nil)
		resp.header().Set("Allow", strings.Join(allowed, ", "))
		return resp
	}
	return errorResponse(family, http.StatusNotFound, "no route for "+r.Method+" "+escaped, nil)
}

// run checks the path values, body and query of c and runs the operation:
// its prepare step, if any, without the lock, then its handler with it.
func (s *Server) run(c *call, rt *endpoint, in incoming) *response {
	if resp := c.checkPathFormats(rt); resp != nil {
		return resp
	}
	switch {
	case in.tooLarge && rt.prepare != nil:
		// Only media routes take large bodies.
		return c.invalidField("/media", "The media must not be larger than 20 MB.")
	case in.readErr != nil || in.tooLarge:
		return c.badRequest("The request body could not be read or is too large.")
	case in.queryErr != nil:
		return c.badRequest("The query string is malformed.")
	}
	if rt.prepare != nil {
		if resp := rt.prepare(s, c); resp != nil {
			return resp
		}
	}
	s.mu.Lock()
	resp := rt.handle(s, c)
	s.mu.Unlock()
	if resp == nil {
		resp = &response{status: http.StatusNoContent}
	}
	return resp
}

// readBody reads at most maxBodyBytes+1 bytes of the request body, in one
// allocation when the length is declared.
func readBody(r *http.Request) ([]byte, error) {
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(min(r.ContentLength, maxBodyBytes)) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r.Body, maxBodyBytes+1))
	return buf.Bytes(), err
}

// record appends r to the request log, keeping at most cfg.maxRecorded
// entries; s.mu must be held. The log owns r's slices.
func (s *Server) record(r RecordedRequest) {
	n := s.cfg.maxRecorded
	switch {
	case n == 0:
		return
	case n > 0 && len(s.requests) >= n:
		drop := len(s.requests) - n + 1
		copy(s.requests, s.requests[drop:])
		clear(s.requests[n-1:])
		s.requests = s.requests[:n-1]
	}
	s.requests = append(s.requests, r)
}

func (s *Server) authenticate(r *http.Request, family errFamily) *response {
	h := r.Header.Get("Authorization")
	if h == "" {
		return errorResponse(family, http.StatusUnauthorized, "the Authorization header is missing", nil)
	}
	scheme, token, ok := strings.Cut(h, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return errorResponse(family, http.StatusUnauthorized, "the Authorization header must have the form 'Bearer <API key>'", nil)
	}
	if token != s.cfg.apiKey {
		return errorResponse(family, http.StatusUnauthorized, "the API key is not valid", nil)
	}
	return nil
}

// abortConnection closes the client connection without writing a response.
func abortConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		conn, _, err := hj.Hijack()
		if err == nil {
			if tc, ok := conn.(*net.TCPConn); ok {
				_ = tc.SetLinger(0)
			}
			_ = conn.Close()
			return
		}
	}
	// Recovered by net/http, which then drops the connection.
	panic(http.ErrAbortHandler)
}

// call carries what a route handler needs about the current request.
type call struct {
	req    *http.Request
	params map[string]string
	query  url.Values
	body   []byte
	family errFamily
	// invalid is the status for invalid parameters and fields, malformed
	// the one for bodies and queries that cannot be parsed.
	invalid   int
	malformed int
	now       time.Time
	// media is the parsed media body, set by prepareMedia.
	media *mediaInput
}

// response is a fully buffered HTTP response produced by a handler.
type response struct {
	status int
	hdr    http.Header
	body   []byte
}

func (r *response) header() http.Header {
	if r.hdr == nil {
		r.hdr = http.Header{}
	}
	return r.hdr
}

func (r *response) write(w http.ResponseWriter, req *http.Request) {
	for k, v := range r.hdr {
		w.Header()[k] = v
	}
	if r.body != nil && w.Header().Get("Content-Length") == "" {
		w.Header().Set("Content-Length", itoa(len(r.body)))
	}
	w.WriteHeader(r.status)
	if req.Method != http.MethodHead && len(r.body) > 0 {
		_, _ = io.Copy(w, bytes.NewReader(r.body))
	}
}
