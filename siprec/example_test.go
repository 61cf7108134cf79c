package siprec_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func ExampleService_Create() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	connectors := siprec.New(srv.Client())
	ctx := context.Background()

	params := siprec.Params{Name: "my-srs", Host: "siprec.example.com", Port: 5060}
	if _, err := connectors.Create(ctx, params); err != nil {
		log.Fatal(err)
	}
	conn, err := connectors.Get(ctx, "my-srs")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", conn.Name, conn.Host, conn.Port)

	// Update replaces the whole configuration, so send every field again.
	params.Port = 5080
	params.AppSubdomain = telnyx.String("recorder")
	if conn, err = connectors.Update(ctx, "my-srs", params); err != nil {
		log.Fatal(err)
	}
	fmt.Println("updated", conn.Port, conn.AppSubdomain)

	if err := connectors.Delete(ctx, "my-srs"); err != nil {
		log.Fatal(err)
	}
	_, err = connectors.Get(ctx, "my-srs")
	fmt.Println("gone:", errors.Is(err, telnyx.ErrNotFound))
	// Output:
	// created my-srs siprec.example.com 5060
	// updated 5080 recorder
	// gone: true
}
