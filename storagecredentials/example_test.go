package storagecredentials_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

func ExampleService_Create() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body) // the API echoes what it stored
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"data":%s,"connection_id":"1234567890","record_type":"custom_storage_credentials"}`, body)
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	if err != nil {
		panic(err)
	}
	svc := storagecredentials.NewService(c)

	creds, err := svc.Create(context.Background(), "1234567890", storagecredentials.Params{
		Configuration: storagecredentials.S3Configuration{
			AWSAccessKeyID:     "AKIAIOSFODNN7EXAMPLE",
			AWSSecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
			Region:             "us-east-1",
			Bucket:             "recordings",
		},
	})
	if err != nil {
		panic(err)
	}
	if s3, ok := creds.Configuration.(storagecredentials.S3Configuration); ok {
		fmt.Println(creds.Backend, s3.Bucket)
		fmt.Printf("%+v\n", s3) // the secret is never printed
	}
	// Output:
	// s3 recordings
	// {AWSAccessKeyID:AKIAIOSFODNN7EXAMPLE AWSSecretAccessKey:[REDACTED] Region:us-east-1 Bucket:recordings}
}
