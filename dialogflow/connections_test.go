package dialogflow_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

// secret is the private part of the key file: no output but the wire may
// hold it.
const secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-super-secret"

const keyFile = `{
  "type": "service_account",
  "project_id": "my-project",
  "private_key_id": "abc123",
  "private_key": "-----BEGIN PRIVATE KEY-----\n` + secret + `\n-----END PRIVATE KEY-----\n",
  "client_email": "bot@my-project.iam.gserviceaccount.com",
  "client_id": "1234"
}`

const connectionJSON = `{"data":{"record_type":"dialogflow_connections","connection_id":"1234541231","conversation_profile_id":"a-VMHLWzTmKjiJw5S6O0-w","environment":"development","service_account":"****","dialogflow_api":"cx","location":"global","extra":{"x":1}}}`

var connection = &dialogflow.Connection{
	RecordType:            "dialogflow_connections",
	ConnectionID:          "1234541231",
	ConversationProfileID: "a-VMHLWzTmKjiJw5S6O0-w",
	Environment:           "development",
	ServiceAccount:        telnyx.NewSecret("****"),
	Edition:               dialogflow.EditionCX,
	Location:              "global",
}

func cxParams() dialogflow.Params {
	return dialogflow.Params{
		ServiceAccount:        telnyx.NewSecret(keyFile),
		Edition:               telnyx.Ptr(dialogflow.EditionCX),
		ConversationProfileID: telnyx.String("a-VMHLWzTmKjiJw5S6O0-w"),
		Location:              telnyx.String("global"),
		Environment:           telnyx.String("development"),
	}
}

var paramsJSON = `{"service_account":` + keyFile + `,"dialogflow_api":"cx","conversation_profile_id":"a-VMHLWzTmKjiJw5S6O0-w","location":"global","environment":"development"}`

const connectionTemplate = "/dialogflow_connections/{connection_id}"

func setup(t *testing.T) (*dialogflow.Service, *testutil.Recorder) {
	t.Helper()
	c, rec := testutil.NewClient(t)
	return dialogflow.New(c), rec
}

func TestMethods(t *testing.T) {
	t.Parallel()
	testutil.Run(t, []testutil.Case{
		{
			Name: "Get", Method: http.MethodGet, Path: "/dialogflow_connections/a%2F..%2Fb%23c", Status: http.StatusOK, Answer: connectionJSON, Want: connection,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dialogflow.New(c).Get(ctx, "a/../b#c")
			},
			Template: connectionTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := dialogflow.New(c).Get(ctx, v)
				return err
			},
		},
		{
			Name: "Create", Method: http.MethodPost, Path: "/dialogflow_connections/1234541231", Body: paramsJSON,
			Status: http.StatusCreated, Answer: connectionJSON, Want: connection,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dialogflow.New(c).Create(ctx, "1234541231", cxParams())
			},
			Template: connectionTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := dialogflow.New(c).Create(ctx, v, cxParams())
				return err
			},
		},
		{
			Name: "Update", Method: http.MethodPut, Path: "/dialogflow_connections/1234541231", Body: paramsJSON,
			Status: http.StatusOK, Answer: connectionJSON, Want: connection,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dialogflow.New(c).Update(ctx, "1234541231", cxParams())
			},
			Template: connectionTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := dialogflow.New(c).Update(ctx, v, cxParams())
				return err
			},
		},
		{
			Name: "Delete", Method: http.MethodDelete, Path: "/dialogflow_connections/1234541231", Status: http.StatusNoContent,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return nil, dialogflow.New(c).Delete(ctx, "1234541231")
			},
			Template: connectionTemplate,
			Hostile:  func(ctx context.Context, c *telnyx.Client, v string) error { return dialogflow.New(c).Delete(ctx, v) },
		},
	})
}

func TestTheKeyReachesTheAPIIntact(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusCreated, connectionJSON)
	_, err := svc.Create(t.Context(), "1", cxParams())
	require.NoError(t, err)
	var body struct {
		ServiceAccount map[string]string `json:"service_account"`
	}
	require.NoError(t, json.Unmarshal(rec.Last(t).Body, &body))
	assert.Equal(t, "-----BEGIN PRIVATE KEY-----\n"+secret+"\n-----END PRIVATE KEY-----\n", body.ServiceAccount["private_key"])
}

func TestOptionalFieldsAreLeftOut(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		params dialogflow.Params
		body   string
	}{
		{"defaults", dialogflow.Params{ServiceAccount: telnyx.NewSecret(`{"type":"service_account"}`)}, `{"service_account":{"type":"service_account"}}`},
		{"es needs no profile or location", dialogflow.Params{ServiceAccount: telnyx.NewSecret(` {"a":1} `), Edition: telnyx.Ptr(dialogflow.EditionES)}, `{"service_account":{"a":1},"dialogflow_api":"es"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			svc, rec := setup(t)
			rec.Answer(http.StatusOK, `{"data":{"connection_id":"1","service_account":"****"}}`)
			conn, err := svc.Update(t.Context(), "1", tc.params)
			require.NoError(t, err)
			assert.JSONEq(t, tc.body, string(rec.Last(t).Body))
			assert.Equal(t, &dialogflow.Connection{ConnectionID: "1", ServiceAccount: telnyx.NewSecret("****")}, conn)
		})
	}
}

func TestAnswerWithoutOptionalFields(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":{"connection_id":"1","service_account":null}}`)
	conn, err := svc.Get(t.Context(), "1")
	require.NoError(t, err)
	assert.Equal(t, &dialogflow.Connection{ConnectionID: "1"}, conn)
	assert.True(t, conn.ServiceAccount.IsZero())
}

func TestValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	ctx := t.Context()
	with := func(change func(*dialogflow.Params)) dialogflow.Params {
		p := cxParams()
		change(&p)
		return p
	}
	cases := []struct {
		name   string
		field  string
		params dialogflow.Params
	}{
		{"no service account", "service_account", with(func(p *dialogflow.Params) { p.ServiceAccount = telnyx.Secret{} })},
		{"blank service account", "service_account", with(func(p *dialogflow.Params) { p.ServiceAccount = telnyx.NewSecret(" \n") })},
		{"array service account", "service_account", with(func(p *dialogflow.Params) { p.ServiceAccount = telnyx.NewSecret(`["x"]`) })},
		{"broken service account", "service_account", with(func(p *dialogflow.Params) { p.ServiceAccount = telnyx.NewSecret(`{"private_key":"` + secret) })},
		{"unknown edition", "dialogflow_api", with(func(p *dialogflow.Params) { p.Edition = telnyx.Ptr(dialogflow.Edition("v3")) })},
		{"empty edition", "dialogflow_api", with(func(p *dialogflow.Params) { p.Edition = telnyx.Ptr(dialogflow.Edition("")) })},
		{"cx without profile", "conversation_profile_id", with(func(p *dialogflow.Params) { p.ConversationProfileID = nil })},
		{"cx with empty profile", "conversation_profile_id", with(func(p *dialogflow.Params) { p.ConversationProfileID = telnyx.String("") })},
		{"cx without location", "location", with(func(p *dialogflow.Params) { p.Location = nil })},
		{"cx with empty location", "location", with(func(p *dialogflow.Params) { p.Location = telnyx.String("") })},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.params.Validate(), tc.field)
		for _, call := range []func() error{
			func() error { _, err := svc.Create(ctx, "1", tc.params); return err },
			func() error { _, err := svc.Update(ctx, "1", tc.params); return err },
		} {
			err := call()
			testutil.RequireInvalid(t, err, tc.field)
			assert.NotContains(t, err.Error(), secret, tc.name)
		}
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
