// Command storagecredentials shows the custom storage credentials of a
// connection, which send its call recordings to your own bucket: it stores
// AWS S3 credentials, switches them to Google Cloud Storage, reads them back
// and deletes them. Secrets never reach the output: the secret fields of the
// configurations are telnyx.Secret values, which every way of printing,
// logging or encoding them shows as [REDACTED]; the SDK still sends the real
// value to the API.
//
// Run it from the repository root:
//
//	go run ./examples/storagecredentials
//
// Without TELNYX_API_KEY it starts the built-in fake API and uses made-up
// credentials. With TELNYX_API_KEY set it needs -connection with the id of
// one of your connections and only reads its storage credentials; add
// -write to store made-up credentials for it and delete them again (existing
// credentials are left alone):
//
//	TELNYX_API_KEY=KEY... go run ./examples/storagecredentials -connection 1494404757140276705
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

// demoConnectionID is the connection used on the fake.
const demoConnectionID = "1494404757140276705"

// Made-up secrets, to show that they are never printed.
const (
	exampleAWSSecret = "example-aws-secret-wJalrXUtnFEMI/K7MDENG"
	exampleGCSToken  = `{"type":"service_account","private_key":"example-gcs-secret-key"}`
)

func main() {
	write := flag.Bool("write", false, exampleenv.WriteUsage)
	connection := flag.String("connection", "", "id of the connection (needed on the real API)")
	flag.Parse()
	exampleenv.Main(*write, nil, func(ctx context.Context, out io.Writer, env *exampleenv.Env) error {
		id := *connection
		if env.Fake != nil && id == "" {
			id = demoConnectionID
		}
		return run(ctx, out, env.Client, id, env.Write)
	})
}

func run(ctx context.Context, out io.Writer, client *telnyx.Client, connectionID string, write bool) error {
	if connectionID == "" {
		return errors.New("-connection is needed: the id of a connection")
	}
	sc := storagecredentials.New(client)

	existing, err := sc.Get(ctx, connectionID)
	switch {
	case errors.Is(err, telnyx.ErrNotFound):
		_, _ = fmt.Fprintf(out, "connection %s has no custom storage credentials yet\n", connectionID)
	case err != nil:
		return fmt.Errorf("getting storage credentials: %w", err)
	default:
		_, _ = fmt.Fprintf(out, "connection %s stores recordings in %s: %+v\n", connectionID, existing.Backend, existing.Configuration)
		if write {
			_, _ = fmt.Fprintln(out, "they exist already: leaving them alone")
		}
		write = false
	}
	if write {
		if err := lifecycle(ctx, out, sc, connectionID); err != nil {
			return err
		}
	}
	_, _ = fmt.Fprintln(out, "done")
	return nil
}

// lifecycle stores S3 credentials for the connection, switches them to
// Google Cloud Storage, reads them back and deletes them.
func lifecycle(ctx context.Context, out io.Writer, sc *storagecredentials.Service, connectionID string) error {
	s3 := storagecredentials.S3Configuration{
		AWSAccessKeyID:     "AKIAIOSFODNN7EXAMPLE",
		AWSSecretAccessKey: telnyx.NewSecret(exampleAWSSecret),
		Region:             "us-east-1",
		Bucket:             "telnyx-go-example-recordings",
	}
	// Logging the params with slog is safe too.
	logger := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{ReplaceAttr: dropTime}))
	params := storagecredentials.Params{Configuration: s3}
	logger.Info("storing credentials", "params", params)

	creds, err := sc.Create(ctx, connectionID, params)
	if err != nil {
		return fmt.Errorf("creating storage credentials: %w", err)
	}
	_, _ = fmt.Fprintf(out, "created %s credentials: %+v\n", creds.Backend, creds.Configuration)

	creds, err = sc.Update(ctx, connectionID, storagecredentials.Params{Configuration: storagecredentials.GCSConfiguration{
		Credentials: telnyx.NewSecret(exampleGCSToken),
		Bucket:      "telnyx-go-example-recordings",
	}})
	if err != nil {
		return fmt.Errorf("updating storage credentials: %w", err)
	}
	_, _ = fmt.Fprintf(out, "switched to %s: %+v\n", creds.Backend, creds.Configuration)

	if creds, err = sc.Get(ctx, connectionID); err != nil {
		return fmt.Errorf("getting storage credentials: %w", err)
	}
	describe(out, creds)

	if err := sc.Delete(ctx, connectionID); err != nil {
		return fmt.Errorf("deleting storage credentials: %w", err)
	}
	_, _ = fmt.Fprintf(out, "deleted the storage credentials of connection %s\n", connectionID)
	return nil
}

// describe prints where creds store recordings: the configuration has the
// type of its backend.
func describe(out io.Writer, creds *storagecredentials.Credentials) {
	switch c := creds.Configuration.(type) {
	case storagecredentials.GCSConfiguration:
		_, _ = fmt.Fprintf(out, "read back: Google Cloud Storage bucket %s\n", c.Bucket)
	case storagecredentials.S3Configuration:
		_, _ = fmt.Fprintf(out, "read back: S3 bucket %s in %s\n", c.Bucket, c.Region)
	case storagecredentials.AzureConfiguration:
		_, _ = fmt.Fprintf(out, "read back: Azure container %s\n", c.Bucket)
	default:
		_, _ = fmt.Fprintf(out, "read back: %s backend\n", creds.Backend)
	}
}

// dropTime leaves the time out of log lines, to keep the output stable.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
