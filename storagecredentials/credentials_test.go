package storagecredentials_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	sc "github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

// The secrets no output but the wire may hold.
const (
	gcsSecret     = "GCS-opaque-token-s3cr3t"
	awsSecret     = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	azureSecret   = "bPxRfiCYazureEXAMPLEKEY=="
	unknownSecret = "tok-r2-s3cr3t"
)

var (
	gcs   = sc.GCSConfiguration{Credentials: telnyx.NewSecret(gcsSecret), Bucket: "rec-bucket"}
	s3    = sc.S3Configuration{AWSAccessKeyID: "AKIAIOSFODNN7EXAMPLE", AWSSecretAccessKey: telnyx.NewSecret(awsSecret), Region: "us-east-1", Bucket: "rec-bucket"}
	azure = sc.AzureConfiguration{AccountName: "my-account", AccountKey: telnyx.NewSecret(azureSecret), Bucket: "rec-bucket"}
	// s3Generic is an S3-compatible store (official SDK v4.97.0,
	// S3GenericConfigurationData).
	s3Generic = sc.S3GenericConfiguration{AWSAccessKeyID: "AKIAIOSFODNN7EXAMPLE", AWSSecretAccessKey: telnyx.NewSecret(awsSecret),
		Region: "auto", Bucket: "rec-bucket", Endpoint: "https://xyz.supabase.co/storage/v1/s3"}
)

const (
	gcsData       = `{"backend":"gcs","configuration":{"backend":"gcs","credentials":"` + gcsSecret + `","bucket":"rec-bucket"}}`
	s3Data        = `{"backend":"s3","configuration":{"backend":"s3","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"` + awsSecret + `","region":"us-east-1","bucket":"rec-bucket"}}`
	azureData     = `{"backend":"azure","configuration":{"backend":"azure","account_name":"my-account","account_key":"` + azureSecret + `","bucket":"rec-bucket"}}`
	s3GenericData = `{"backend":"s3-generic","configuration":{"backend":"s3-generic","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"` + awsSecret +
		`","region":"auto","bucket":"rec-bucket","endpoint":"https://xyz.supabase.co/storage/v1/s3"}}`
)

// answer wraps data in the API's document for connection id.
func answer(id, data string) string {
	return `{"data":` + data + `,"connection_id":"` + id + `","record_type":"custom_storage_credentials"}`
}

func credentials(id string, cfg sc.Configuration) *sc.Credentials {
	return &sc.Credentials{ConnectionID: id, RecordType: sc.RecordTypeCredentials, Backend: cfg.Backend(), Configuration: cfg}
}

const credentialsTemplate = "/custom_storage_credentials/{connection_id}"

func setup(t *testing.T) (*sc.Service, *testutil.Recorder) {
	t.Helper()
	c, rec := testutil.NewClient(t)
	return sc.New(c), rec
}

func TestMethods(t *testing.T) {
	t.Parallel()
	testutil.Run(t, []testutil.Case{
		{
			Name: "Get", Method: http.MethodGet, Path: "/custom_storage_credentials/a%2F..%2Fb%23c",
			Status: http.StatusOK, Answer: answer("a/../b#c", azureData), Want: credentials("a/../b#c", azure),
			Call:     func(ctx context.Context, c *telnyx.Client) (any, error) { return sc.New(c).Get(ctx, "a/../b#c") },
			Template: credentialsTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := sc.New(c).Get(ctx, v)
				return err
			},
		},
		{
			Name: "Create", Method: http.MethodPost, Path: "/custom_storage_credentials/1234567890", Body: s3Data,
			Status: http.StatusOK, Answer: answer("1234567890", s3Data), Want: credentials("1234567890", s3),
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return sc.New(c).Create(ctx, "1234567890", sc.Params{Configuration: s3})
			},
			Template: credentialsTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := sc.New(c).Create(ctx, v, sc.Params{Configuration: s3})
				return err
			},
		},
		{
			Name: "Update", Method: http.MethodPut, Path: "/custom_storage_credentials/1234567890", Body: gcsData,
			Status: http.StatusOK, Answer: answer("1234567890", gcsData), Want: credentials("1234567890", gcs),
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return sc.New(c).Update(ctx, "1234567890", sc.Params{Configuration: &gcs})
			},
			Template: credentialsTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := sc.New(c).Update(ctx, v, sc.Params{Configuration: gcs})
				return err
			},
		},
		{
			Name: "Delete", Method: http.MethodDelete, Path: "/custom_storage_credentials/1234567890", Status: http.StatusNoContent,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return nil, sc.New(c).Delete(ctx, "1234567890")
			},
			Template: credentialsTemplate,
			Hostile:  func(ctx context.Context, c *telnyx.Client, v string) error { return sc.New(c).Delete(ctx, v) },
		},
	})
}

