package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// contractCase calls one operation through the SDK.
type contractCase struct {
	// op is the spec's operationId the call must reach.
	op string
	// variant tells apart several cases of one operation ("json",
	// "multipart").
	variant string
	// call makes the SDK call and returns its result, shaped like the
	// served document at `at`.
	call func(ctx context.Context, c *telnyx.Client) (any, error)
	// at is the JSON pointer of the served document the result stands
	// for: "/data" for methods that return the data object, "" for the
	// whole body.
	at string
	// noResult marks methods that return nothing although the API answers
	// with a body: the whole served document is then dropped on purpose.
	noResult bool
	// dropped allow-lists paths (relative to at, "*" matches one segment)
	// of served values the SDK does not model. Ideally empty.
	dropped []string
	// check makes extra assertions on the request the server received.
	check func(ex exchange) error
	// status serves another documented 2xx than the lowest one.
	status int
	// refusal is a documented error status the server answers instead of
	// a success: the SDK must return it as a *telnyx.Error that holds what
	// was served. Run against the fake, the call must provoke it.
	refusal int
	// response serves this JSON instead of the spec-built body, to reach
	// other branches of a oneOf; it is validated against the spec too.
	response string
	// verify makes extra assertions on the result, for what JSON does not
	// show (fields tagged "-").
	verify func(result any) error
}

func (tc contractCase) name() string {
	if tc.variant == "" {
		return tc.op
	}
	return tc.op + "/" + tc.variant
}

// cases is filled by the init functions of the cases_*_test.go files.
var cases []contractCase

func register(cs ...contractCase) { cases = append(cases, cs...) }

// outcome is the verdict of one case.
type outcome struct {
	name     string
	problems []string
}

type scoreboard struct {
	mu   sync.Mutex
	byOp map[string][]outcome
}

func (s *scoreboard) add(op string, o outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byOp[op] = append(s.byOp[op], o)
}

