package telnyxtest

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// FaultOption narrows or decorates a fault injected with FailNext or
// ResetNext.
type FaultOption func(*fault)

// fault is one injected failure: an error answer (status set) or a
// connection closed without an answer (reset set), for the next remaining
// requests that match.
type fault struct {
	remaining  int
	status     int
	reset      bool
	op         Operation
	method     string
	prefix     string
	retryAfter time.Duration
}

// OnOperation restricts an injected fault to requests routed to op, for
// example OpGetMediaStorage. FailNext and ResetNext panic if op is not one
// of AllOperations.
func OnOperation(op Operation) FaultOption {
	return func(f *fault) { f.op = op }
}

// OnRoute restricts an injected fault to requests with the given method
// ("" matches any) whose escaped path starts with pathPrefix. The prefix may
// be given with or without the leading "/v2".
func OnRoute(method, pathPrefix string) FaultOption {
	return func(f *fault) {
		f.method = strings.ToUpper(method)
		f.prefix = apiPath(pathPrefix)
	}
}

// apiPath returns p with a leading "/v2".
func apiPath(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if p != "/v2" && !strings.HasPrefix(p, "/v2/") {
		p = "/v2" + p
	}
	return p
}

// WithRetryAfter makes an injected error answer carry a Retry-After header
// of d, rounded up to whole seconds.
func WithRetryAfter(d time.Duration) FaultOption {
	return func(f *fault) { f.retryAfter = d }
}

// FailNext makes the next n requests that match all given options fail with
// the given HTTP status and a Telnyx error body. Without options any request
// matches. Faults are checked before authentication, in the order they were
// injected; n <= 0 does nothing.
//
// FailNext panics on misuse that would otherwise go unnoticed: a status
// outside 400-599, or an OnOperation value that is not one of AllOperations.
func (s *Server) FailNext(n int, status int, opts ...FaultOption) {
	if status < 400 || status > 599 {
		panic(fmt.Sprintf("telnyxtest: FailNext status %d is not an error status (400-599)", status))
	}
	if _, err := s.inject(n, &fault{status: status}, opts); err != nil {
		panic("telnyxtest: FailNext: " + err.Error())
	}
}

// ResetNext makes the next n requests that match all given options end
// with the connection closed abruptly, without any answer. Go's HTTP
// transport may itself retry an idempotent request sent on a reused
// connection. It panics on an OnOperation value that is not one of
// AllOperations.
func (s *Server) ResetNext(n int, opts ...FaultOption) {
	if _, err := s.inject(n, &fault{reset: true}, opts); err != nil {
		panic("telnyxtest: ResetNext: " + err.Error())
	}
}

// inject applies opts to f and queues it for n requests. It returns f as
// queued.
func (s *Server) inject(n int, f *fault, opts []FaultOption) (fault, error) {
	for _, o := range opts {
		if o != nil {
			o(f)
		}
	}
	if f.op != "" && !f.op.known() {
		return fault{}, fmt.Errorf("unknown operation %q; AllOperations lists the valid ones (they are case-sensitive)", f.op)
	}
	if f.retryAfter < 0 {
		return fault{}, errors.New("negative Retry-After")
	}
	f.remaining = n
	queued := *f
	if n <= 0 {
		return queued, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
	return queued, nil
}

// ClearFaults drops all pending injected faults and the latency.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
	s.latency = 0
}

// matches reports whether a request is one f applies to.
func (f *fault) matches(method, path string, op Operation) bool {
	return (f.op == "" || f.op == op) &&
		(f.method == "" || f.method == method) &&
		strings.HasPrefix(path, f.prefix)
}

// takeFault consumes one use of the first matching fault and returns a
// copy of it; s.mu must be held.
func (s *Server) takeFault(method, path string, op Operation) *fault {
	for i, f := range s.faults {
		if !f.matches(method, path, op) {
			continue
		}
		taken := *f
		f.remaining--
		if f.remaining <= 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return &taken
	}
	return nil
}