func TestEachBackendIsSentWithItsSecrets(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		config sc.Configuration
		body   string
	}{
		{"gcs", gcs, gcsData},
		{"s3", s3, s3Data},
		{"azure", azure, azureData},
		{"azure pointer", &azure, azureData},
		{"s3-generic", s3Generic, s3GenericData},
		{"s3-generic pointer", &s3Generic, s3GenericData},
		// Empty fields are left out.
		{"s3 bucket only", sc.S3Configuration{Bucket: "b"}, `{"backend":"s3","configuration":{"backend":"s3","bucket":"b"}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			svc, rec := setup(t)
			rec.Answer(http.StatusOK, answer("1", tc.body))
			_, err := svc.Create(t.Context(), "1", sc.Params{Configuration: tc.config})
			require.NoError(t, err)
			assert.JSONEq(t, tc.body, string(rec.Last(t).Body))
		})
	}
}

func TestAnswersAreDecodedByTheConfigurationsBackend(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		data    string
		backend sc.Backend
		want    sc.Configuration
	}{
		{"gcs", gcsData, sc.BackendGCS, gcs},
		{"s3", s3Data, sc.BackendS3, s3},
		{"s3-generic", s3GenericData, sc.BackendS3Generic, s3Generic},
		{"azure with a new field", `{"backend":"azure","configuration":{"backend":"azure","bucket":"rec-bucket","account_name":"my-account","account_key":"` + azureSecret + `","new_field":1}}`, sc.BackendAzure, azure},
		{"masked secret", `{"backend":"s3","configuration":{"backend":"s3","bucket":"b","aws_secret_access_key":null}}`, sc.BackendS3, sc.S3Configuration{Bucket: "b"}},
		// The outer backend and the configuration's disagree: the
		// configuration is read by its own, and both are kept.
		{"disagreeing backends", `{"backend":"gcs","configuration":{"backend":"s3","bucket":"b","region":"eu-west-1"}}`, sc.BackendGCS, sc.S3Configuration{Bucket: "b", Region: "eu-west-1"}},
		{"unknown inner backend", `{"backend":"s3","configuration":{"backend":"r2","bucket":"b"}}`, sc.BackendS3, unknown(t, "r2", `{"backend":"r2","bucket":"b"}`)},
		// Without an inner backend, the outer one decides.
		{"no inner backend", `{"backend":"azure","configuration":{"account_name":"n"}}`, sc.BackendAzure, sc.AzureConfiguration{AccountName: "n"}},
		{"null inner backend", `{"backend":"gcs","configuration":{"backend":null,"bucket":"b"}}`, sc.BackendGCS, sc.GCSConfiguration{Bucket: "b"}},
		{"no outer backend", `{"configuration":{"backend":"gcs","bucket":"b"}}`, "", sc.GCSConfiguration{Bucket: "b"}},
		{"no configuration", `{"backend":"gcs","configuration":null}`, sc.BackendGCS, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			svc, rec := setup(t)
			rec.Answer(http.StatusOK, answer("1", tc.data))
			got, err := svc.Get(t.Context(), "1")
			require.NoError(t, err)
			assert.Equal(t, &sc.Credentials{ConnectionID: "1", RecordType: sc.RecordTypeCredentials, Backend: tc.backend, Configuration: tc.want}, got)
		})
	}
}

// unknown decodes the configuration of a backend the SDK does not know.
func unknown(t *testing.T, backend, raw string) sc.Configuration {
	t.Helper()
	var c sc.Credentials
	require.NoError(t, json.Unmarshal([]byte(answer("1", `{"backend":"`+backend+`","configuration":`+raw+`}`)), &c))
	return c.Configuration
}

func TestUnknownBackendKeepsTheRawConfiguration(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	const raw = `{"backend":"r2","account_id":"acc","api_token":"` + unknownSecret + `"}`
	rec.Answer(http.StatusOK, answer("1", `{"backend":"r2","configuration":`+raw+`}`))
	got, err := svc.Get(t.Context(), "1")
	require.NoError(t, err)
	assert.Equal(t, sc.Backend("r2"), got.Backend)
	u, ok := got.Configuration.(sc.UnknownConfiguration)
	require.True(t, ok, "got %T", got.Configuration)
	assert.Equal(t, sc.Backend("r2"), u.Backend())
	assert.JSONEq(t, raw, u.Raw.Reveal())
}

// unshared returns the configurations of the shared variables with Secrets
// of their own. While a parallel test sends a shared Secret, another
// encoding of it may show a placeholder instead of Redacted (as
// Secret.MarshalJSON says); tests of this package's own encoding use these.
func unshared() (sc.GCSConfiguration, sc.S3Configuration, sc.AzureConfiguration, sc.S3GenericConfiguration) {
	g, s, a, sg := gcs, s3, azure, s3Generic
	g.Credentials = telnyx.NewSecret(gcsSecret)
	s.AWSSecretAccessKey = telnyx.NewSecret(awsSecret)
	a.AccountKey = telnyx.NewSecret(azureSecret)
	sg.AWSSecretAccessKey = telnyx.NewSecret(awsSecret)
	return g, s, a, sg
}

func TestCredentialsEncodeAsTheDocumentWithoutSecrets(t *testing.T) {
	t.Parallel()
	_, s3, _, _ := unshared()
	b, err := json.Marshal(credentials("1", s3))
	require.NoError(t, err)
	assert.JSONEq(t, answer("1", `{"backend":"s3","configuration":{"backend":"s3","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"[REDACTED]","region":"us-east-1","bucket":"rec-bucket"}}`), string(b))
	var back sc.Credentials
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, sc.S3Configuration{AWSAccessKeyID: "AKIAIOSFODNN7EXAMPLE", AWSSecretAccessKey: telnyx.NewSecret(telnyx.Redacted), Region: "us-east-1", Bucket: "rec-bucket"}, back.Configuration)
}

// TestCredentialsRoundTripThroughTheirOwnEncoding: whatever the outer
// backend says, even nothing, the output of MarshalJSON decodes back into
// the same configuration type with the same non-secret fields.
func TestCredentialsRoundTripThroughTheirOwnEncoding(t *testing.T) {
	t.Parallel()
	gcs, s3, azure, s3Generic := unshared()
	for _, cfg := range []sc.Configuration{gcs, s3, azure, s3Generic, &s3} {
		for _, outer := range []sc.Backend{"", cfg.Backend(), "other"} {
			in := sc.Credentials{ConnectionID: "7", RecordType: sc.RecordTypeCredentials, Backend: outer, Configuration: cfg}
			b, err := json.Marshal(in)
			require.NoError(t, err)
			var back sc.Credentials
			require.NoError(t, json.Unmarshal(b, &back), "%s", b)
			assert.Equal(t, cfg.Backend(), back.Configuration.Backend(), "%s", b)
			assert.IsType(t, derefConfig(cfg), back.Configuration, "%s", b)
			assert.Equal(t, outer, back.Backend)
			assert.Equal(t, "7", back.ConnectionID)
			again, err := json.Marshal(back)
			require.NoError(t, err)
			assert.JSONEq(t, string(b), string(again), "a second round trip changes nothing")
		}
	}
}

// withEndpoint is s3Generic with another endpoint.
func withEndpoint(endpoint string) sc.S3GenericConfiguration {
	c := s3Generic
	c.Endpoint = endpoint
	return c
}

func derefConfig(c sc.Configuration) sc.Configuration {
	if p, ok := c.(*sc.S3Configuration); ok {
		return *p
	}
	return c
}

func TestMalformedConfigurationIsADecodeError(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, answer("1", `{"backend":"s3","configuration":"`+awsSecret+`"}`))
	_, err := svc.Get(t.Context(), "1")
	var derr *telnyx.DecodeError
	require.ErrorAs(t, err, &derr)
	assert.Contains(t, err.Error(), "s3 configuration")
	assert.NotContains(t, err.Error(), awsSecret)
}

func TestValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	ctx := t.Context()
	cases := []struct {
		name   string
		field  string
		config sc.Configuration
	}{
		{"nil configuration", "configuration", nil},
		{"nil pointer", "configuration", (*sc.S3Configuration)(nil)},
		{"unknown backend", "backend", unknown(t, "r2", `{"backend":"r2","api_token":"`+unknownSecret+`"}`)},
		{"unknown without backend", "backend", sc.UnknownConfiguration{}},
		// s3-generic takes every field, and an http or https endpoint.
		{"s3-generic without endpoint", "configuration.endpoint", withEndpoint("")},
		{"s3-generic relative endpoint", "configuration.endpoint", withEndpoint("s3.example.com")},
		{"s3-generic ftp endpoint", "configuration.endpoint", withEndpoint("ftp://s3.example.com")},
		{"s3-generic endpoint without host", "configuration.endpoint", withEndpoint("https:///bucket")},
		{"s3-generic endpoint with user info", "configuration.endpoint", withEndpoint("https://user:" + unknownSecret + "@s3.example.com")},
		{"s3-generic endpoint with a control character", "configuration.endpoint", withEndpoint("https://s3.example.com/\n")},
		{"s3-generic without secret", "configuration.aws_secret_access_key", sc.S3GenericConfiguration{AWSAccessKeyID: "a", Region: "r", Bucket: "b", Endpoint: "https://s3.example.com"}},
		{"s3-generic without bucket", "configuration.bucket", &sc.S3GenericConfiguration{Endpoint: "https://s3.example.com"}},
	}
	for _, tc := range cases {
		params := sc.Params{Configuration: tc.config}
		testutil.RequireInvalid(t, params.Validate(), tc.field)
		for _, call := range []func() error{
			func() error { _, err := svc.Create(ctx, "1", params); return err },
			func() error { _, err := svc.Update(ctx, "1", params); return err },
		} {
			err := call()
			testutil.RequireInvalid(t, err, tc.field)
			assert.NotContains(t, err.Error(), unknownSecret, tc.name)
		}
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
