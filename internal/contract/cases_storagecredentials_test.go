package contract

import (
	"context"
	"fmt"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	sc "github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

func init() {
	register(
		contractCase{
			// Credentials re-marshal to the whole answer document.
			op: "CreateCustomStorageCredentials",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return c.StorageCredentials.Create(ctx, "1234567890", sc.Params{
					Configuration: sc.GCSConfiguration{Bucket: "call-recordings", Credentials: `{"type":"service_account"}`},
				})
			},
			check: wantJSON(`{"backend":"gcs","configuration":{"backend":"gcs","bucket":"call-recordings","credentials":"{\"type\":\"service_account\"}"}}`),
		},
		contractCase{
			op: "GetCustomStorageCredentials",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return c.StorageCredentials.Get(ctx, "1234567890")
			},
			check: wantPath("/v2/custom_storage_credentials/1234567890"),
		},
		contractCase{
			op: "GetCustomStorageCredentials", variant: "s3",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return c.StorageCredentials.Get(ctx, "1234567890")
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
			op: "GetCustomStorageCredentials", variant: "azure",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return c.StorageCredentials.Get(ctx, "1234567890")
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
			op: "UpdateCustomStorageCredentials",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return c.StorageCredentials.Update(ctx, "1234567890", sc.Params{
					Configuration: sc.S3Configuration{AWSAccessKeyID: "AKIAEXAMPLE", AWSSecretAccessKey: "secret", Region: "us-east-1", Bucket: "call-recordings"},
				})
			},
			check: wantJSON(`{"backend":"s3","configuration":{"backend":"s3","aws_access_key_id":"AKIAEXAMPLE","aws_secret_access_key":"secret","region":"us-east-1","bucket":"call-recordings"}}`),
		},
		contractCase{
			op: "DeleteCustomStorageCredentials",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return nil, c.StorageCredentials.Delete(ctx, "1234567890")
			},
		},
	)
}
