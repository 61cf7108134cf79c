package telnyxtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ControlPrefix is the path under which a server built with WithControl
// serves its control endpoints. It lies outside the API's base path "/v2",
// so no API route can ever collide with it.
const ControlPrefix = "/_fake"

// WithControl makes the server answer the control endpoints under
// ControlPrefix (listed in the package documentation), for tools that
// drive the fake over HTTP. They take no API key and are not recorded.
func WithControl() ServerOption {
	return func(c *serverConfig) { c.control = true }
}

// ControlURL returns the root of the control endpoints, such as
// "http://127.0.0.1:4010/_fake", or "" when the server was not built with
// WithControl or not started with NewServer.
func (s *Server) ControlURL() string {
	if s.ts == nil || !s.cfg.control {
		return ""
	}
	return s.ts.URL + ControlPrefix
}

// ResetAll returns the server to the state New left it in: every stored
// resource, recorded request, pending fault and the latency are dropped,
// and generated ids start over.
func (s *Server) ResetAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st = newState()
	s.requests = nil
	s.faults = nil
	s.latency = 0
}

// controlEndpoints describes the control surface, as GET ControlPrefix
// lists it.
var controlEndpoints = []struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Does   string `json:"description"`
}{
	{"GET", ControlPrefix, "this list"},
	{"GET", ControlPrefix + "/requests", "the recorded API requests, oldest first; ?operation=GetRecordings keeps one operation"},
	{"DELETE", ControlPrefix + "/requests", "forget the recorded requests"},
	{"GET", ControlPrefix + "/faults", "the pending faults and the latency"},
	{"POST", ControlPrefix + "/faults", `inject a fault: {"status":503,"count":2,"operation":"GetRecordings","method":"GET","path":"/v2/recordings","retry_after_secs":1} or {"reset":true,"count":1}`},
	{"DELETE", ControlPrefix + "/faults", "drop every pending fault and the latency"},
	{"PUT", ControlPrefix + "/latency", `delay every API answer: {"latency_ms":250}; 0 removes the delay`},
	{"POST", ControlPrefix + "/seed", "add data: a JSON document with an array per resource (see the package documentation)"},
	{"POST", ControlPrefix + "/reset", "drop all data, recorded requests, faults and latency"},
}

// controlHandler answers one method of a control endpoint; body is the
// request body, already read.
type controlHandler func(s *Server, r *http.Request, body []byte) *response

// controlHandlers are the handlers of the control endpoints, by path below
// ControlPrefix and method.
var controlHandlers = map[string]map[string]controlHandler{
	"": {
		http.MethodGet: func(*Server, *http.Request, []byte) *response {
			return jsonResponse(http.StatusOK, map[string]any{"data": controlEndpoints})
		},
	},
	"/requests": {
		http.MethodGet: func(s *Server, r *http.Request, _ []byte) *response { return s.controlRequests(r.URL.Query()) },
		http.MethodDelete: func(s *Server, _ *http.Request, _ []byte) *response {
			s.Reset()
			return &response{status: http.StatusNoContent}
		},
	},
	"/faults": {
		http.MethodGet:  func(s *Server, _ *http.Request, _ []byte) *response { return s.controlFaults() },
		http.MethodPost: func(s *Server, _ *http.Request, body []byte) *response { return s.controlInject(body) },
		http.MethodDelete: func(s *Server, _ *http.Request, _ []byte) *response {
			s.ClearFaults()
			return &response{status: http.StatusNoContent}
		},
	},
	"/latency": {
		http.MethodPut: func(s *Server, _ *http.Request, body []byte) *response { return s.controlLatency(body) },
	},
	"/seed": {
		http.MethodPost: func(s *Server, _ *http.Request, body []byte) *response { return s.controlSeed(body) },
	},
	"/reset": {
		http.MethodPost: func(s *Server, _ *http.Request, _ []byte) *response {
			s.ResetAll()
			return &response{status: http.StatusNoContent}
		},
	},
}

// serveControl answers a request under ControlPrefix.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil || len(body) > maxBodyBytes {
		controlError(http.StatusBadRequest, "The request body could not be read or is too large.", "").write(w, r)
		return
	}
	path := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, ControlPrefix), "/")
	methods, ok := controlHandlers[path]
	var resp *response
	switch handle := methods[r.Method]; {
	case !ok:
		resp = controlError(http.StatusNotFound, "No control endpoint "+r.URL.Path+"; GET "+ControlPrefix+" lists them.", "")
	case handle == nil:
		resp = controlError(http.StatusMethodNotAllowed, "Method "+r.Method+" is not allowed on "+r.URL.Path+".", "")
		resp.header().Set("Allow", strings.Join(slices.Sorted(maps.Keys(methods)), ", "))
	default:
		resp = handle(s, r, body)
	}
	resp.write(w, r)
}

// controlError is a Telnyx error document for the control surface.
func controlError(status int, detail, pointer string) *response {
	var src *errSource
	if pointer != "" {
		src = &errSource{Pointer: pointer}
	}
	return errorResponse(familyDefault, status, detail, src)
}

// decodeControl reads a control body into v, refusing unknown fields so
// that a misspelt option is not silently ignored.
func decodeControl(body []byte, v any) *response {
	switch err := decodeStrict(body, v); {
	case errors.Is(err, errMoreJSON):
		return controlError(http.StatusBadRequest, "The body holds more than one JSON value.", "")
	case err != nil:
		return controlError(http.StatusBadRequest, "The body is not the JSON this endpoint takes: "+err.Error(), "")
	}
	return nil
}

// errMoreJSON reports a body that holds more than one JSON value.
var errMoreJSON = errors.New("more than one JSON value")

