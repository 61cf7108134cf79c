package storagecredentials_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	sc "github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

// shapes nests v every way a program may hold it.
func shapes[T any](v T) map[string]any {
	return map[string]any{
		"value": v, "pointer": &v,
		"struct": struct{ V T }{v}, "struct of pointer": struct{ V *T }{&v},
		"slice": []T{v}, "slice of pointers": []*T{&v},
		"map": map[string]T{"k": v}, "map of pointers": map[string]*T{"k": &v},
	}
}

// sinks renders v through every fmt verb, both slog handlers at debug
// level, and encoding/json.
func sinks(t *testing.T, v any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"} {
		out[verb] = fmt.Sprintf(verb, v)
	}
	debug := &slog.HandlerOptions{Level: slog.LevelDebug}
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, debug) },
		"slog json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, debug) },
	} {
		var buf bytes.Buffer
		slog.New(h(&buf)).Debug("storage", "v", v, slog.Group("g", slog.Any("v", v)))
		out[name] = buf.String()
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	out["json"] = string(b)
	return out
}

func TestSecretsNeverShow(t *testing.T) {
	t.Parallel()
	secrets := []string{gcsSecret, awsSecret, azureSecret, unknownSecret}
	var forbidden []string
	for _, s := range secrets {
		h := hex.EncodeToString([]byte(s))
		forbidden = append(forbidden, s, h, strings.ToUpper(h))
	}

	values := map[string]map[string]any{
		"gcs": shapes(gcs), "s3": shapes(s3), "azure": shapes(azure),
		"params": shapes(sc.Params{Configuration: s3}), "params with a pointer": shapes(sc.Params{Configuration: &azure}),
		"secret": shapes(s3.AWSSecretAccessKey),
	}
	for name, data := range map[string]string{
		"gcs": gcsData, "s3": s3Data, "azure": azureData,
		"unknown": `{"backend":"r2","configuration":{"backend":"r2","api_token":"` + unknownSecret + `"}}`,
	} {
		svc, rec := setup(t)
		rec.Answer(http.StatusOK, answer("1", data))
		got, err := svc.Get(t.Context(), "1")
		require.NoError(t, err)
		values[name+" answer"] = shapes(*got)
		values[name+" answer configuration"] = shapes(got.Configuration)
	}
	for kind, byShape := range values {
		for shape, v := range byShape {
			for sink, out := range sinks(t, v) {
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
