package telnyxtest_test

import (
	"context"
	"errors"
	"testing"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
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
