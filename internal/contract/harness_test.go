package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

const (
	specFile = "openapi.json"
	apiKey   = "contract-key"
	// specServer is where the spec's paths live; requests to the test
	// server are moved there before routing.
	specServer = "https://api.telnyx.com/v2"
)

// binaryBody is what the server answers for non-JSON content.
var binaryBody = []byte("contract-bytes\x00\x01\xfe\xff")

func init() {
	// Multipart file parts carry the file's own content type; validate
	// them as opaque bytes like application/octet-stream.
	for _, ct := range []string{"audio/mpeg", "audio/wav", "audio/x-wav", "audio/ogg", "audio/mp4", "audio/aac", "image/png", "text/xml", "application/xml"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
}

// spec is the loaded OpenAPI document and its router.
type spec struct {
	doc    *openapi3.T
	router routers.Router
	// ops maps every operationId to its method and path template.
	ops map[string]string
}

var (
	specOnce sync.Once
	loaded   *spec
	specErr  error
)

// loadSpec returns the spec, loaded once, or fails the test.
func loadSpec(t testing.TB) *spec {
	t.Helper()
	specOnce.Do(func() { loaded, specErr = readSpec(specPath()) })
	if specErr != nil {
		t.Fatalf("loading the OpenAPI spec: %v", specErr)
	}
	return loaded
}

// specPath is $TELNYX_OPENAPI_SPEC, else the spec vendored in testdata
// (see testdata/README.md).
func specPath() string {
	if p := os.Getenv("TELNYX_OPENAPI_SPEC"); p != "" {
		return p
	}
	return filepath.Join("testdata", specFile)
}

func readSpec(path string) (*spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("the spec itself is invalid: %w", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	ops := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops[op.OperationID] = method + " " + path
		}
	}
	return &spec{doc: doc, router: router, ops: ops}, nil
}

// exchange is one request the contract server handled.
type exchange struct {
	Op      string
	Method  string
	Path    string // escaped, as received
	Query   url.Values
	Header  http.Header
	Body    []byte
	ReqErr  error
	RespErr error
	// Status, ContentType, RespHeader and Served are the response the
	// server sent.
	Status      int
	ContentType string
	RespHeader  http.Header
	Served      []byte
}

// contractServer validates every request against the spec and answers
// with the operation's success response.
type contractServer struct {
	*httptest.Server
	t    testing.TB
	spec *spec

	// status and response, when set, replace the success status and the
	// body built from the spec; both are still validated.
	status   int
	response []byte

	mu        sync.Mutex
	exchanges []exchange
}

func newContractServer(t testing.TB, sp *spec) *contractServer {
	cs := &contractServer{t: t, spec: sp}
	cs.Server = httptest.NewServer(http.HandlerFunc(cs.serve))
	t.Cleanup(cs.Close)
	return cs
}

func (cs *contractServer) seen() []exchange {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return slices.Clone(cs.exchanges)
}

func (cs *contractServer) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	ex := exchange{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: r.Header.Clone(), Body: body}
	defer func() {
		cs.mu.Lock()
		cs.exchanges = append(cs.exchanges, ex)
		cs.mu.Unlock()
	}()
	if err != nil {
		ex.ReqErr = fmt.Errorf("reading the request body: %w", err)
		http.Error(w, ex.ReqErr.Error(), http.StatusBadRequest)
		return
	}
	route, req, err := cs.spec.validateRequest(r.Context(), r, body)
	if route == nil {
		ex.ReqErr = err
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = fmt.Fprintf(w, `{"errors":[{"code":"10005","title":"no such route","detail":%q}]}`, err.Error())
		return
	}
	ex.Op = route.Operation.OperationID
	ex.ReqErr = err
	// The success response is served even when the request is invalid, so
	// that one run reports the request and the decoding problems together.
	ex.Status, ex.ContentType, ex.Served = responseFor(route.Operation, cs.status)
	if cs.response != nil {
		ex.Served = cs.response
	}
	header := http.Header{}
	if ex.ContentType != "" {
		header.Set("Content-Type", ex.ContentType)
	}
	header.Set("X-Request-Id", "contract-"+ex.Op)
	ex.RespHeader = header
	ex.RespErr = validateResponse(cs.t, route, req, ex.Status, header, ex.Served)
	maps.Copy(w.Header(), header)
	w.WriteHeader(ex.Status)
	_, _ = w.Write(ex.Served)
}

