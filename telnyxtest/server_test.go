package telnyxtest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestURLAndAPIKey(t *testing.T) {
	t.Parallel()
	a := newAPI(t, telnyxtest.WithAPIKey("secret"))
	if !strings.HasPrefix(a.srv.URL(), "http://127.0.0.1:") || !strings.HasSuffix(a.srv.URL(), "/v2") {
		t.Fatalf("URL %q", a.srv.URL())
	}
	eq(t, a.srv.APIKey(), "secret", "APIKey")
	a.must(200, "GET", "/media", nil)
	eq(t, telnyxtest.NewServer().APIKey(), telnyxtest.DefaultAPIKey, "default key")
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	cases := map[string]string{
		"missing":   "",
		"no scheme": a.key,
		"basic":     "Basic " + a.key,
		"empty":     "Bearer ",
		"wrong key": "Bearer nope",
	}
	for name, h := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := &api{t: t, srv: a.srv, hc: a.hc}
			var hdr []string
			if h != "" {
				hdr = []string{"Authorization", h}
			}
			b.expectError(401, "10009", "", "GET", "/media", nil, hdr...)
			b.expectError(401, float64(10009), "", "GET", "/siprec_connectors/x", nil, hdr...)
		})
	}
	a.must(200, "GET", "/media", nil, "Authorization", "bearer "+a.key)
}

func TestOperationTableCoversSpec(t *testing.T) {
	t.Parallel()
	ids := telnyxtest.AllOperations()
	eq(t, len(ids), 48, "operation count")
	seen := map[telnyxtest.Operation]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("duplicate operationId %s", id)
		}
		seen[id] = true
	}
}

func TestOddInputs(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	for _, p := range []string{"/nope", "/media/", "/external_connections/1/nope", "/../recordings", "/v2/media"} {
		res := a.send("GET", p, nil)
		if res.status != 404 {
			t.Fatalf("GET %s: %d", p, res.status)
		}
		firstError(t, res.json(t))
	}
	res := a.send("DELETE", "/media", nil)
	eq(t, res.status, http.StatusMethodNotAllowed, "method not allowed")
	eq(t, res.header.Get("Allow"), "GET, POST", "Allow header")
	res = a.send("POST", "/external_connections/1", nil)
	eq(t, res.status, http.StatusMethodNotAllowed, "method not allowed")
	eq(t, res.header.Get("Allow"), "DELETE, GET, PATCH", "Allow header")
	// Literal segments win over parameters; unknown methods on them fall back.
	a.must(200, "GET", "/external_connections/log_messages", nil)
	a.expectError(404, "10005", "", "GET", "/external_connections/log_messages/999", nil)
	a.must(404, "POST", "/external_connections/1/uploads/refresh", nil)
	// Authentication comes before routing: unknown paths and wrong methods
	// with a missing or bad key get 401.
	b := &api{t: t, srv: a.srv, hc: a.hc}
	b.expectError(401, "10009", "", "GET", "/nope", nil)
	b.expectError(401, "10009", "", "DELETE", "/media", nil)
	b.key = "wrong"
	b.expectError(401, "10009", "", "GET", "/nope", nil)
	// Wrong JSON types and shapes; DeleteRecordings declares 400, not 422.
	a.expectError(400, "10015", "", "POST", "/recordings/actions/delete", []byte(`"ids"`))
	a.expectError(400, "10015", "/ids", "POST", "/recordings/actions/delete", map[string]any{"ids": "a"})
	a.expectError(400, "10015", "/ids/1", "POST", "/recordings/actions/delete", map[string]any{"ids": []any{"a", 1}})
	a.expectError(400, "10015", "/ids/2", "POST", "/recordings/actions/delete", map[string]any{"ids": []any{"a", "b", ""}})
	a.expectError(400, "10015", "/ids/0", "POST", "/recordings/actions/delete", map[string]any{"ids": []any{nil}})
}

