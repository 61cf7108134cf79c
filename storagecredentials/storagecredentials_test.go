package storagecredentials_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	sc "github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

const (
	gcsSecret   = "GCS-opaque-token-s3cr3t"
	awsSecret   = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	azureSecret = "bPxRfiCYazureEXAMPLEKEY=="
)

var (
	gcs   = sc.GCSConfiguration{Credentials: gcsSecret, Bucket: "rec-bucket"}
	s3    = sc.S3Configuration{AWSAccessKeyID: "AKIAIOSFODNN7EXAMPLE", AWSSecretAccessKey: awsSecret, Region: "us-east-1", Bucket: "rec-bucket"}
	azure = sc.AzureConfiguration{AccountName: "my-account", AccountKey: azureSecret, Bucket: "rec-bucket"}
)

func answer(id, data string) string {
	return `{"data":` + data + `,"connection_id":"` + id + `","record_type":"custom_storage_credentials"}`
}

func TestCreateSendsEachBackendWithItsSecrets(t *testing.T) {
	cases := []struct {
		name   string
		config sc.Configuration
		body   string
		secret string
	}{
		{"gcs", gcs, `{"backend":"gcs","configuration":{"backend":"gcs","credentials":"` + gcsSecret + `","bucket":"rec-bucket"}}`, gcsSecret},
		{"s3", s3, `{"backend":"s3","configuration":{"backend":"s3","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"` + awsSecret + `","region":"us-east-1","bucket":"rec-bucket"}}`, awsSecret},
		{"azure", azure, `{"backend":"azure","configuration":{"backend":"azure","account_name":"my-account","account_key":"` + azureSecret + `","bucket":"rec-bucket"}}`, azureSecret},
		{"s3 pointer", &s3, `{"backend":"s3","configuration":{"backend":"s3","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"` + awsSecret + `","region":"us-east-1","bucket":"rec-bucket"}}`, awsSecret},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := testutil.NewClient(t)
			// The API echoes the document it stored.
			var sent map[string]json.RawMessage
			require.NoError(t, json.Unmarshal([]byte(tc.body), &sent))
			seen := testutil.Respond(mock, http.MethodPost, "/custom_storage_credentials/1234567890", http.StatusOK, answer("1234567890", tc.body))

			got, err := sc.NewService(c).Create(context.Background(), "1234567890", sc.Params{Configuration: tc.config})
			require.NoError(t, err)
			require.Len(t, *seen, 1)
			req := (*seen)[0]
			assert.Equal(t, http.MethodPost, req.Method)
			assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
			assert.JSONEq(t, tc.body, string(req.Body))
			assert.Contains(t, string(req.Body), tc.secret, "the secret must reach the API")

			want := tc.config
			if p, ok := want.(*sc.S3Configuration); ok {
				want = *p
			}
			assert.Equal(t, &sc.Credentials{ConnectionID: "1234567890", RecordType: "custom_storage_credentials",
				Backend: tc.config.Backend(), Configuration: want}, got)
		})
	}
}

func TestGetDecodesTheConfigurationByBackend(t *testing.T) {
	cases := []struct {
		data string
		want sc.Configuration
	}{
		{`{"backend":"gcs","configuration":{"backend":"gcs","credentials":"` + gcsSecret + `","bucket":"rec-bucket"}}`, gcs},
		{`{"backend":"s3","configuration":{"backend":"s3","bucket":"rec-bucket","region":"us-east-1","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"` + awsSecret + `"}}`, s3},
		{`{"backend":"azure","configuration":{"backend":"azure","bucket":"rec-bucket","account_name":"my-account","account_key":"` + azureSecret + `","new_field":1}}`, azure},
		// Masked or partial answers still decode.
		{`{"backend":"s3","configuration":{"backend":"s3","bucket":"b","aws_secret_access_key":null}}`, sc.S3Configuration{Bucket: "b"}},
		// The backend can be read from the configuration alone.
		{`{"configuration":{"backend":"gcs","bucket":"b"}}`, sc.GCSConfiguration{Bucket: "b"}},
	}
	for _, tc := range cases {
		c, mock := testutil.NewClient(t)
		testutil.Respond(mock, http.MethodGet, "/custom_storage_credentials/1", http.StatusOK, answer("1", tc.data))
		got, err := sc.NewService(c).Get(context.Background(), "1")
		require.NoError(t, err, tc.data)
		assert.Equal(t, tc.want.Backend(), got.Backend)
		assert.Equal(t, tc.want, got.Configuration, tc.data)
		assert.Equal(t, "1", got.ConnectionID)
		assert.Equal(t, "custom_storage_credentials", got.RecordType)
	}
}