// validateRequest routes r (moved to the spec's server) and validates it
// with body. It returns the route (nil when none matches) and the request
// it validated, for validating the response.
func (sp *spec) validateRequest(ctx context.Context, r *http.Request, body []byte) (*routers.Route, *http.Request, error) {
	target, err := url.Parse(specServer)
	if err != nil {
		return nil, nil, err
	}
	u := *r.URL
	u.Scheme, u.Host = target.Scheme, target.Host
	req := r.Clone(ctx)
	req.URL = &u
	req.Host = target.Host
	req.RequestURI = ""
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))

	route, pathParams, err := sp.router.FindRoute(req)
	if err != nil {
		return nil, req, fmt.Errorf("%s %s matches no operation: %w", r.Method, r.URL.EscapedPath(), err)
	}
	u.RawQuery = normalizeQuery(route, r.URL.Query()).Encode()
	input := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: pathParams,
		Route:      route,
		Options: &openapi3filter.Options{
			MultiError:                        true,
			SkipSettingDefaults:               true,
			RejectWhenRequestBodyNotSpecified: true,
			AuthenticationFunc:                checkBearer,
		},
	}
	var errs []error
	if err := openapi3filter.ValidateRequest(ctx, input); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, undeclaredQuery(route, r.URL.Query()), checkAccept(route.Operation, r.Header.Get("Accept")))
	req.Body = io.NopCloser(bytes.NewReader(body))
	return route, req, errors.Join(errs...)
}

// checkBearer accepts only "Authorization: Bearer <the client's key>".
func checkBearer(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecurityScheme == nil || in.SecurityScheme.Type != "http" || !strings.EqualFold(in.SecurityScheme.Scheme, "bearer") {
		return fmt.Errorf("unexpected security scheme %q", in.SecuritySchemeName)
	}
	got := in.RequestValidationInput.Request.Header.Get("Authorization")
	if got != "Bearer "+apiKey {
		return fmt.Errorf("authorization header is %q, want the bearer key", got)
	}
	return nil
}

// normalizeQuery rewrites the deepObject arrays of q to the indexed form
// the validator decodes ("filter[status][eq][0]=a"). OpenAPI leaves arrays
// inside deepObject undefined; two forms are accepted: empty brackets
// ("filter[status][eq][]=a&filter[status][eq][]=b", as Rack and Plug read
// them) and one comma-separated value ("filter[status][eq]=a,b"). Repeated
// plain keys are left alone, so they fail: such servers keep only the
// last one.
func normalizeQuery(route *routers.Route, q url.Values) url.Values {
	out := url.Values{}
	for k, vs := range q {
		if base, ok := strings.CutSuffix(k, "[]"); ok && strings.Contains(base, "[") {
			for i, v := range vs {
				out.Add(base+"["+strconv.Itoa(i)+"]", v)
			}
			continue
		}
		if len(vs) == 1 && deepObjectArray(route, k) {
			for i, v := range strings.Split(vs[0], ",") {
				out.Add(k+"["+strconv.Itoa(i)+"]", v)
			}
			continue
		}
		out[k] = vs
	}
	return out
}

// deepObjectArray reports whether key ("filter[status][eq]") names an
// array inside a deepObject query parameter of route.
func deepObjectArray(route *routers.Route, key string) bool {
	name, rest, ok := strings.Cut(key, "[")
	if !ok {
		return false
	}
	var schema *openapi3.SchemaRef
	for _, params := range []openapi3.Parameters{route.PathItem.Parameters, route.Operation.Parameters} {
		for _, p := range params {
			if p.Value != nil && p.Value.In == openapi3.ParameterInQuery && p.Value.Name == name && p.Value.Style == openapi3.SerializationDeepObject {
				schema = p.Value.Schema
			}
		}
	}
	for _, seg := range strings.Split(strings.TrimSuffix(rest, "]"), "][") {
		if schema == nil || schema.Value == nil {
			return false
		}
		schema = schema.Value.Properties[seg]
	}
	return schema != nil && schema.Value != nil && schema.Value.Type.Is("array")
}

