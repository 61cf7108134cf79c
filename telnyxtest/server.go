// Package telnyxtest provides an in-memory fake of the Telnyx SIP-integrations
// REST API for use in tests.
//
// The fake speaks plain HTTP and JSON, keeps all state in memory and covers
// every operation of the API: external connections (with their civic
// addresses, locations, phone numbers, releases, uploads and log messages),
// media storage, custom storage credentials, Dialogflow connections, SIPREC
// connectors, call recordings and recording transcriptions. Responses use the
// API's envelopes and Telnyx error bodies; requests are authenticated with a
// Bearer key and validated (missing required fields, closed enums, page sizes).
//
// A typical test starts a server, talks to it and inspects what was sent:
//
//	srv := telnyxtest.NewServer()
//	defer srv.Close()
//	client := srv.Client() // SDK client for srv.URL() and srv.APIKey()
//	srv.FailNext(1, http.StatusServiceUnavailable, telnyxtest.OnOperation("GetMediaStorage"))
//	// ... exercise the code under test ...
//	last, _ := srv.LastRequest()
//
// Every response carries a fresh X-Request-Id header, which the SDK reports
// as telnyx.Error.RequestID; RecordedRequest.RequestID holds the same id.
//
// Data the API cannot create (recordings, transcriptions, civic addresses,
// phone numbers, releases, uploads, log messages, Operator Connect
// connections) is added with the Seed methods. Lists keep insertion order.
//
// The same fake runs as a standalone process with cmd/telnyx-fake.
package telnyxtest

import (
	"bytes"
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

// maxBodyBytes bounds the request bodies the fake reads.
const maxBodyBytes = 64 << 20

// ServerOption configures a Server created by NewServer or New.
type ServerOption func(*serverConfig)

type serverConfig struct {
	apiKey string
	clock  func() time.Time
}

// WithAPIKey sets the API key the server accepts as a Bearer token.
func WithAPIKey(key string) ServerOption {
	return func(c *serverConfig) { c.apiKey = key }
}

// WithClock replaces the time source used for timestamps and media expiry.
func WithClock(now func() time.Time) ServerOption {
	return func(c *serverConfig) {
		if now != nil {
			c.clock = now
		}
	}
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
	// Body holds the raw request body.
	Body []byte
	// OperationID is the operationId of the matched route, or "" if no route matched.
	OperationID string
	// RequestID is the X-Request-Id the fake answered with.
	RequestID string
}

// Server is an in-memory fake of the Telnyx API. It is safe for concurrent use.
type Server struct {
	cfg serverConfig
	ts  *httptest.Server

	mu       sync.Mutex
	requests []RecordedRequest
	faults   []*fault
	resets   int
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
	cfg := serverConfig{apiKey: DefaultAPIKey, clock: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return &Server{cfg: cfg, st: newState()}
}

// Handler returns the HTTP handler serving the fake API under "/v2".
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
func (s *Server) Close() {
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
// latency are kept.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// SetLatency delays every response by d (0 disables). A request whose context
// is cancelled while waiting gets no response.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d < 0 {
		d = 0
	}
	s.latency = d
}

// ResetNext makes the next n requests end with the connection being closed
// abruptly, without any response. Note that Go's HTTP transport may
// transparently retry idempotent requests sent on a reused connection.
func (s *Server) ResetNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n > 0 {
		s.resets += n
	}
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
// a fresh X-Request-Id.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newUUID()
	w.Header().Set("X-Request-Id", requestID)
	body, readErr := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	escaped := r.URL.EscapedPath()
	query, queryErr := url.ParseQuery(r.URL.RawQuery)
	if query == nil {
		query = url.Values{}
	}
	rt, params, methodMismatch := matchRoute(r.Method, escaped)
	opID := ""
	if rt != nil {
		opID = rt.opID
	}

	s.mu.Lock()
	s.requests = append(s.requests, RecordedRequest{
		Method:      r.Method,
		Path:        escaped,
		Query:       query,
		Header:      r.Header.Clone(),
		Body:        append([]byte(nil), body...),
		OperationID: opID,
		RequestID:   requestID,
	})
	reset := false
	if s.resets > 0 {
		s.resets--
		reset = true
	}
	latency := s.latency
	s.mu.Unlock()

	if reset {
		abortConnection(w)
		return
	}
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-r.Context().Done():
			t.Stop()
			return
		case <-t.C:
		}
	}

	family := familyDefault
	if rt != nil {
		family = rt.family
	}

	s.mu.Lock()
	f := s.takeFault(r.Method, escaped, opID)
	s.mu.Unlock()
	if f != nil {
		resp := errorResponse(family, f.status, "injected failure", nil)
		if f.retryAfter > 0 {
			secs := int((f.retryAfter + time.Second - 1) / time.Second)
			resp.header().Set("Retry-After", itoa(secs))
		}
		resp.write(w, r)
		return
	}

	if rt == nil {
		var resp *response
		if methodMismatch {
			resp = errorResponse(family, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+escaped, nil)
		} else {
			resp = errorResponse(family, http.StatusNotFound, "no route for "+r.Method+" "+escaped, nil)
		}
		resp.write(w, r)
		return
	}

	if resp := s.authenticate(r, family); resp != nil {
		resp.write(w, r)
		return
	}
	if readErr != nil || len(body) > maxBodyBytes {
		errorResponse(family, http.StatusBadRequest, "request body could not be read or is too large", nil).write(w, r)
		return
	}
	if queryErr != nil {
		errorResponse(family, http.StatusBadRequest, "malformed query string", nil).write(w, r)
		return
	}

	c := &call{
		req:    r,
		params: params,
		query:  query,
		body:   body,
		family: family,
		now:    s.now(),
	}
	s.mu.Lock()
	resp := rt.handle(s, c)
	s.mu.Unlock()
	if resp == nil {
		resp = &response{status: http.StatusNoContent}
	}
	resp.write(w, r)
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
	now    time.Time
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

// Operations lists the operationId of each request, in order, for
// asserting on the sequence of calls the code under test made.
func Operations(reqs []RecordedRequest) []string {
	ops := make([]string, len(reqs))
	for i, r := range reqs {
		ops[i] = r.OperationID
	}
	return ops
}
