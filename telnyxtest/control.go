package telnyxtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
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

// serveControl answers a request under ControlPrefix.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil || len(body) > maxBodyBytes {
		controlError(http.StatusBadRequest, "The request body could not be read or is too large.", "").write(w, r)
		return
	}
	path := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, ControlPrefix), "/")
	var allowed string
	var resp *response
	switch path {
	case "":
		allowed = "GET"
		if r.Method == http.MethodGet {
			resp = jsonResponse(http.StatusOK, map[string]any{"data": controlEndpoints})
		}
	case "/requests":
		allowed = "DELETE, GET"
		switch r.Method {
		case http.MethodGet:
			resp = s.controlRequests(r.URL.Query())
		case http.MethodDelete:
			s.Reset()
			resp = &response{status: http.StatusNoContent}
		}
	case "/faults":
		allowed = "DELETE, GET, POST"
		switch r.Method {
		case http.MethodGet:
			resp = s.controlFaults()
		case http.MethodPost:
			resp = s.controlInject(body)
		case http.MethodDelete:
			s.ClearFaults()
			resp = &response{status: http.StatusNoContent}
		}
	case "/latency":
		allowed = "PUT"
		if r.Method == http.MethodPut {
			resp = s.controlLatency(body)
		}
	case "/seed":
		allowed = "POST"
		if r.Method == http.MethodPost {
			resp = s.controlSeed(body)
		}
	case "/reset":
		allowed = "POST"
		if r.Method == http.MethodPost {
			s.ResetAll()
			resp = &response{status: http.StatusNoContent}
		}
	default:
		resp = controlError(http.StatusNotFound, "No control endpoint "+r.URL.Path+"; GET "+ControlPrefix+" lists them.", "")
	}
	if resp == nil {
		resp = controlError(http.StatusMethodNotAllowed, "Method "+r.Method+" is not allowed on "+r.URL.Path+".", "")
		resp.header().Set("Allow", allowed)
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
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return controlError(http.StatusBadRequest, "The body is not the JSON this endpoint takes: "+err.Error(), "")
	}
	if dec.More() {
		return controlError(http.StatusBadRequest, "The body holds more than one JSON value.", "")
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
	f := &fault{status: in.Status, reset: in.Reset, retryAfter: time.Duration(in.RetryAfterSecs) * time.Second}
	var opts []FaultOption
	if in.Operation != "" {
		opts = append(opts, OnOperation(in.Operation))
	}
	if in.Method != "" || in.Path != "" {
		opts = append(opts, OnRoute(in.Method, in.Path))
	}
	var problem, pointer string
	switch {
	case n < 1:
		problem, pointer = "count must be at least 1", "/count"
	case in.Reset && in.Status != 0:
		problem, pointer = "give either status or reset, not both", "/reset"
	case !in.Reset && (in.Status < 400 || in.Status > 599):
		problem, pointer = fmt.Sprintf("status must be an error status (400-599), got %d", in.Status), "/status"
	case in.Reset && in.RetryAfterSecs != 0:
		problem, pointer = "retry_after_secs needs an error status; a reset sends no answer", "/retry_after_secs"
	case in.RetryAfterSecs < 0:
		problem, pointer = "retry_after_secs must not be negative", "/retry_after_secs"
	}
	var queued fault
	if problem == "" {
		var err error
		if queued, err = s.inject(n, f, opts); err != nil {
			problem, pointer = err.Error(), "/operation"
		}
	}
	if problem != "" {
		return controlError(http.StatusUnprocessableEntity, "Invalid fault: "+problem+".", pointer)
	}
	return jsonResponse(http.StatusCreated, map[string]any{"data": toFaultJSON(&queued)})
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
