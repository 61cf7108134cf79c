package dialogflow_test

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
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
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
		slog.New(h(&buf)).Debug("dialogflow", "v", v, slog.Group("g", slog.Any("v", v)))
		out[name] = buf.String()
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	out["json"] = string(b)
	return out
}

func TestSecretsNeverShow(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	// An answer that carries the key unmasked.
	rec.Answer(http.StatusOK, `{"data":{"connection_id":"1","service_account":`+keyFile+`}}`)
	answer, err := svc.Update(t.Context(), "1", cxParams())
	require.NoError(t, err)
	assert.Contains(t, string(rec.Last(t).Body), secret, "the wire carries the key")
	assert.Contains(t, answer.ServiceAccount.Reveal(), secret, "Reveal reads the key")

	forbidden := []string{secret, "PRIVATE KEY", hex.EncodeToString([]byte(secret)), strings.ToUpper(hex.EncodeToString([]byte(secret)))}
	values := map[string]map[string]any{
		"params": shapes(cxParams()), "answer": shapes(*answer), "service account": shapes(answer.ServiceAccount),
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
	p := cxParams()
	assert.Contains(t, fmt.Sprintf("%+v", p), "ServiceAccount:"+telnyx.Redacted)
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"service_account":"[REDACTED]","dialogflow_api":"cx","conversation_profile_id":"a-VMHLWzTmKjiJw5S6O0-w","location":"global","environment":"development"}`, string(b))
	assert.Equal(t, fmt.Sprintf("%#v", dialogflow.Connection{}), `dialogflow.Connection{RecordType:"", ConnectionID:"", ConversationProfileID:"", Environment:"", ServiceAccount:telnyx.Secret(""), Edition:"", Location:""}`)
}
