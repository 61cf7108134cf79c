package telnyxtest_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"testing"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestSDKClientAgainstFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	created, err := client.SIPREC.Create(ctx, siprec.Params{Host: "siprec.example.com", Port: 5060, Name: "sdk"})
	if err != nil {
		t.Fatal(err)
	}
	if created.Name != "sdk" {
		t.Fatalf("created %+v", created)
	}
	got, err := client.SIPREC.Get(ctx, "sdk")
	if err != nil || got.Port != 5060 {
		t.Fatalf("get: %+v %v", got, err)
	}
	if err := client.SIPREC.Delete(ctx, "sdk"); err != nil {
		t.Fatal(err)
	}
	if _, err := client.SIPREC.Get(ctx, "sdk"); !errors.Is(err, telnyx.ErrNotFound) {
		t.Fatalf("after delete: %v, want ErrNotFound", err)
	}
	last, _ := srv.LastRequest()
	if last.OperationID != "getSiprecConnector" {
		t.Fatalf("last op %q", last.OperationID)
	}
}

func TestRequestIDs(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	client := srv.Client(option.WithMaxRetries(0))
	ctx := context.Background()
	uuidLike := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

	// A success carries one too.
	var raw *http.Response
	if _, err := client.SIPREC.Create(ctx, siprec.Params{Host: "siprec.example.com", Port: 5060, Name: "sdk"}, option.WithResponseInto(&raw)); err != nil {
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
	srv.FailNext(1, http.StatusServiceUnavailable)
	calls := map[string]func() error{
		"404": func() error { _, err := client.SIPREC.Get(ctx, "missing"); return err },
		"401": func() error { _, err := client.SIPREC.Get(ctx, "sdk", option.WithAPIKey("wrong")); return err },
		"503": func() error { _, err := client.Media.Get(ctx, "injected"); return err },
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
