package telnyx_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func externalconnectionsListParams() externalconnections.ListParams {
	return externalconnections.ListParams{Page: telnyx.PageParams{Size: 250}}
}

func recordingsListParams() recordings.ListParams {
	return recordings.ListParams{Page: telnyx.PageParams{Size: 250}}
}

func ExampleNewClient() {
	// In production: telnyx.NewClient() reads TELNYX_API_KEY. Here the
	// client talks to the in-memory fake.
	srv := telnyxtest.NewServer()
	defer srv.Close()
	client, err := telnyx.NewClient(option.WithBaseURL(srv.URL()), option.WithAPIKey(srv.APIKey()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	srs, err := client.SIPREC.Create(ctx, siprec.Params{Name: "my-srs", Host: "siprec.example.com", Port: 5060})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", srs.Name)

	_, err = client.SIPREC.Get(ctx, "no-such-connector")
	fmt.Println("not found:", errors.Is(err, telnyx.ErrNotFound))
	// Output:
	// created my-srs
	// not found: true
}

func ExampleCollect() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	for range 5 {
		srv.SeedRecording(telnyxtest.Recording{})
	}
	client := srv.Client()

	recs, err := telnyx.Collect(client.Recordings.ListAutoPaging(context.Background(), recordings.ListParams{
		Page: telnyx.PageParams{Size: 2},
	}), 3)
	fmt.Println(len(recs), err)
	// Output: 3 <nil>
}
