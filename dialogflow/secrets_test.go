package dialogflow_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

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
		"params": testutil.Shapes(cxParams()), "answer": testutil.Shapes(*answer), "service account": testutil.Shapes(answer.ServiceAccount),
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
	p := cxParams()
	assert.Contains(t, fmt.Sprintf("%+v", p), "ServiceAccount:"+telnyx.Redacted)
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"service_account":"[REDACTED]","dialogflow_api":"cx","conversation_profile_id":"a-VMHLWzTmKjiJw5S6O0-w","location":"global","environment":"development"}`, string(b))
	assert.Equal(t, fmt.Sprintf("%#v", dialogflow.Connection{}), `dialogflow.Connection{RecordType:"", ConnectionID:"", ConversationProfileID:"", Environment:"", ServiceAccount:telnyx.Secret(""), Edition:"", Location:""}`)
}
