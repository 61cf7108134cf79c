package telnyxtest_test

import (
	"errors"
	"net/http"
	"regexp"
	"testing"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestSDKClientAgainstFake(t *testing.T) {
	t.Parallel()
	srv := telnyxtest.NewServer()
	t.Cleanup(srv.Close)
	connectors := siprec.New(srv.Client())
	ctx := t.Context()
	created, err := connectors.Create(ctx, siprec.Params{Host: "siprec.example.com", Port: 5060, Name: "sdk"})
	if err != nil {
		t.Fatal(err)
	}
	if created.Name != "sdk" || created.CreatedAt.IsZero() {
		t.Fatalf("created %+v", created)
	}
	got, err := connectors.Get(ctx, "sdk")
	if err != nil || got.Port != 5060 {
		t.Fatalf("get: %+v %v", got, err)
	}
	if err := connectors.Delete(ctx, "sdk"); err != nil {
		t.Fatal(err)
	}
	if _, err := connectors.Get(ctx, "sdk"); !errors.Is(err, telnyx.ErrNotFound) {
		t.Fatalf("after delete: %v, want ErrNotFound", err)
	}
	last, _ := srv.LastRequest()
	eq(t, last.Operation, telnyxtest.OpGetSiprecConnector, "last operation")
}

// An outage the default client retries through costs milliseconds, not the
// production backoff.
func TestClientRetriesQuickly(t *testing.T) { //nolint:paralleltest // asserts four retries finish within 500ms; tests running beside it would blur that
	srv := telnyxtest.NewServer()
	t.Cleanup(srv.Close)
	// Four retries would wait about 4s on average with the production
	// backoff (up to 0.5s, 1s, 2s and 4s).
	connectors := siprec.New(srv.Client(option.WithMaxRetries(4)))
	srv.FailNext(4, http.StatusServiceUnavailable, telnyxtest.OnOperation(telnyxtest.OpGetSiprecConnector))
	start := time.Now()
	_, err := connectors.Get(t.Context(), "missing")
	if !errors.Is(err, telnyx.ErrNotFound) {
		t.Fatalf("got %v, want the 404 after four retried 503s", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Fatalf("four retries took %v", d)
	}
	eq(t, len(srv.Requests()), 5, "attempts")

	// The caller's options still win.
	srv.FailNext(1, http.StatusServiceUnavailable)
	_, err = siprec.New(srv.Client(option.WithMaxRetries(0))).Get(t.Context(), "missing")
	if !errors.Is(err, telnyx.ErrServer) {
		t.Fatalf("got %v, want the 503 unretried", err)
	}
}

func TestRequestIDs(t *testing.T) {
	t.Parallel()
	srv := telnyxtest.NewServer()
	t.Cleanup(srv.Close)
	connectors := siprec.New(srv.Client(option.WithMaxRetries(0)))
	ctx := t.Context()
	uuidLike := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

	// A success carries one too.
	var raw *http.Response
	if _, err := connectors.Create(ctx, siprec.Params{Host: "siprec.example.com", Port: 5060, Name: "sdk"}, option.WithResponseInto(&raw)); err != nil {
		t.Fatal(err)
	}
	created := raw.Header.Get("X-Request-Id")
	if !uuidLike.MatchString(created) {
		t.Fatalf("X-Request-Id %q is not UUID-like", created)
	}
	if last, _ := srv.LastRequest(); last.RequestID != created {
		t.Fatalf("recorded RequestID %q, answered %q", last.RequestID, created)
	}

	// An API error reports the id of its answer; each answer has its own.
	seen := map[string]bool{created: true}
	calls := map[string]func() error{
		"404": func() error { _, err := connectors.Get(ctx, "missing"); return err },
		"401": func() error { _, err := connectors.Get(ctx, "sdk", option.WithAPIKey("wrong")); return err },
		"503": func() error {
			srv.FailNext(1, http.StatusServiceUnavailable)
			_, err := connectors.Get(ctx, "sdk")
			return err
		},
	}
	for _, name := range []string{"503", "404", "401"} {
		var apiErr *telnyx.Error
		if err := calls[name](); !errors.As(err, &apiErr) {
			t.Fatalf("%s: got %v, want a *telnyx.Error", name, err)
		}
		last, _ := srv.LastRequest()
		if apiErr.RequestID == "" || apiErr.RequestID != last.RequestID {
			t.Fatalf("%s: Error.RequestID %q, fake answered %q", name, apiErr.RequestID, last.RequestID)
		}
		if seen[apiErr.RequestID] {
			t.Fatalf("%s: request id %q reused", name, apiErr.RequestID)
		}
		seen[apiErr.RequestID] = true
	}
}
