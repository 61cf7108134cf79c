package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func demoConfig(write bool) config {
	return config{write: write, connectionID: demoConnectionID, serviceAccount: dialogflow.ServiceAccount(demoServiceAccount)}
}

func TestDialogflowOnFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), demoConfig(true)))

	text := out.String()
	assert.Equal(t, `application 1494404757140276705 has no Dialogflow connection yet
storing service account {client_email:dialogflow@telnyx-go-example.iam.gserviceaccount.com project_id:telnyx-go-example [REDACTED]}
created Dialogflow connection: application 1494404757140276705, service account ****, environment draft
updated Dialogflow connection: application 1494404757140276705, service account ****, conversation profile projects/telnyx-go-example/locations/global/conversationProfiles/example
read back: application 1494404757140276705, service account ****, conversation profile projects/telnyx-go-example/locations/global/conversationProfiles/example
deleted the Dialogflow connection of application 1494404757140276705
done
`, text)
	assert.NotContains(t, text, "PRIVATE KEY")
	assert.NotContains(t, text, "NOT-A-REAL-KEY")

	reqs := srv.Requests()
	require.Equal(t, []string{
		"GetDialogflowConnection", "CreateDialogflowConnection", "UpdateDialogflowConnection",
		"GetDialogflowConnection", "DeleteDialogflowConnection",
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

	require.NoError(t, run(context.Background(), &out, srv.Client(), demoConfig(false)))
	assert.Equal(t, "application 1494404757140276705 has no Dialogflow connection yet\ndone\n", out.String())
	assert.Equal(t, []string{"GetDialogflowConnection"}, telnyxtest.Operations(srv.Requests()))

	_, err := srv.Client().Dialogflow.Create(context.Background(), demoConnectionID, dialogflow.Params{ServiceAccount: dialogflow.ServiceAccount(`{"project_id":"mine"}`)})
	require.NoError(t, err)
	srv.Reset()
	out.Reset()
	require.NoError(t, run(context.Background(), &out, srv.Client(), demoConfig(true)))
	assert.Equal(t, "Dialogflow connection: application 1494404757140276705, service account ****\nit exists already: leaving it alone\ndone\n", out.String())
	assert.Equal(t, []string{"GetDialogflowConnection"}, telnyxtest.Operations(srv.Requests()))
}

func TestDialogflowNeedsConnectionAndKey(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()

	err := run(context.Background(), &bytes.Buffer{}, srv.Client(), config{})
	require.ErrorContains(t, err, "-connection")
	err = run(context.Background(), &bytes.Buffer{}, srv.Client(), config{write: true, connectionID: "1"})
	require.ErrorContains(t, err, "-service-account")
	assert.Empty(t, srv.Requests())
}
