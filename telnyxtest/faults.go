package telnyxtest

import (
	"fmt"
	"strings"
	"time"
)

// FaultOption narrows or decorates a failure injected with FailNext.
type FaultOption func(*fault)

type fault struct {
	remaining  int
	status     int
	opID       string
	method     string
	prefix     string
	byRoute    bool
	retryAfter time.Duration
}

// OnOperation restricts an injected failure to requests routed to the given
// operationId, for example "GetMediaStorage". FailNext panics if the id is
// not one of OperationIDs.
func OnOperation(operationID string) FaultOption {
	return func(f *fault) { f.opID = operationID }
}

// OnRoute restricts an injected failure to requests with the given method
// ("" matches any) whose escaped path starts with pathPrefix. The prefix may
// be given with or without the leading "/v2".
func OnRoute(method, pathPrefix string) FaultOption {
	return func(f *fault) {
		f.byRoute = true
		f.method = strings.ToUpper(method)
		p := pathPrefix
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		if p != "/v2" && !strings.HasPrefix(p, "/v2/") {
			p = "/v2" + p
		}
		f.prefix = p
	}
}

// WithRetryAfter makes the injected failure carry a Retry-After header of d,
// rounded up to whole seconds.
func WithRetryAfter(d time.Duration) FaultOption {
	return func(f *fault) { f.retryAfter = d }
}

// FailNext makes the next n requests that match all given options fail with
// the given HTTP status and a Telnyx error body. Without options any request
// matches. Failures are checked before authentication. n <= 0 does nothing.
//
// FailNext panics on misuse that would otherwise go unnoticed: a status
// outside 400-599, or an OnOperation id that is not one of OperationIDs.
func (s *Server) FailNext(n int, status int, opts ...FaultOption) {
	if status < 400 || status > 599 {
		panic(fmt.Sprintf("telnyxtest: FailNext status %d is not an error status (400-599)", status))
	}
	f := &fault{remaining: n, status: status}
	for _, o := range opts {
		if o != nil {
			o(f)
		}
	}
	if f.opID != "" && !knownOperation(f.opID) {
		panic(fmt.Sprintf("telnyxtest: FailNext: unknown operation %q; OperationIDs lists the valid ids (they are case-sensitive)", f.opID))
	}
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// ClearFaults drops all pending injected failures, connection resets and latency.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
	s.resets = 0
	s.latency = 0
}

// takeFault consumes one matching fault; s.mu must be held.
func (s *Server) takeFault(method, path, opID string) *fault {
	for i, f := range s.faults {
		if f.opID != "" && f.opID != opID {
			continue
		}
		if f.byRoute {
			if f.method != "" && f.method != method {
				continue
			}
			if !strings.HasPrefix(path, f.prefix) {
				continue
			}
		}
		f.remaining--
		if f.remaining <= 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return f
	}
	return nil
}
