package telnyx_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	sc "github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

const wireSecret = "s3cr3t-wire-value"

type secretHolder struct {
	Key     telnyx.Secret   `json:"key"`
	Empty   telnyx.Secret   `json:"empty,omitzero"`
	Nested  *secretHolderIn `json:"nested,omitempty"`
	List    []telnyx.Secret `json:"list,omitempty"`
	private telnyx.Secret
}

type secretHolderIn struct {
	Any   any                            `json:"any"`
	Maybe telnyx.Nullable[telnyx.Secret] `json:"maybe,omitzero"`
}

// TestEscapeHatchBodiesSendSecretValues: a Secret anywhere in a JSON body
// given to Client.Post/Put/Patch or Do goes on the wire as its value, while
// every encoding by the caller, before and after, still shows Redacted.
func TestEscapeHatchBodiesSendSecretValues(t *testing.T) {
	t.Parallel()
	s := telnyx.NewSecret(wireSecret)
	bodies := map[string]struct {
		body any
		want string
	}{
		"struct field": {secretHolder{Key: s, private: s}, `{"key":"` + wireSecret + `"}`},
		"pointer":      {&secretHolder{Key: s}, `{"key":"` + wireSecret + `"}`},
		"nested any, slice, nullable": {
			secretHolder{Key: s, List: []telnyx.Secret{s, telnyx.NewSecret("two")}, Nested: &secretHolderIn{Any: map[string]any{"deep": []any{s}}, Maybe: telnyx.NewNullable(s)}},
			`{"key":"` + wireSecret + `","list":["` + wireSecret + `","two"],"nested":{"any":{"deep":["` + wireSecret + `"]},"maybe":"` + wireSecret + `"}}`,
		},
		"map":              {map[string]any{"k": s, "n": 1}, `{"k":"` + wireSecret + `","n":1}`},
		"map key":          {map[telnyx.Secret]int{s: 1}, `{"` + wireSecret + `":1}`},
		"as JSON":          {map[string]any{"sa": telnyx.NewSecret(`{"type":"service_account"}`).AsJSON()}, `{"sa":{"type":"service_account"}}`},
		"quotes and HTML":  {map[string]any{"k": telnyx.NewSecret(`a"b<c>&\`)}, `{"k":"a\"b<c>&\\"}`},
		"empty secret set": {map[string]any{"k": telnyx.NewSecret("")}, `{"k":""}`},
	}
	for name, tc := range bodies {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, rec := testutil.NewClient(t)
			before, err := json.Marshal(tc.body)
			require.NoError(t, err)
			require.NoError(t, c.Post(t.Context(), "/custom", tc.body, nil))
			assert.JSONEq(t, tc.want, string(rec.Last(t).Body))
			after, err := json.Marshal(tc.body)
			require.NoError(t, err)
			assert.Equal(t, string(before), string(after), "the caller's encoding is unchanged")
			assert.NotContains(t, string(after), wireSecret)
		})
	}
}

// TestSDKParamsWorkThroughTheEscapeHatch: the SDK's own params types send
// the same body through Client.Post/Put as through their service.
func TestSDKParamsWorkThroughTheEscapeHatch(t *testing.T) {
	t.Parallel()
	const sa = `{"type":"service_account","private_key":"` + wireSecret + `"}`
	c, rec := testutil.NewClient(t)
	df := dialogflow.Params{ServiceAccount: telnyx.NewSecret(sa), Location: telnyx.String("global")}
	require.NoError(t, c.Post(t.Context(), "/dialogflow_connections/1", df, nil))
	viaHatch := rec.Last(t).Body
	assert.JSONEq(t, `{"service_account":`+sa+`,"location":"global"}`, string(viaHatch))
	rec.Reset()
	_, err := dialogflow.New(c).Create(t.Context(), "1", df)
	require.NoError(t, err)
	assert.JSONEq(t, string(viaHatch), string(rec.Last(t).Body), "the service sends what the escape hatch sends")

	rec.Reset()
	creds := sc.Params{Configuration: sc.S3Configuration{AWSAccessKeyID: "AKID", AWSSecretAccessKey: telnyx.NewSecret(wireSecret), Region: "us-east-1", Bucket: "b"}}
	require.NoError(t, c.Put(t.Context(), "/custom_storage_credentials/1", creds, nil))
	assert.JSONEq(t, `{"backend":"s3","configuration":{"backend":"s3","aws_access_key_id":"AKID","aws_secret_access_key":"`+wireSecret+`","region":"us-east-1","bucket":"b"}}`, string(rec.Last(t).Body))

	out, err := json.Marshal(creds)
	require.NoError(t, err)
	assert.NotContains(t, string(out), wireSecret)
	assert.Contains(t, string(out), telnyx.Redacted)

	rec.Reset()
	err = c.Post(t.Context(), "/dialogflow_connections/1", dialogflow.Params{}, nil)
	testutil.RequireInvalid(t, err, "service_account")
	assert.Empty(t, rec.Requests(), "params validate themselves through the escape hatch too")
}

// selfMade builds a Secret inside its own MarshalJSON, where the engine
// cannot reach it.
type selfMade struct{}

func (selfMade) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]telnyx.Secret{"k": telnyx.NewSecret(wireSecret)})
}

type secretQuery struct {
	Token telnyx.Secret `url:"token"`
}

// TestUnreachableSecretsAreRefusedBeforeSending: a Secret the engine
// cannot reveal (built inside a custom MarshalJSON, or in a query or a
// form) fails the call before anything is sent; "[REDACTED]" never goes
// on the wire.
func TestUnreachableSecretsAreRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	c, rec := testutil.NewClient(t)
	ctx := t.Context()
	testutil.RequireInvalid(t, c.Post(ctx, "/custom", selfMade{}, nil), "body")
	testutil.RequireInvalid(t, c.Post(ctx, "/custom", map[string]any{"k": telnyx.NewSecret("{").AsJSON()}, nil), "body")
	testutil.RequireInvalid(t, c.Get(ctx, "/custom", secretQuery{Token: telnyx.NewSecret(wireSecret)}, nil), "query")
	testutil.RequireInvalid(t, c.Get(ctx, "/custom", url.Values{"token": {telnyx.Redacted}}, nil), "query")
	_, err := c.Do(ctx, telnyx.Request{Method: "POST", Path: "/media", Body: &telnyx.Multipart{
		Form: secretQuery{Token: telnyx.NewSecret(wireSecret)}, FileField: "media", FileName: "a.mp3", File: strings.NewReader("x"),
	}}, nil)
	testutil.RequireInvalid(t, err, "form")
	err = c.Post(ctx, "/custom", map[string]string{"k": telnyx.Redacted}, nil)
	testutil.RequireInvalid(t, err, "body")
	assert.NotContains(t, err.Error(), wireSecret)
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}

// TestConcurrentEncodingsNeverShowTheValue: while bodies holding a Secret
// are sent from many goroutines, the caller's own encodings of the same
// Secret never show its value, and every request carries it.
func TestConcurrentEncodingsNeverShowTheValue(t *testing.T) {
	t.Parallel()
	c, rec := testutil.NewClient(t)
	s := telnyx.NewSecret(wireSecret)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 32 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			errs <- c.Post(t.Context(), "/custom", map[string]any{"k": s, "i": i}, nil)
		}()
		go func() {
			defer wg.Done()
			b, err := json.Marshal(map[string]any{"k": s})
			if err == nil && strings.Contains(string(b), wireSecret) {
				err = fmt.Errorf("a caller's encoding showed the value: %s", b)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	seen := rec.Requests()
	require.Len(t, seen, 32)
	for _, r := range seen {
		assert.Equal(t, wireSecret, r.JSON(t)["k"])
	}
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.Equal(t, `"`+telnyx.Redacted+`"`, string(b), "no registration outlives its encoding")
}

// TestOptionRefusalsAreValidationErrors: an option refused for its
// arguments is a *ValidationError naming it, from NewClient for a client's
// options and from the call for a call's, before anything is sent.
func TestOptionRefusalsAreValidationErrors(t *testing.T) {
	t.Parallel()
	_, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithHeader("Authorization", "Bearer other"))
	testutil.RequireInvalid(t, err, "option.WithHeader")
	assert.ErrorContains(t, err, "option.WithAPIKey")
	_, err = telnyx.NewClient(option.WithAPIKey("k"), option.WithMaxRetries(-1))
	testutil.RequireInvalid(t, err, "option.WithMaxRetries")

	c, rec := testutil.NewClient(t)
	err = c.Get(t.Context(), "/media", nil, nil, option.WithHeader("authorization", "Bearer other"))
	testutil.RequireInvalid(t, err, "option.WithHeader")
	err = c.Get(t.Context(), "/media", nil, nil, option.WithHeader("X-Ok", "a\nb"))
	testutil.RequireInvalid(t, err, "option.WithHeader")
	err = c.Get(t.Context(), "/media", nil, nil, option.WithRetryOnStatus(200))
	testutil.RequireInvalid(t, err, "option.WithRetryOnStatus")
	err = c.Get(t.Context(), "/media", nil, nil, option.WithRetryOnError(nil))
	testutil.RequireInvalid(t, err, "option.WithRetryOnError")
	err = c.Get(t.Context(), "/media", nil, nil, option.WithLimiter(nil))
	testutil.RequireInvalid(t, err, "option.WithLimiter")
	assert.Empty(t, rec.Requests())
}