func TestFailNext(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	a.srv.FailNext(2, http.StatusServiceUnavailable, telnyxtest.WithRetryAfter(1500*time.Millisecond))
	for i := 0; i < 2; i++ {
		res := a.send("GET", "/media", nil)
		eq(t, res.status, 503, "injected status")
		eq(t, res.header.Get("Retry-After"), "2", "Retry-After rounded up")
		eq(t, firstError(t, res.json(t))["code"], any("10007"), "code")
	}
	a.must(200, "GET", "/media", nil)

	// OnOperation only hits the named operation.
	a.srv.FailNext(1, http.StatusTooManyRequests, telnyxtest.OnOperation(telnyxtest.OpGetMediaStorage))
	a.must(200, "GET", "/media", nil)
	a.must(201, "POST", "/media", map[string]any{"media_url": "https://example.com/a.mp3", "media_name": "a"})
	a.expectError(429, "10011", "", "GET", "/media/a", nil)
	a.must(200, "GET", "/media/a", nil)

	// OnRoute matches method and path prefix (with or without /v2).
	a.srv.FailNext(1, http.StatusInternalServerError, telnyxtest.OnRoute("DELETE", "/media"))
	a.srv.FailNext(1, http.StatusBadGateway, telnyxtest.OnRoute("", "/v2/recordings"))
	a.must(200, "GET", "/media/a", nil)
	a.must(502, "GET", "/recordings", nil)
	a.must(500, "DELETE", "/media/a", nil)
	a.must(204, "DELETE", "/media/a", nil)

	// SIPREC failures use integer codes; failures come before authentication.
	a.srv.FailNext(1, http.StatusServiceUnavailable)
	b := &api{t: t, srv: a.srv, hc: a.hc}
	b.expectError(503, float64(10007), "", "GET", "/siprec_connectors/x", nil)

	a.srv.FailNext(5, http.StatusServiceUnavailable)
	a.srv.ClearFaults()
	a.must(200, "GET", "/media", nil)
}

func TestLatency(t *testing.T) { //nolint:paralleltest // asserts cancellation and removed latency within 140ms and 100ms; tests running beside it would blur that
	a := newAPI(t)
	a.srv.SetLatency(150 * time.Millisecond)
	start := time.Now()
	a.must(200, "GET", "/media", nil)
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Fatalf("latency not applied: %v", d)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	start = time.Now()
	if _, err := a.try(ctx, "GET", "/media", nil); err == nil {
		t.Fatal("expected a context error")
	}
	if d := time.Since(start); d > 140*time.Millisecond {
		t.Fatalf("cancellation not respected: %v", d)
	}
	a.srv.SetLatency(0)
	start = time.Now()
	a.must(200, "GET", "/media", nil)
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Fatalf("latency not removed: %v", d)
	}
}

func TestResetNext(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	// Fresh connections so Go's transport does not silently retry.
	a.hc = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	a.srv.ResetNext(2)
	for i := 0; i < 2; i++ {
		if _, err := a.try(t.Context(), "GET", "/media", nil); err == nil {
			t.Fatalf("request %d: expected a connection error", i)
		}
	}
	a.must(200, "GET", "/media", nil)
	eq(t, len(a.srv.Requests()), 3, "reset requests are recorded")

	// Narrowed to one operation, other requests pass.
	a.srv.ResetNext(1, telnyxtest.OnOperation(telnyxtest.OpGetRecordings))
	a.must(200, "GET", "/media", nil)
	if _, err := a.try(t.Context(), "GET", "/recordings", nil); err == nil {
		t.Fatal("GetRecordings: expected a connection error")
	}
	a.must(200, "GET", "/recordings", nil)
}

func TestRequestRecording(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	if _, ok := a.srv.LastRequest(); ok {
		t.Fatal("LastRequest on empty log")
	}
	a.must(200, "GET", "/recordings?page[size]=5&filter[from]=%2B1", nil, "X-Test", "yes")
	a.must(201, "POST", "/siprec_connectors", map[string]any{"host": "h", "port": 1, "name": "n"})
	a.must(401, "GET", "/media/"+"greeting%232.mp3/download", nil, "Authorization", "Bearer wrong")
	reqs := a.srv.Requests()
	eq(t, len(reqs), 3, "recorded")
	eq(t, reqs[0].Operation, telnyxtest.OpGetRecordings, "op 0")
	eq(t, reqs[0].Query.Get("page[size]"), "5", "query")
	eq(t, reqs[0].Query.Get("filter[from]"), "+1", "decoded query")
	eq(t, reqs[0].Header.Get("X-Test"), "yes", "header")
	eq(t, reqs[0].Method, "GET", "method")
	eq(t, reqs[1].Operation, telnyxtest.OpCreateSiprecConnector, "op 1")
	if !strings.Contains(string(reqs[1].Body), `"host":"h"`) {
		t.Fatalf("body %s", reqs[1].Body)
	}
	last, ok := a.srv.LastRequest()
	if !ok {
		t.Fatal("no last request")
	}
	eq(t, last.Path, "/v2/media/greeting%232.mp3/download", "escaped path")
	eq(t, last.Operation, telnyxtest.OpDownloadMedia, "op 2")

	// Returned copies are independent of the log.
	reqs[0].Body = append(reqs[0].Body, 'x')
	reqs[0].Header.Set("X-Test", "changed")
	eq(t, a.srv.Requests()[0].Header.Get("X-Test"), "yes", "copy")

	a.srv.Reset()
	eq(t, len(a.srv.Requests()), 0, "after Reset")
	// Resources survive Reset.
	a.must(200, "GET", "/siprec_connectors/n", nil)
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	const workers = 16
	var wg sync.WaitGroup
	errs := make(chan error, workers*4)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				name := fmt.Sprintf("m-%d-%d", w, i)
				res, err := a.try(t.Context(), "POST", "/media", map[string]any{"media_url": "https://example.com/x.mp3", "media_name": name})
				if err != nil {
					errs <- fmt.Errorf("create %s: %w", name, err)
					return
				}
				if res.status != 201 {
					errs <- fmt.Errorf("create %s: status %d", name, res.status)
					return
				}
				res, err = a.try(t.Context(), "GET", "/media", nil)
				if err != nil {
					errs <- fmt.Errorf("list: %w", err)
					return
				}
				if res.status != 200 {
					errs <- fmt.Errorf("list: status %d", res.status)
					return
				}
				a.srv.SeedRecording(recordings.Recording{})
				_ = a.srv.Requests()
			}
			if w%4 == 0 {
				a.srv.FailNext(1, 503, telnyxtest.OnOperation(telnyxtest.OpListExternalConnections))
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	l := a.must(200, "GET", "/media", nil)
	eq(t, meta(t, l)["total_results"], float64(workers*5), "all media stored")
	eq(t, meta(t, a.must(200, "GET", "/recordings", nil))["total_results"], float64(workers*5), "all recordings")
}