// undeclaredQuery fails on query keys that name no parameter of the
// operation: the validator ignores them, the API may reject or ignore them.
func undeclaredQuery(route *routers.Route, q url.Values) error {
	declared := map[string]bool{}
	for _, params := range []openapi3.Parameters{route.PathItem.Parameters, route.Operation.Parameters} {
		for _, p := range params {
			if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
				declared[p.Value.Name] = true
			}
		}
	}
	var bad []string
	for k := range q {
		name, _, _ := strings.Cut(k, "[")
		if !declared[name] {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	return fmt.Errorf("query parameters not declared by the operation: %s", strings.Join(bad, ", "))
}

// checkAccept fails when the request's Accept header excludes the content
// type of the operation's success response (the API answers 406).
func checkAccept(op *openapi3.Operation, accept string) error {
	_, want := successContent(op)
	if want == "" || accept == "" {
		return nil
	}
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if mt == "*/*" || mt == want || (strings.HasSuffix(mt, "/*") && strings.HasPrefix(want, strings.TrimSuffix(mt, "*"))) {
			return nil
		}
	}
	return fmt.Errorf("Accept %q excludes the success response's %s", accept, want)
}

// successStatus is the lowest 2xx status the operation documents.
func successStatus(op *openapi3.Operation) int {
	best := 0
	for code := range op.Responses.Map() {
		n, err := strconv.Atoi(code)
		if err == nil && n >= 200 && n < 300 && (best == 0 || n < best) {
			best = n
		}
	}
	return best
}

// successContent returns the success response's media type entry and its
// content type, preferring JSON ("" when it has no content).
func successContent(op *openapi3.Operation) (*openapi3.MediaType, string) {
	return contentFor(op, successStatus(op))
}

func contentFor(op *openapi3.Operation, status int) (*openapi3.MediaType, string) {
	resp := op.Responses.Status(status)
	if resp == nil || resp.Value == nil || len(resp.Value.Content) == 0 {
		return nil, ""
	}
	if mt, ok := resp.Value.Content["application/json"]; ok {
		return mt, "application/json"
	}
	ct := slices.Sorted(maps.Keys(resp.Value.Content))[0]
	return resp.Value.Content[ct], ct
}

// successResponse builds the operation's success answer: the media type's
// example, else its first named example, else one generated from the
// schema. Non-JSON content gets binaryBody.
func successResponse(op *openapi3.Operation) (status int, contentType string, body []byte) {
	return responseFor(op, 0)
}

// responseFor is successResponse for the given status (0 for the lowest
// documented 2xx).
func responseFor(op *openapi3.Operation, status int) (int, string, []byte) {
	if status == 0 {
		status = successStatus(op)
	}
	mt, ct := contentFor(op, status)
	switch {
	case mt == nil:
		return status, "", nil
	case ct != "application/json" && !strings.HasSuffix(ct, "+json"):
		return status, ct, binaryBody
	}
	var v any
	switch {
	case mt.Example != nil:
		v = mt.Example
	case len(mt.Examples) > 0:
		first := mt.Examples[slices.Sorted(maps.Keys(mt.Examples))[0]]
		if first != nil && first.Value != nil {
			v = first.Value.Value
		}
	}
	if v == nil {
		v = exampleFor(mt.Schema)
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encoding the example of %s: %v", op.OperationID, err))
	}
	return status, ct, b
}

// validateResponse checks a response to req on route against the spec:
// the status must be documented, and the headers and body must match it.
// It serves any server's responses, not only the contract server's.
func validateResponse(t testing.TB, route *routers.Route, req *http.Request, status int, header http.Header, body []byte) error {
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: route, Options: opts},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                opts,
	}
	return openapi3filter.ValidateResponse(t.Context(), in)
}
