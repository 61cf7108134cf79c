package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestStorageCredentialsOnFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), demoConnectionID, true))

	text := out.String()
	assert.Equal(t, `connection 1494404757140276705 has no custom storage credentials yet
level=INFO msg="storing credentials" params.backend=s3 params.configuration.backend=s3 params.configuration.aws_access_key_id=AKIAIOSFODNN7EXAMPLE params.configuration.aws_secret_access_key=[REDACTED] params.configuration.region=us-east-1 params.configuration.bucket=telnyx-go-example-recordings
created s3 credentials: {AWSAccessKeyID:AKIAIOSFODNN7EXAMPLE AWSSecretAccessKey:[REDACTED] Region:us-east-1 Bucket:telnyx-go-example-recordings}
switched to gcs: {Credentials:[REDACTED] Bucket:telnyx-go-example-recordings}
read back: Google Cloud Storage bucket telnyx-go-example-recordings
deleted the storage credentials of connection 1494404757140276705
done
`, text)
	for _, secret := range []string{exampleAWSSecret, "example-aws-secret", "example-gcs-secret-key", "private_key"} {
		assert.NotContains(t, text, secret)
	}

	reqs := srv.Requests()
	require.Equal(t, []string{
		"GetCustomStorageCredentials", "CreateCustomStorageCredentials", "UpdateCustomStorageCredentials",
		"GetCustomStorageCredentials", "DeleteCustomStorageCredentials",
	}, telnyxtest.Operations(reqs))
	for _, r := range reqs {
		assert.Equal(t, "/v2/custom_storage_credentials/1494404757140276705", r.Path)
	}
	// The secrets do reach the API.
	assert.JSONEq(t, `{"backend":"s3","configuration":{"backend":"s3","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE",
		"aws_secret_access_key":"`+exampleAWSSecret+`","region":"us-east-1","bucket":"telnyx-go-example-recordings"}}`, string(reqs[1].Body))
	assert.Contains(t, string(reqs[2].Body), "example-gcs-secret-key")
}

func TestStorageCredentialsReadOnlyAndExisting(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), demoConnectionID, false))
	assert.Equal(t, "connection 1494404757140276705 has no custom storage credentials yet\ndone\n", out.String())
	assert.Equal(t, []string{"GetCustomStorageCredentials"}, telnyxtest.Operations(srv.Requests()))

	_, err := srv.Client().StorageCredentials.Create(context.Background(), demoConnectionID, storagecredentials.Params{
		Configuration: storagecredentials.AzureConfiguration{AccountName: "acct", AccountKey: "azure-secret-key", Bucket: "mine"},
	})
	require.NoError(t, err)
	srv.Reset()
	out.Reset()
	require.NoError(t, run(context.Background(), &out, srv.Client(), demoConnectionID, true))
	assert.Equal(t, "connection 1494404757140276705 stores recordings in azure: {AccountName:acct AccountKey:[REDACTED] Bucket:mine}\nthey exist already: leaving them alone\ndone\n", out.String())
	assert.Equal(t, []string{"GetCustomStorageCredentials"}, telnyxtest.Operations(srv.Requests()))
}

func TestStorageCredentialsNeedsConnection(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	err := run(context.Background(), &bytes.Buffer{}, srv.Client(), "", false)
	require.ErrorContains(t, err, "-connection")
	assert.Empty(t, srv.Requests())
}
