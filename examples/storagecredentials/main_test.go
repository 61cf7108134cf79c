package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestStorageCredentialsOnFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), demoConnectionID, true))

	text := out.String()
	assert.Equal(t, `connection 1494404757140276705 has no custom storage credentials yet
level=INFO msg="storing credentials" params="{Configuration:{AWSAccessKeyID:AKIAIOSFODNN7EXAMPLE AWSSecretAccessKey:[REDACTED] Region:us-east-1 Bucket:telnyx-go-example-recordings}}"
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
	require.Equal(t, []telnyxtest.Operation{
		telnyxtest.OpGetCustomStorageCredentials, telnyxtest.OpCreateCustomStorageCredentials, telnyxtest.OpUpdateCustomStorageCredentials,
		telnyxtest.OpGetCustomStorageCredentials, telnyxtest.OpDeleteCustomStorageCredentials,
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

	require.NoError(t, run(t.Context(), &out, srv.Client(), demoConnectionID, false))
	assert.Equal(t, "connection 1494404757140276705 has no custom storage credentials yet\ndone\n", out.String())
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpGetCustomStorageCredentials}, telnyxtest.Operations(srv.Requests()))

	_, err := storagecredentials.New(srv.Client()).Create(t.Context(), demoConnectionID, storagecredentials.Params{
		Configuration: storagecredentials.AzureConfiguration{AccountName: "acct", AccountKey: telnyx.NewSecret("azure-secret-key"), Bucket: "mine"},
	})
	require.NoError(t, err)
	srv.Reset()
	out.Reset()
	require.NoError(t, run(t.Context(), &out, srv.Client(), demoConnectionID, true))
	assert.Equal(t, "connection 1494404757140276705 stores recordings in azure: {AccountName:acct AccountKey:[REDACTED] Bucket:mine}\nthey exist already: leaving them alone\ndone\n", out.String())
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpGetCustomStorageCredentials}, telnyxtest.Operations(srv.Requests()))
}

func TestStorageCredentialsNeedsConnection(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	err := run(t.Context(), &bytes.Buffer{}, srv.Client(), "", false)
	require.ErrorContains(t, err, "-connection")
	assert.Empty(t, srv.Requests())
}
