package storagecredentials_test

import (
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	sc "github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

func TestSecretsNeverShow(t *testing.T) {
	t.Parallel()
	secrets := []string{gcsSecret, awsSecret, azureSecret, unknownSecret}
	var forbidden []string
	for _, s := range secrets {
		h := hex.EncodeToString([]byte(s))
		forbidden = append(forbidden, s, h, strings.ToUpper(h))
	}

	values := map[string]map[string]any{
		"gcs": testutil.Shapes(gcs), "s3": testutil.Shapes(s3), "azure": testutil.Shapes(azure), "s3-generic": testutil.Shapes(s3Generic),
		"params": testutil.Shapes(sc.Params{Configuration: s3}), "params with a pointer": testutil.Shapes(sc.Params{Configuration: &azure}),
		"secret": testutil.Shapes(s3.AWSSecretAccessKey),
	}
	for name, data := range map[string]string{
		"gcs": gcsData, "s3": s3Data, "azure": azureData, "s3-generic": s3GenericData,
		"unknown": `{"backend":"r2","configuration":{"backend":"r2","api_token":"` + unknownSecret + `"}}`,
	} {
		svc, rec := setup(t)
		rec.Answer(http.StatusOK, answer("1", data))
		got, err := svc.Get(t.Context(), "1")
		require.NoError(t, err)
		values[name+" answer"] = testutil.Shapes(*got)
		values[name+" answer configuration"] = testutil.Shapes(got.Configuration)
	}
	for kind, byShape := range values {
		for shape, v := range byShape {
			for sink, out := range testutil.Sinks(t, v) {
				for _, f := range forbidden {
					assert.NotContains(t, out, f, "%s as %s through %s: %s", kind, shape, sink, out)
				}
			}
		}
	}

	assert.Equal(t, "{AWSAccessKeyID:AKIAIOSFODNN7EXAMPLE AWSSecretAccessKey:[REDACTED] Region:us-east-1 Bucket:rec-bucket}", fmt.Sprintf("%+v", s3))
	assert.Equal(t, `storagecredentials.AzureConfiguration{AccountName:"my-account", AccountKey:telnyx.Secret("[REDACTED]"), Bucket:"rec-bucket"}`, fmt.Sprintf("%#v", azure))
	// An empty secret shows as empty, so a missing one can be spotted.
	assert.Equal(t, "{Credentials: Bucket:b}", fmt.Sprintf("%+v", sc.GCSConfiguration{Bucket: "b"}))
}

func TestTheWireCarriesTheSecrets(t *testing.T) {
	t.Parallel()
	for _, cfg := range []sc.Configuration{gcs, s3, &azure} {
		svc, rec := setup(t)
		rec.Answer(http.StatusOK, answer("1", s3Data))
		_, err := svc.Update(t.Context(), "1", sc.Params{Configuration: cfg})
		require.NoError(t, err)
		body := string(rec.Last(t).Body)
		assert.True(t, strings.Contains(body, gcsSecret) || strings.Contains(body, awsSecret) || strings.Contains(body, azureSecret), body)
		assert.NotContains(t, body, telnyx.Redacted)
	}
}
