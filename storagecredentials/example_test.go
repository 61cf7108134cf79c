package storagecredentials_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func ExampleService_Create() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	storage := storagecredentials.New(srv.Client())

	creds, err := storage.Create(context.Background(), "1234567890", storagecredentials.Params{
		Configuration: storagecredentials.S3Configuration{
			AWSAccessKeyID:     "AKIAIOSFODNN7EXAMPLE",
			AWSSecretAccessKey: telnyx.NewSecret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
			Region:             "us-east-1",
			Bucket:             "recordings",
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	// The configuration comes back typed after its backend.
	if s3, ok := creds.Configuration.(storagecredentials.S3Configuration); ok {
		fmt.Println(creds.Backend, s3.Bucket)
		fmt.Printf("%+v\n", s3) // the secret stays hidden
	}
	// Output:
	// s3 recordings
	// {AWSAccessKeyID:AKIAIOSFODNN7EXAMPLE AWSSecretAccessKey:[REDACTED] Region:us-east-1 Bucket:recordings}
}

func ExampleService_Update() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	storage := storagecredentials.New(srv.Client())
	ctx := context.Background()

	gcs := storagecredentials.GCSConfiguration{Credentials: telnyx.NewSecret("<token>"), Bucket: "calls"}
	if _, err := storage.Create(ctx, "1234567890", storagecredentials.Params{Configuration: gcs}); err != nil {
		log.Fatal(err)
	}
	// Moving to another backend replaces the whole configuration.
	azure := storagecredentials.AzureConfiguration{AccountName: "telnyx", AccountKey: telnyx.NewSecret("<key>"), Bucket: "calls"}
	creds, err := storage.Update(ctx, "1234567890", storagecredentials.Params{Configuration: azure})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s %+v\n", creds.Backend, creds.Configuration)

	if err := storage.Delete(ctx, "1234567890"); err != nil {
		log.Fatal(err)
	}
	_, err = storage.Get(ctx, "1234567890")
	fmt.Println("gone:", errors.Is(err, telnyx.ErrNotFound))
	// Output:
	// azure {AccountName:telnyx AccountKey:[REDACTED] Bucket:calls}
	// gone: true
}