// decodeStrict decodes the JSON value in data into v, refusing fields v
// lacks, and returns errMoreJSON when another value follows it.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errMoreJSON
	}
	return nil
}

// recordedJSON is a recorded request as the control surface shows it. The
// body is text when it is valid UTF-8, else base64.
type recordedJSON struct {
	Method     string      `json:"method"`
	Path       string      `json:"path"`
	Query      url.Values  `json:"query"`
	Header     http.Header `json:"headers"`
	Body       *string     `json:"body,omitempty"`
	BodyBase64 []byte      `json:"body_base64,omitempty"`
	Operation  Operation   `json:"operation"`
	RequestID  string      `json:"request_id"`
}

func (s *Server) controlRequests(q url.Values) *response {
	only := Operation(q.Get("operation"))
	if only != "" && !only.known() {
		return controlError(http.StatusBadRequest, "Unknown operation "+quote(string(only))+"; operation ids are case-sensitive.", "")
	}
	out := []recordedJSON{}
	for _, r := range s.Requests() {
		if only != "" && r.Operation != only {
			continue
		}
		j := recordedJSON{Method: r.Method, Path: r.Path, Query: r.Query, Header: r.Header, Operation: r.Operation, RequestID: r.RequestID}
		switch {
		case len(r.Body) == 0:
		case utf8.Valid(r.Body):
			text := string(r.Body)
			j.Body = &text
		default:
			j.BodyBase64 = r.Body
		}
		out = append(out, j)
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": out})
}

// faultJSON is a fault as the control surface takes and shows it.
type faultJSON struct {
	Count          *int      `json:"count,omitempty"`
	Status         int       `json:"status,omitempty"`
	Reset          bool      `json:"reset,omitempty"`
	Operation      Operation `json:"operation,omitempty"`
	Method         string    `json:"method,omitempty"`
	Path           string    `json:"path,omitempty"`
	RetryAfterSecs int       `json:"retry_after_secs,omitempty"`
}

func toFaultJSON(f *fault) faultJSON {
	n := f.remaining
	return faultJSON{Count: &n, Status: f.status, Reset: f.reset, Operation: f.op, Method: f.method, Path: f.prefix,
		RetryAfterSecs: int((f.retryAfter + time.Second - 1) / time.Second)}
}

func (s *Server) controlFaults() *response {
	s.mu.Lock()
	defer s.mu.Unlock()
	faults := make([]faultJSON, len(s.faults))
	for i, f := range s.faults {
		faults[i] = toFaultJSON(f)
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": map[string]any{
		"faults":     faults,
		"latency_ms": s.latency.Milliseconds(),
	}})
}

func (s *Server) controlInject(body []byte) *response {
	var in faultJSON
	if resp := decodeControl(body, &in); resp != nil {
		return resp
	}
	n := 1
	if in.Count != nil {
		n = *in.Count
	}
	problem, pointer := in.problem(n)
	var queued fault
	if problem == "" {
		f := &fault{status: in.Status, reset: in.Reset, retryAfter: time.Duration(in.RetryAfterSecs) * time.Second}
		var err error
		if queued, err = s.inject(n, f, in.options()); err != nil {
			problem, pointer = err.Error(), "/operation"
		}
	}
	if problem != "" {
		return controlError(http.StatusUnprocessableEntity, "Invalid fault: "+problem+".", pointer)
	}
	return jsonResponse(http.StatusCreated, map[string]any{"data": toFaultJSON(&queued)})
}

// options are the fault options that narrow the fault f describes.
func (f faultJSON) options() []FaultOption {
	var opts []FaultOption
	if f.Operation != "" {
		opts = append(opts, OnOperation(f.Operation))
	}
	if f.Method != "" || f.Path != "" {
		opts = append(opts, OnRoute(f.Method, f.Path))
	}
	return opts
}

// problem says what is wrong with the fault f describes, to be injected n
// times, and the JSON pointer of the field at fault; "" when nothing is.
func (f faultJSON) problem(n int) (problem, pointer string) {
	switch {
	case n < 1:
		return "count must be at least 1", "/count"
	case f.Reset && f.Status != 0:
		return "give either status or reset, not both", "/reset"
	case !f.Reset && (f.Status < 400 || f.Status > 599):
		return fmt.Sprintf("status must be an error status (400-599), got %d", f.Status), "/status"
	case f.Reset && f.RetryAfterSecs != 0:
		return "retry_after_secs needs an error status; a reset sends no answer", "/retry_after_secs"
	case f.RetryAfterSecs < 0:
		return "retry_after_secs must not be negative", "/retry_after_secs"
	}
	return "", ""
}

func (s *Server) controlLatency(body []byte) *response {
	var in struct {
		LatencyMS *int64 `json:"latency_ms"`
	}
	if resp := decodeControl(body, &in); resp != nil {
		return resp
	}
	if in.LatencyMS == nil || *in.LatencyMS < 0 {
		return controlError(http.StatusUnprocessableEntity, "latency_ms is required and must not be negative.", "/latency_ms")
	}
	s.SetLatency(time.Duration(*in.LatencyMS) * time.Millisecond)
	return jsonResponse(http.StatusOK, map[string]any{"data": map[string]any{"latency_ms": *in.LatencyMS}})
}

func (s *Server) controlSeed(body []byte) *response {
	stored, err := s.seedDocument(body)
	if err != nil {
		var se *seedError
		if errors.As(err, &se) {
			return controlError(http.StatusUnprocessableEntity, se.Error(), se.pointer)
		}
		return controlError(http.StatusBadRequest, err.Error(), "")
	}
	return jsonResponse(http.StatusCreated, map[string]any{"data": stored})
}