func newClient(t testing.TB, baseURL string) *telnyx.Client {
	t.Helper()
	c, err := telnyx.NewClient(option.WithBaseURL(baseURL+"/v2"), option.WithAPIKey(apiKey), option.WithMaxRetries(0))
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// TestContract runs every case against the spec, in parallel, then prints
// the summary and fails unless every operation of the spec validated.
func TestContract(t *testing.T) {
	t.Parallel()
	sp := loadSpec(t)
	board := &scoreboard{byOp: map[string][]outcome{}}
	// Cleanup runs once every case, parallel ones included, has finished.
	t.Cleanup(func() {
		report, ok := summarize(sp, board)
		_, _ = fmt.Fprint(os.Stdout, report)
		if !ok {
			t.Error("not every operation of the spec validated; see the summary")
		}
	})
	sorted := slices.Clone(cases)
	slices.SortStableFunc(sorted, func(a, b contractCase) int { return strings.Compare(a.name(), b.name()) })
	for _, tc := range sorted {
		t.Run(tc.name(), func(t *testing.T) {
			t.Parallel()
			problems := runCase(t, sp, tc)
			board.add(tc.op, outcome{name: tc.name(), problems: problems})
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}

// summarize lists each operation of the spec with PASS, FAIL or MISSING
// and counts those whose every case passed.
func summarize(sp *spec, board *scoreboard) (string, bool) {
	return board.summary(sp, "contract", "a case", "validated", func(op string, outs []outcome) string {
		line := sp.ops[op]
		if len(outs) > 1 {
			line += fmt.Sprintf(" (%d cases)", len(outs))
		}
		return line
	})
}

// summary writes the "<suite> summary:" report: a line for each operation
// of the spec with PASS, FAIL or MISSING and what detail says of it, a line
// for each operation the board has but the spec lacks (named by what, such
// as "a case"), then "<suite>: <passed>/<total> operations <done>". ok
// reports whether every operation passed.
func (s *scoreboard) summary(sp *spec, suite, what, done string, detail func(op string, outs []outcome) string) (report string, ok bool) {
	var b strings.Builder
	passed := 0
	ops := slices.Sorted(maps.Keys(sp.ops))
	fmt.Fprintf(&b, "%s summary:\n", suite)
	for _, op := range ops {
		outs := s.byOp[op]
		verdict := "PASS"
		switch {
		case len(outs) == 0:
			verdict = "MISSING"
		case slices.ContainsFunc(outs, func(o outcome) bool { return len(o.problems) > 0 }):
			verdict = "FAIL"
		default:
			passed++
		}
		fmt.Fprintf(&b, "  %-7s %-38s %s\n", verdict, op, detail(op, outs))
	}
	for op := range s.byOp {
		if _, ok := sp.ops[op]; !ok {
			fmt.Fprintf(&b, "  UNKNOWN %s: %s names an operation the spec lacks\n", op, what)
		}
	}
	fmt.Fprintf(&b, "%s: %d/%d operations %s\n", suite, passed, len(ops), done)
	return b.String(), passed == len(ops)
}

// runCase makes the case's call against a fresh contract server and
// returns what is wrong, if anything.
func runCase(t *testing.T, sp *spec, tc contractCase) []string {
	if _, ok := sp.ops[tc.op]; !ok {
		return []string{fmt.Sprintf("the spec has no operation %q", tc.op)}
	}
	srv := newContractServer(t, sp)
	srv.status = tc.status
	if tc.refusal != 0 {
		srv.status = tc.refusal
	}
	if tc.response != "" {
		srv.response = []byte(tc.response)
	}
	result, callErr := tc.call(t.Context(), newClient(t, srv.URL))
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if callErr != nil && tc.refusal == 0 {
		fail("the SDK call failed: %v", callErr)
	}
	seen := srv.seen()
	if len(seen) != 1 {
		fail("the call sent %d requests, want 1", len(seen))
		if len(seen) == 0 {
			return problems
		}
	}
	ex := seen[0]
	if ex.Op != tc.op {
		fail("%s %s reached operation %q, want %q", ex.Method, ex.Path, ex.Op, tc.op)
	}
	if ex.ReqErr != nil {
		fail("request %s %s does not match the spec: %v", ex.Method, ex.Path, ex.ReqErr)
	}
	if ex.RespErr != nil {
		fail("the served response does not match the spec (harness or spec problem): %v", ex.RespErr)
	}
	if tc.check != nil {
		if err := tc.check(ex); err != nil {
			fail("request check: %v", err)
		}
	}
	if tc.refusal != 0 {
		return append(problems, checkAPIError(tc.refusal, ex, callErr)...)
	}
	if callErr != nil {
		return problems
	}
	problems = append(problems, checkDecoded(t, tc, ex, result)...)
	if tc.verify != nil {
		if err := tc.verify(result); err != nil {
			fail("result check: %v", err)
		}
	}
	return problems
}

// checkAPIError checks that err is the *telnyx.Error of the answer in ex,
// with status want: its request id, and every value of the errors the
// answer served, if it served any.
func checkAPIError(want int, ex exchange, err error) []string {
	var apiErr *telnyx.Error
	switch {
	case !errors.As(err, &apiErr):
		return []string{fmt.Sprintf("got %v (status %d), want a *telnyx.Error with status %d", err, ex.Status, want)}
	case apiErr.StatusCode != want:
		return []string{fmt.Sprintf("status %d, want %d: %v", apiErr.StatusCode, want, apiErr)}
	case apiErr.RequestID != ex.RespHeader.Get("X-Request-Id"):
		return []string{fmt.Sprintf("Error.RequestID is %q, the answer's X-Request-Id %q", apiErr.RequestID, ex.RespHeader.Get("X-Request-Id"))}
	}
	if len(bytes.TrimSpace(ex.Served)) == 0 {
		return nil // the spec documents no body for this answer
	}
	var doc struct {
		Errors []map[string]any `json:"errors"`
	}
	if err := decodeNumbers(ex.Served, &doc); err != nil {
		return []string{fmt.Sprintf("the error answer is not JSON: %v: %s", err, ex.Served)}
	}
	if len(doc.Errors) == 0 {
		return []string{fmt.Sprintf("the error answer holds no errors: %s", ex.Served)}
	}
	for _, e := range doc.Errors {
		// telnyx.ErrorCode reads numeric codes as their text.
		if n, ok := e["code"].(json.Number); ok {
			e["code"] = n.String()
		}
	}
	served, err := json.Marshal(doc.Errors)
	if err != nil {
		return []string{err.Error()}
	}
	d, err := compareServed(served, apiErr.Errors)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for _, m := range d.Mismatched {
		problems = append(problems, "decoded error differs: /errors"+m)
	}
	for _, p := range d.Dropped {
		problems = append(problems, "the SDK dropped served error field /errors"+p)
	}
	return problems
}

// checkDecoded compares the SDK's result with the served body.
func checkDecoded(t *testing.T, tc contractCase, ex exchange, result any) []string {
	if len(ex.Served) == 0 {
		return nil
	}
	if !strings.Contains(ex.ContentType, "json") {
		got, err := asBytes(result)
		if err != nil {
			return []string{err.Error()}
		}
		if !bytes.Equal(got, ex.Served) {
			return []string{fmt.Sprintf("the SDK returned %q, served %q", got, ex.Served)}
		}
		return nil
	}
	if tc.noResult {
		t.Logf("the SDK method returns no result: the served body is dropped on purpose: %s", ex.Served)
		return nil
	}
	if isNil(result) {
		return []string{"the SDK returned a nil result for a served body"}
	}
	served, err := atPointer(ex.Served, tc.at)
	if err != nil {
		return []string{err.Error()}
	}
	d, err := compareServed(served, result)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for _, m := range d.Mismatched {
		problems = append(problems, "decoded value differs: "+prefixPath(tc.at, m))
	}
	for _, p := range d.Dropped {
		if allowed(p, tc.dropped) {
			t.Logf("allow-listed dropped field %s", prefixPath(tc.at, p))
			continue
		}
		problems = append(problems, "the SDK dropped served field "+prefixPath(tc.at, p))
	}
	return problems
}

func prefixPath(at, p string) string {
	if p == "/" {
		return pathOrRoot(at)
	}
	return at + p
}

// atPointer returns the JSON at pointer p ("" for all) of doc.
func atPointer(doc []byte, p string) ([]byte, error) {
	if p == "" {
		return doc, nil
	}
	var v any
	if err := decodeNumbers(doc, &v); err != nil {
		return nil, fmt.Errorf("served document: %w", err)
	}
	for _, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		var ok bool
		switch x := v.(type) {
		case map[string]any:
			v, ok = x[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if ok = err == nil && i >= 0 && i < len(x); ok {
				v = x[i]
			}
		}
		if !ok {
			return nil, fmt.Errorf("served document has no %s", p)
		}
	}
	return json.Marshal(v)
}

func asBytes(v any) ([]byte, error) {
	switch x := v.(type) {
	case []byte:
		return x, nil
	case string:
		return []byte(x), nil
	case io.Reader:
		return io.ReadAll(x)
	}
	return nil, fmt.Errorf("the SDK returned %T for a binary body", v)
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	b, err := json.Marshal(v)
	return err == nil && string(b) == "null"
}

// dataPage re-shapes a page of a list like the served body.
func dataPage[T any](p *telnyx.Page[T], err error) (any, error) {
	return pageAs("data", p, err)
}

// logPage re-shapes a page of log messages like the served body.
func logPage[T any](p *telnyx.Page[T], err error) (any, error) {
	return pageAs("log_messages", p, err)
}

func pageAs[T any](key string, p *telnyx.Page[T], err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return map[string]any{key: p.Data, "meta": p.Meta}, nil
}

// readAll drains a download and closes it.
func readAll(rc io.ReadCloser, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	defer func() { _ = rc.Close() }()
	return io.ReadAll(rc)
}