func TestUnknownBackendKeepsTheRawConfiguration(t *testing.T) {
	c, mock := testutil.NewClient(t)
	const raw = `{"backend":"r2","account_id":"acc","api_token":"tok-s3cr3t"}`
	testutil.Respond(mock, http.MethodGet, "/custom_storage_credentials/1", http.StatusOK, answer("1", `{"backend":"r2","configuration":`+raw+`}`))

	got, err := sc.NewService(c).Get(context.Background(), "1")
	require.NoError(t, err)
	assert.Equal(t, sc.Backend("r2"), got.Backend)
	unknown, ok := got.Configuration.(sc.UnknownConfiguration)
	require.True(t, ok, "got %T", got.Configuration)
	assert.Equal(t, sc.Backend("r2"), unknown.Backend())
	assert.JSONEq(t, raw, string(unknown.Raw))
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(f, got), "tok-s3cr3t", f)
	}
	assert.Equal(t, "{Backend:r2 Raw:[REDACTED 60 bytes]}", unknown.String())

	// Re-encoding gives back what was received.
	b, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, answer("1", `{"backend":"r2","configuration":`+raw+`}`), string(b))
}

func TestAnswerWithoutConfiguration(t *testing.T) {
	var got sc.Credentials
	require.NoError(t, json.Unmarshal([]byte(answer("1", `{"backend":"gcs","configuration":null}`)), &got))
	assert.Equal(t, sc.Credentials{ConnectionID: "1", RecordType: "custom_storage_credentials", Backend: sc.BackendGCS}, got)
}

func TestMalformedConfigurationIsAnError(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/custom_storage_credentials/1", http.StatusOK, answer("1", `{"backend":"s3","configuration":"`+awsSecret+`"}`))
	_, err := sc.NewService(c).Get(context.Background(), "1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "s3 configuration")
	assert.NotContains(t, err.Error(), awsSecret)
}

func TestGetUpdateDeleteEscapeTheConnectionID(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := sc.NewService(c)
	ctx := context.Background()
	const escaped = "/custom_storage_credentials/a%2F..%2Fb%23c"
	data := `{"backend":"azure","configuration":{"backend":"azure","bucket":"rec-bucket","account_name":"my-account","account_key":"` + azureSecret + `"}}`
	get := testutil.Respond(mock, http.MethodGet, escaped, http.StatusOK, answer("a/../b#c", data))
	post := testutil.Respond(mock, http.MethodPost, escaped, http.StatusOK, answer("a/../b#c", data))
	put := testutil.Respond(mock, http.MethodPut, escaped, http.StatusOK, answer("a/../b#c", data))
	del := testutil.Respond(mock, http.MethodDelete, escaped, http.StatusNoContent, "")

	id := "a/../b#c"
	got, err := svc.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, id, got.ConnectionID)
	assert.Equal(t, azure, got.Configuration)
	_, err = svc.Create(ctx, id, sc.Params{Configuration: gcs})
	require.NoError(t, err)
	updated, err := svc.Update(ctx, id, sc.Params{Configuration: azure})
	require.NoError(t, err)
	assert.Equal(t, azure, updated.Configuration)
	require.NoError(t, svc.Delete(ctx, id))

	for _, seen := range []*[]testutil.Captured{get, post, put, del} {
		require.Len(t, *seen, 1)
		assert.Equal(t, "/v2"+escaped, (*seen)[0].Path)
	}
	assert.Equal(t, http.MethodPut, (*put)[0].Method)
	assert.JSONEq(t, data, string((*put)[0].Body))
	assert.Empty(t, (*get)[0].Body)
	assert.Empty(t, (*del)[0].Body)
}