func TestNewWithHandler(t *testing.T) {
	t.Parallel()
	fake := telnyxtest.New(telnyxtest.WithAPIKey("k"))
	eq(t, fake.URL(), "", "unstarted URL")
	fake.SeedDemo()
	ts := httptest.NewServer(fake.Handler())
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL+"/v2/recordings", nil)
	req.Header.Set("Authorization", "Bearer k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	eq(t, resp.StatusCode, 200, "status")
	fake.Close()
}

func TestFailNextMisusePanics(t *testing.T) {
	t.Parallel()
	srv := telnyxtest.New()
	mustPanic := func(name, want string, f func()) {
		t.Helper()
		defer func() {
			r := recover()
			if r == nil {
				t.Fatalf("%s: no panic", name)
			}
			if msg := fmt.Sprint(r); !strings.Contains(msg, want) {
				t.Fatalf("%s: panic %q does not mention %q", name, msg, want)
			}
		}()
		f()
	}
	mustPanic("unknown operation", `"ListRecordings"`, func() {
		srv.FailNext(1, http.StatusInternalServerError, telnyxtest.OnOperation("ListRecordings"))
	})
	mustPanic("unknown operation on a reset", `"getrecordings"`, func() {
		srv.ResetNext(1, telnyxtest.OnOperation("getrecordings"))
	})
	mustPanic("success status", "200", func() { srv.FailNext(1, http.StatusOK) })
	mustPanic("redirect status", "302", func() { srv.FailNext(1, http.StatusFound) })
	mustPanic("status 600", "600", func() { srv.FailNext(1, 600) })
	// Every real operation id and the edges of the range are accepted.
	for _, id := range telnyxtest.AllOperations() {
		srv.FailNext(1, 400, telnyxtest.OnOperation(id))
	}
	srv.FailNext(1, 599)
}

func TestCloseEndsLatency(t *testing.T) {
	t.Parallel()
	srv := telnyxtest.NewServer()
	srv.SetLatency(time.Hour)
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest("GET", srv.URL()+"/media", nil)
		req.Header.Set("Authorization", "Bearer "+srv.APIKey())
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_ = resp.Body.Close()
			err = fmt.Errorf("got status %d, want no answer", resp.StatusCode)
		}
		done <- err
	}()
	for deadline := time.Now().Add(5 * time.Second); len(srv.Requests()) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the request never arrived")
		}
		time.Sleep(5 * time.Millisecond)
	}
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close waited for the injected latency")
	}
	if err := <-done; err == nil || strings.Contains(err.Error(), "status") {
		t.Fatalf("request during Close: %v", err)
	}
}

func TestWithMaxRecorded(t *testing.T) {
	t.Parallel()
	a := newAPI(t, telnyxtest.WithMaxRecorded(2))
	for _, p := range []string{"/media", "/recordings", "/external_connections"} {
		a.must(200, "GET", p, nil)
	}
	eq(t, fmt.Sprint(telnyxtest.Operations(a.srv.Requests())), "[GetRecordings ListExternalConnections]", "last two kept")
	last, _ := a.srv.LastRequest()
	eq(t, last.Operation, telnyxtest.OpListExternalConnections, "last")

	none := newAPI(t, telnyxtest.WithMaxRecorded(0))
	none.must(200, "GET", "/media", nil)
	if _, ok := none.srv.LastRequest(); ok || len(none.srv.Requests()) != 0 {
		t.Fatal("WithMaxRecorded(0) recorded a request")
	}

	all := newAPI(t, telnyxtest.WithMaxRecorded(-1))
	for i := 0; i < 3; i++ {
		all.must(200, "GET", "/media", nil)
	}
	eq(t, len(all.srv.Requests()), 3, "negative keeps all")
}
