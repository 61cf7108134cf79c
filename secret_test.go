package telnyx_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
)

func TestSecretRedactsInEverySink(t *testing.T) {
	t.Parallel()
	const value = "s3-secret-abc123"
	s := telnyx.NewSecret(value)
	type inner struct {
		Key    telnyx.Secret
		hidden telnyx.Secret
	}
	nested := struct {
		In    inner
		Ptr   *inner
		List  []telnyx.Secret
		Map   map[string]telnyx.Secret
		Iface any
	}{inner{s, s}, &inner{s, s}, []telnyx.Secret{s}, map[string]telnyx.Secret{"k": s}, s}
	for _, v := range []any{s, &s, inner{s, s}, nested, &nested} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s"} {
			assert.NotContains(t, fmt.Sprintf(verb, v), value, "%s of %T", verb, v)
		}
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.NotContains(t, string(b), value)
		var text, js bytes.Buffer
		slog.New(slog.NewTextHandler(&text, &slog.HandlerOptions{Level: slog.LevelDebug})).Debug("m", "v", v)
		slog.New(slog.NewJSONHandler(&js, &slog.HandlerOptions{Level: slog.LevelDebug})).Debug("m", "v", v)
		assert.NotContains(t, text.String(), value)
		assert.NotContains(t, js.String(), value)
	}
	assert.Equal(t, value, s.Reveal())
	assert.Equal(t, telnyx.Redacted, s.String())
	assert.Equal(t, "", telnyx.Secret{}.String())
	assert.True(t, telnyx.Secret{}.IsZero())

	var back struct{ K telnyx.Secret }
	require.NoError(t, json.Unmarshal([]byte(`{"K":"from-api"}`), &back))
	assert.Equal(t, "from-api", back.K.Reveal())
	require.NoError(t, json.Unmarshal([]byte(`{"K":{"type":"service_account"}}`), &back))
	assert.JSONEq(t, `{"type":"service_account"}`, back.K.Reveal())
}