func TestEmptyFieldsAreNotSent(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/custom_storage_credentials/1", http.StatusCreated,
		answer("1", `{"backend":"s3","configuration":{"backend":"s3","bucket":"b"}}`))
	_, err := sc.NewService(c).Create(context.Background(), "1", sc.Params{Configuration: sc.S3Configuration{Bucket: "b"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"backend":"s3","configuration":{"backend":"s3","bucket":"b"}}`, string((*seen)[0].Body))
}

func TestValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := sc.NewService(c)
	ctx := context.Background()
	var unknown sc.Credentials
	require.NoError(t, json.Unmarshal([]byte(answer("1", `{"backend":"r2","configuration":{"backend":"r2"}}`)), &unknown))
	cases := []struct {
		name   string
		field  string
		config sc.Configuration
	}{
		{"nil configuration", "configuration", nil},
		{"nil pointer", "configuration", (*sc.S3Configuration)(nil)},
		{"unknown backend", "backend", unknown.Configuration},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, call := range []func() error{
				func() error { _, err := svc.Create(ctx, "1", sc.Params{Configuration: tc.config}); return err },
				func() error { _, err := svc.Update(ctx, "1", sc.Params{Configuration: tc.config}); return err },
			} {
				err := call()
				testutil.RequireInvalid(t, err, tc.field)
				for _, s := range []string{gcsSecret, awsSecret, azureSecret} {
					assert.NotContains(t, err.Error(), s)
				}
			}
		})
	}
	for _, call := range []func() error{
		func() error { _, err := svc.Get(ctx, ""); return err },
		func() error { _, err := svc.Create(ctx, "..", sc.Params{Configuration: gcs}); return err },
		func() error { _, err := svc.Update(ctx, ".", sc.Params{Configuration: gcs}); return err },
		func() error { return svc.Delete(ctx, "") },
	} {
		var verr *core.ValidationError
		require.ErrorAs(t, call(), &verr)
		assert.Equal(t, "connection_id", verr.Field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}

func TestNotFound(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodDelete, "/custom_storage_credentials/missing", http.StatusNotFound,
		`{"errors":[{"code":"10005","title":"Resource not found","source":{"pointer":"/connection_id"}}]}`)
	err := sc.NewService(c).Delete(context.Background(), "missing")
	require.ErrorIs(t, err, core.ErrNotFound)
	var apiErr *core.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, core.ErrorCode("10005"), apiErr.Errors[0].Code)
}

func TestSecretsAreRedactedWhenPrinted(t *testing.T) {
	creds := sc.Credentials{ConnectionID: "1", Backend: sc.BackendS3, Configuration: s3}
	values := map[string]any{
		"gcs": gcs, "s3": s3, "azure": azure, "gcs pointer": &gcs, "s3 pointer": &s3, "azure pointer": &azure,
		"params": sc.Params{Configuration: s3}, "params with pointer": sc.Params{Configuration: &azure},
		"params pointer": &sc.Params{Configuration: gcs}, "credentials": creds, "credentials pointer": &creds,
	}
	for name, v := range values {
		for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"} {
			out := fmt.Sprintf(f, v)
			for _, s := range []string{gcsSecret, awsSecret, azureSecret} {
				assert.NotContains(t, out, s, "%s printed with %s: %s", name, f, out)
			}
		}
	}
	// Every verb prints the redacted text.
	for _, f := range []string{"%v", "%+v", "%s", "%q", "%x", "%d", "%10.3v"} {
		assert.Equal(t, "{AWSAccessKeyID:AKIAIOSFODNN7EXAMPLE AWSSecretAccessKey:[REDACTED] Region:us-east-1 Bucket:rec-bucket}", fmt.Sprintf(f, s3), f)
	}
	assert.Equal(t, "{Credentials:[REDACTED] Bucket:rec-bucket}", gcs.String())
	assert.Equal(t, `storagecredentials.AzureConfiguration{AccountName:"my-account", AccountKey:"[REDACTED]", Bucket:"rec-bucket"}`, fmt.Sprintf("%#v", azure))
	assert.Contains(t, fmt.Sprintf("%#v", creds), `Configuration:storagecredentials.S3Configuration{AWSAccessKeyID:"AKIAIOSFODNN7EXAMPLE", AWSSecretAccessKey:"[REDACTED]"`)
	// An empty secret is shown as empty, so a missing one can be spotted.
	assert.Equal(t, "{AccountName:n AccountKey: Bucket:b}", sc.AzureConfiguration{AccountName: "n", Bucket: "b"}.String())
}

func TestSecretsAreRedactedWhenLogged(t *testing.T) {
	creds := sc.Credentials{ConnectionID: "1", RecordType: "custom_storage_credentials", Backend: sc.BackendAzure, Configuration: azure}
	for _, newHandler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(newHandler(&buf)).Info("storage",
			"gcs", gcs, "s3", &s3, "azure", azure,
			"params", sc.Params{Configuration: s3}, "params_ptr", &sc.Params{Configuration: &gcs}, "credentials", creds)
		out := buf.String()
		for _, s := range []string{gcsSecret, awsSecret, azureSecret} {
			assert.NotContains(t, out, s, out)
		}
		assert.Contains(t, out, "[REDACTED]")
		assert.Contains(t, out, "AKIAIOSFODNN7EXAMPLE")
	}

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "params", sc.Params{Configuration: s3})
	var rec struct {
		Params map[string]any `json:"params"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec))
	assert.Equal(t, map[string]any{
		"backend": "s3",
		"configuration": map[string]any{"backend": "s3", "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
			"aws_secret_access_key": "[REDACTED]", "region": "us-east-1", "bucket": "rec-bucket"},
	}, rec.Params)
}
