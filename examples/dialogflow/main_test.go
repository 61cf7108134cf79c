package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func demoConfig(write bool) config {
	return config{write: write, connectionID: demoConnectionID, serviceAccount: telnyx.NewSecret(demoServiceAccount)}
}

func TestDialogflowOnFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), demoConfig(true)))

	text := out.String()
	assert.Equal(t, `application 1494404757140276705 has no Dialogflow connection yet
storing the key of service account dialogflow@telnyx-go-example.iam.gserviceaccount.com: [REDACTED]
created Dialogflow connection: application 1494404757140276705, service account [REDACTED], environment draft
updated Dialogflow connection: application 1494404757140276705, service account [REDACTED], conversation profile projects/telnyx-go-example/locations/global/conversationProfiles/example
read back: application 1494404757140276705, service account [REDACTED], conversation profile projects/telnyx-go-example/locations/global/conversationProfiles/example
deleted the Dialogflow connection of application 1494404757140276705
done
`, text)
	assert.NotContains(t, text, "PRIVATE KEY")
	assert.NotContains(t, text, "NOT-A-REAL-KEY")

	reqs := srv.Requests()
	require.Equal(t, []telnyxtest.Operation{
		telnyxtest.OpGetDialogflowConnection, telnyxtest.OpCreateDialogflowConnection, telnyxtest.OpUpdateDialogflowConnection,
		telnyxtest.OpGetDialogflowConnection, telnyxtest.OpDeleteDialogflowConnection,
	}, telnyxtest.Operations(reqs))
	for _, r := range reqs {
		assert.Equal(t, "/v2/dialogflow_connections/1494404757140276705", r.Path)
	}
	// The key itself does go to the API, as the JSON object of the file.
	assert.JSONEq(t, `{"service_account":`+demoServiceAccount+`,"dialogflow_api":"es","environment":"draft"}`, string(reqs[1].Body))
	assert.JSONEq(t, `{"service_account":`+demoServiceAccount+`,"dialogflow_api":"cx",
		"conversation_profile_id":"projects/telnyx-go-example/locations/global/conversationProfiles/example","location":"global"}`, string(reqs[2].Body))
	var sent struct {
		ServiceAccount struct {
			PrivateKey string `json:"private_key"`
		} `json:"service_account"`
	}
	require.NoError(t, json.Unmarshal(reqs[1].Body, &sent))
	assert.Contains(t, sent.ServiceAccount.PrivateKey, "NOT-A-REAL-KEY")
}

func TestDialogflowReadOnlyAndExisting(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), demoConfig(false)))
	assert.Equal(t, "application 1494404757140276705 has no Dialogflow connection yet\ndone\n", out.String())
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpGetDialogflowConnection}, telnyxtest.Operations(srv.Requests()))

	_, err := dialogflow.New(srv.Client()).Create(t.Context(), demoConnectionID, dialogflow.Params{ServiceAccount: telnyx.NewSecret(`{"project_id":"mine"}`)})
	require.NoError(t, err)
	srv.Reset()
	out.Reset()
	require.NoError(t, run(t.Context(), &out, srv.Client(), demoConfig(true)))
	assert.Equal(t, "Dialogflow connection: application 1494404757140276705, service account [REDACTED]\nit exists already: leaving it alone\ndone\n", out.String())
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpGetDialogflowConnection}, telnyxtest.Operations(srv.Requests()))
}

func TestDialogflowNeedsConnectionAndKey(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()

	err := run(t.Context(), &bytes.Buffer{}, srv.Client(), config{})
	require.ErrorContains(t, err, "-connection")
	err = run(t.Context(), &bytes.Buffer{}, srv.Client(), config{write: true, connectionID: "1"})
	require.ErrorContains(t, err, "-service-account")
	assert.Empty(t, srv.Requests())
}
