package contract

import (
	"context"
	"fmt"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	sc "github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

// configurationBackend is the backend a configuration names inside
// itself: the SDK reads it to choose the configuration's Go type, whose
// Backend method then returns it, so it is not a field.
var configurationBackend = []string{"/data/configuration/backend"}

func init() {
	register(
		contractCase{
			// Credentials re-marshal to the whole answer document.
			op: "CreateCustomStorageCredentials", dropped: configurationBackend,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return sc.New(c).Create(ctx, "1234567890", sc.Params{
					Configuration: sc.GCSConfiguration{Bucket: "call-recordings", Credentials: telnyx.NewSecret(`{"type":"service_account"}`)},
				})
			},
			check: wantJSON(`{"backend":"gcs","configuration":{"backend":"gcs","bucket":"call-recordings","credentials":"{\"type\":\"service_account\"}"}}`),
		},
		contractCase{
			op: "GetCustomStorageCredentials", dropped: configurationBackend,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return sc.New(c).Get(ctx, "1234567890")
			},
			check: wantPath("/v2/custom_storage_credentials/1234567890"),
		},
		contractCase{
			op: "GetCustomStorageCredentials", variant: "s3", dropped: configurationBackend,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return sc.New(c).Get(ctx, "1234567890")
			},
			response: `{"connection_id":"1234567890","record_type":"custom_storage_credentials","data":{"backend":"s3",
				"configuration":{"backend":"s3","bucket":"call-recordings","region":"us-east-1","aws_access_key_id":"AKIAEXAMPLE","aws_secret_access_key":"****"}}}`,
			verify: func(result any) error {
				if _, ok := result.(*sc.Credentials).Configuration.(sc.S3Configuration); !ok {
					return fmt.Errorf("configuration is %T, want S3Configuration", result.(*sc.Credentials).Configuration)
				}
				return nil
			},
		},
		contractCase{
			op: "GetCustomStorageCredentials", variant: "azure", dropped: configurationBackend,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return sc.New(c).Get(ctx, "1234567890")
			},
			response: `{"connection_id":"1234567890","record_type":"custom_storage_credentials","data":{"backend":"azure",
				"configuration":{"backend":"azure","bucket":"call-recordings","account_name":"acmestorage","account_key":"****"}}}`,
			verify: func(result any) error {
				if _, ok := result.(*sc.Credentials).Configuration.(sc.AzureConfiguration); !ok {
					return fmt.Errorf("configuration is %T, want AzureConfiguration", result.(*sc.Credentials).Configuration)
				}
				return nil
			},
		},
		contractCase{
			op: "UpdateCustomStorageCredentials", dropped: configurationBackend,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return sc.New(c).Update(ctx, "1234567890", sc.Params{
					Configuration: sc.S3Configuration{AWSAccessKeyID: "AKIAEXAMPLE", AWSSecretAccessKey: telnyx.NewSecret("secret"), Region: "us-east-1", Bucket: "call-recordings"},
				})
			},
			check: wantJSON(`{"backend":"s3","configuration":{"backend":"s3","aws_access_key_id":"AKIAEXAMPLE","aws_secret_access_key":"secret","region":"us-east-1","bucket":"call-recordings"}}`),
		},
		contractCase{
			// An S3-compatible store (official SDK v4.97.0, S3GenericConfigurationData).
			op: "UpdateCustomStorageCredentials", variant: "s3-generic", dropped: configurationBackend,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return sc.New(c).Update(ctx, "1234567890", sc.Params{
					Configuration: sc.S3GenericConfiguration{AWSAccessKeyID: "AKIAEXAMPLE", AWSSecretAccessKey: telnyx.NewSecret("secret"),
						Region: "auto", Bucket: "call-recordings", Endpoint: "https://xyz.supabase.co/storage/v1/s3"},
				})
			},
			check: wantJSON(`{"backend":"s3-generic","configuration":{"backend":"s3-generic","aws_access_key_id":"AKIAEXAMPLE","aws_secret_access_key":"secret",` +
				`"region":"auto","bucket":"call-recordings","endpoint":"https://xyz.supabase.co/storage/v1/s3"}}`),
		},
		contractCase{
			op: "GetCustomStorageCredentials", variant: "s3-generic", dropped: configurationBackend,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return sc.New(c).Get(ctx, "1234567890")
			},
			response: `{"connection_id":"1234567890","record_type":"custom_storage_credentials","data":{"backend":"s3-generic",
				"configuration":{"backend":"s3-generic","bucket":"call-recordings","region":"auto","aws_access_key_id":"AKIAEXAMPLE",
				"aws_secret_access_key":"****","endpoint":"https://s3.example.com"}}}`,
			verify: func(result any) error {
				cfg, ok := result.(*sc.Credentials).Configuration.(sc.S3GenericConfiguration)
				if !ok || cfg.Endpoint != "https://s3.example.com" {
					return fmt.Errorf("configuration is %#v, want an S3GenericConfiguration with its endpoint", result.(*sc.Credentials).Configuration)
				}
				return nil
			},
		},
		contractCase{
			op: "DeleteCustomStorageCredentials",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return nil, sc.New(c).Delete(ctx, "1234567890")
			},
		},
	)
}
