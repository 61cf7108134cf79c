package telnyxtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// api is a tiny raw-HTTP client for the fake.
type api struct {
	t   *testing.T
	srv *telnyxtest.Server
	hc  *http.Client
	key string
}

func newAPI(t *testing.T, opts ...telnyxtest.ServerOption) *api {
	t.Helper()
	srv := telnyxtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return &api{t: t, srv: srv, hc: &http.Client{}, key: srv.APIKey()}
}

type result struct {
	status int
	header http.Header
	body   []byte
}

func (r result) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

// send issues a request; path is relative to the base URL (after "/v2").
// body may be nil, []byte (sent as is) or any value (sent as JSON).
func (a *api) send(method, path string, body any, hdr ...string) result {
	a.t.Helper()
	return a.sendCtx(a.t.Context(), method, path, body, hdr...)
}

func (a *api) sendCtx(ctx context.Context, method, path string, body any, hdr ...string) result {
	a.t.Helper()
	res, err := a.try(ctx, method, path, body, hdr...)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	return res
}

func (a *api) try(ctx context.Context, method, path string, body any, hdr ...string) (result, error) {
	var rd io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
		ctype = "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, method, a.srv.URL()+path, rd)
	if err != nil {
		a.t.Fatal(err)
	}
	if a.key != "" {
		req.Header.Set("Authorization", "Bearer "+a.key)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		return result{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return result{}, err
	}
	return result{status: resp.StatusCode, header: resp.Header, body: b}, nil
}

// must checks the status and returns the decoded JSON body (nil when empty).
func (a *api) must(want int, method, path string, body any, hdr ...string) map[string]any {
	a.t.Helper()
	res := a.send(method, path, body, hdr...)
	if res.status != want {
		a.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, res.status, want, res.body)
	}
	if len(res.body) == 0 {
		return nil
	}
	return res.json(a.t)
}

// firstError returns errors[0] of a Telnyx error body.
func firstError(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	errs, ok := m["errors"].([]any)
	if !ok || len(errs) == 0 {
		t.Fatalf("no errors array in %v", m)
	}
	e, _ := errs[0].(map[string]any)
	if _, ok := e["title"].(string); !ok {
		t.Fatalf("error without title: %v", e)
	}
	return e
}

// expectError checks status, error code and (when non-empty) source pointer or parameter.
func (a *api) expectError(status int, code any, source, method, path string, body any, hdr ...string) map[string]any {
	a.t.Helper()
	m := a.must(status, method, path, body, hdr...)
	e := firstError(a.t, m)
	if code != nil && e["code"] != code {
		a.t.Fatalf("%s %s: error code %#v, want %#v (%v)", method, path, e["code"], code, e)
	}
	if source != "" {
		src, _ := e["source"].(map[string]any)
		if src["pointer"] != source && src["parameter"] != source {
			a.t.Fatalf("%s %s: error source %v, want %q", method, path, src, source)
		}
		if d, _ := e["detail"].(string); !strings.Contains(d, strings.Trim(strings.ReplaceAll(source, "/", "."), ".")) && !strings.Contains(d, lastSeg(source)) {
			a.t.Fatalf("%s %s: detail %q does not name %q", method, path, d, source)
		}
	}
	return e
}

func lastSeg(p string) string {
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

func data(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	d, ok := m["data"].(map[string]any)
	if !ok {
		t.Fatalf("no data object in %v", m)
	}
	return d
}

func list(t *testing.T, m map[string]any, key string) []map[string]any {
	t.Helper()
	raw, ok := m[key].([]any)
	if !ok {
		t.Fatalf("no %s array in %v", key, m)
	}
	out := make([]map[string]any, len(raw))
	for i, r := range raw {
		out[i], _ = r.(map[string]any)
	}
	return out
}

func meta(t *testing.T, m map[string]any) map[string]float64 {
	t.Helper()
	mm, ok := m["meta"].(map[string]any)
	if !ok {
		t.Fatalf("no meta in %v", m)
	}
	out := map[string]float64{}
	for k, v := range mm {
		if f, ok := v.(float64); ok {
			out[k] = f
		}
	}
	return out
}

func eq[T comparable](t *testing.T, got, want T, what string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

// fakeClock is a settable, race-free time source.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
