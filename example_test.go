package telnyx_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func ExampleNewClient() {
	// In production telnyx.NewClient() reads TELNYX_API_KEY. Here the
	// client talks to the in-memory fake.
	srv := telnyxtest.NewServer()
	defer srv.Close()
	client, err := telnyx.NewClient(option.WithBaseURL(srv.URL()), option.WithAPIKey(srv.APIKey()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Every resource package builds its service from the shared client.
	connectors := siprec.New(client)
	srs, err := connectors.Create(ctx, siprec.Params{Name: "my-srs", Host: "siprec.example.com", Port: 5060})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", srs.Name)

	_, err = connectors.Get(ctx, "no-such-connector")
	fmt.Println("not found:", errors.Is(err, telnyx.ErrNotFound))
	// Output:
	// created my-srs
	// not found: true
}

// The engine reaches what the SDK does not model: here the raw answer of a
// connector, with every field the API sends, and a list walked page by
// page, with the same auth, retries, escaping and errors.
func ExampleClient_Do() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	if _, err := siprec.New(client).Create(ctx, siprec.Params{Name: "a b", Host: "srs.example.com", Port: 5060}); err != nil {
		log.Fatal(err)
	}

	var raw struct {
		Data map[string]any `json:"data"`
	}
	resp, err := client.Do(ctx, telnyx.Request{
		Method:     http.MethodGet,
		Path:       "/siprec_connectors/{connector_name}",
		PathParams: []string{"a b"}, // escaped by the engine
	}, &raw)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, raw.Data["name"], raw.Data["host"])

	// A literal path and a query, decoded into the caller's own type.
	var page struct {
		Meta telnyx.PageMeta `json:"meta"`
	}
	if err := client.Get(ctx, "/media", url.Values{"page[size]": {"10"}}, &page); err != nil {
		log.Fatal(err)
	}
	fmt.Println("media files:", page.Meta.TotalResults)
	// Output:
	// 200 a b srs.example.com
	// media files: 0
}

func ExampleListAll() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedDemo()
	client := srv.Client()

	type recording struct {
		ID        string           `json:"id"`
		CreatedAt telnyx.Timestamp `json:"created_at"`
	}
	// Fetch up to 4 pages at once; items still come in the API's order.
	seq := telnyx.ListAll[recording](context.Background(), client, telnyx.Request{
		Method: http.MethodGet,
		Path:   "/recordings",
		Query: struct {
			Page telnyx.PageParams `url:"page"`
		}{telnyx.PageParams{Size: 5}},
	}, option.WithPageConcurrency(4))
	recs, err := telnyx.Collect(seq, 0)
	fmt.Println(len(recs), err)
	// Output: 25 <nil>
}
