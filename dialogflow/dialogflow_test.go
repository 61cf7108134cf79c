package dialogflow_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

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

var wantConnection = &dialogflow.Connection{
	RecordType:            "dialogflow_connections",
	ConnectionID:          "1234541231",
	ConversationProfileID: "a-VMHLWzTmKjiJw5S6O0-w",
	Environment:           "development",
	ServiceAccount:        "****",
	DialogflowAPI:         dialogflow.APICX,
	Location:              "global",
}

func cxParams() dialogflow.Params {
	return dialogflow.Params{
		ServiceAccount:        dialogflow.ServiceAccount(keyFile),
		DialogflowAPI:         ptr(dialogflow.APICX),
		ConversationProfileID: ptr("a-VMHLWzTmKjiJw5S6O0-w"),
		Location:              ptr("global"),
		Environment:           ptr("development"),
	}
}

func TestCreateSendsTheServiceAccountAndDecodes(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/dialogflow_connections/1234541231", http.StatusCreated, connectionJSON)

	conn, err := dialogflow.NewService(c).Create(context.Background(), "1234541231", cxParams())
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	req := (*seen)[0]
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"service_account":`+keyFile+`,"dialogflow_api":"cx","conversation_profile_id":"a-VMHLWzTmKjiJw5S6O0-w","location":"global","environment":"development"}`, string(req.Body))
	// The private key must reach the API intact.
	var body struct {
		ServiceAccount map[string]string `json:"service_account"`
	}
	require.NoError(t, json.Unmarshal(req.Body, &body))
	assert.Equal(t, "-----BEGIN PRIVATE KEY-----\n"+secret+"\n-----END PRIVATE KEY-----\n", body.ServiceAccount["private_key"])
	assert.Equal(t, wantConnection, conn)
}

func TestCreateLeavesOutUnsetOptionalFields(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/dialogflow_connections/1", http.StatusCreated, `{"data":{"connection_id":"1","service_account":"****"}}`)

	conn, err := dialogflow.NewService(c).Create(context.Background(), "1", dialogflow.Params{ServiceAccount: dialogflow.ServiceAccount(`{"type":"service_account"}`)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"service_account":{"type":"service_account"}}`, string((*seen)[0].Body))
	assert.Equal(t, &dialogflow.Connection{ConnectionID: "1", ServiceAccount: "****"}, conn)
}

func TestESNeedsNoProfileOrLocation(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPut, "/dialogflow_connections/1", http.StatusOK, connectionJSON)

	_, err := dialogflow.NewService(c).Update(context.Background(), "1", dialogflow.Params{
		ServiceAccount: dialogflow.ServiceAccount(`{"a":1}`), DialogflowAPI: ptr(dialogflow.APIES)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"service_account":{"a":1},"dialogflow_api":"es"}`, string((*seen)[0].Body))
}

func TestGetUpdateDeleteEscapeTheConnectionID(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := dialogflow.NewService(c)
	ctx := context.Background()
	const escaped = "/dialogflow_connections/a%2F..%2Fb%23c"
	get := testutil.Respond(mock, http.MethodGet, escaped, http.StatusOK, connectionJSON)
	post := testutil.Respond(mock, http.MethodPost, escaped, http.StatusCreated, connectionJSON)
	put := testutil.Respond(mock, http.MethodPut, escaped, http.StatusOK, connectionJSON)
	del := testutil.Respond(mock, http.MethodDelete, escaped, http.StatusNoContent, "")

	id := "a/../b#c"
	got, err := svc.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, wantConnection, got)
	_, err = svc.Create(ctx, id, cxParams())
	require.NoError(t, err)
	updated, err := svc.Update(ctx, id, cxParams())
	require.NoError(t, err)
	assert.Equal(t, wantConnection, updated)
	require.NoError(t, svc.Delete(ctx, id))

	for _, seen := range []*[]testutil.Captured{get, post, put, del} {
		require.Len(t, *seen, 1)
		assert.Equal(t, "/v2"+escaped, (*seen)[0].Path)
	}
	assert.Equal(t, http.MethodPut, (*put)[0].Method)
	assert.Contains(t, string((*put)[0].Body), secret)
	assert.Empty(t, (*get)[0].Body)
	assert.Empty(t, (*del)[0].Body)
}

func TestValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := dialogflow.NewService(c)
	ctx := context.Background()
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
		{"no service account", "service_account", with(func(p *dialogflow.Params) { p.ServiceAccount = nil })},
		{"blank service account", "service_account", with(func(p *dialogflow.Params) { p.ServiceAccount = dialogflow.ServiceAccount(" \n") })},
		{"array service account", "service_account", with(func(p *dialogflow.Params) { p.ServiceAccount = dialogflow.ServiceAccount(`["x"]`) })},
		{"broken service account", "service_account", with(func(p *dialogflow.Params) { p.ServiceAccount = dialogflow.ServiceAccount(`{"private_key":"` + secret) })},
		{"unknown api", "dialogflow_api", with(func(p *dialogflow.Params) { p.DialogflowAPI = ptr(dialogflow.API("v3")) })},
		{"empty api", "dialogflow_api", with(func(p *dialogflow.Params) { p.DialogflowAPI = ptr(dialogflow.API("")) })},
		{"cx without profile", "conversation_profile_id", with(func(p *dialogflow.Params) { p.ConversationProfileID = nil })},
		{"cx with empty profile", "conversation_profile_id", with(func(p *dialogflow.Params) { p.ConversationProfileID = ptr("") })},
		{"cx without location", "location", with(func(p *dialogflow.Params) { p.Location = nil })},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, call := range []func() error{
				func() error { _, err := svc.Create(ctx, "1", tc.params); return err },
				func() error { _, err := svc.Update(ctx, "1", tc.params); return err },
			} {
				err := call()
				testutil.RequireInvalid(t, err, tc.field)
				assert.NotContains(t, err.Error(), secret)
			}
		})
	}
	for _, call := range []func() error{
		func() error { _, err := svc.Get(ctx, ""); return err },
		func() error { _, err := svc.Create(ctx, "", cxParams()); return err },
		func() error { _, err := svc.Update(ctx, "..", cxParams()); return err },
		func() error { return svc.Delete(ctx, ".") },
	} {
		var verr *core.ValidationError
		require.ErrorAs(t, call(), &verr)
		assert.Equal(t, "connection_id", verr.Field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}

func TestNotFound(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/dialogflow_connections/missing", http.StatusNotFound,
		`{"errors":[{"code":"10005","title":"Resource not found","source":{"pointer":"/connection_id"}}]}`)
	_, err := dialogflow.NewService(c).Get(context.Background(), "missing")
	require.ErrorIs(t, err, core.ErrNotFound)
	var apiErr *core.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, core.ErrorCode("10005"), apiErr.Errors[0].Code)
	assert.Equal(t, "/connection_id", apiErr.Errors[0].Source.Pointer)
}

func TestServiceAccountIsRedactedWhenPrinted(t *testing.T) {
	p := cxParams()
	sa := p.ServiceAccount
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"} {
		for name, v := range map[string]any{"account": sa, "params": p, "params pointer": &p, "account pointer": &sa} {
			out := fmt.Sprintf(format, v)
			assert.NotContains(t, out, secret, "%s printed with %s", name, format)
			assert.NotContains(t, out, "abc123", "%s printed with %s", name, format)
		}
	}
	// Every verb prints the redacted text.
	for _, format := range []string{"%v", "%+v", "%s", "%q", "%x", "%d", "%10.3v"} {
		assert.Equal(t, "{client_email:bot@my-project.iam.gserviceaccount.com project_id:my-project [REDACTED]}", fmt.Sprintf(format, sa), format)
	}
	assert.Equal(t, "dialogflow.ServiceAccount{client_email:bot@my-project.iam.gserviceaccount.com project_id:my-project [REDACTED]}", fmt.Sprintf("%#v", sa))
	assert.Equal(t, "{[REDACTED]}", dialogflow.ServiceAccount(`{"private_key":"`+secret).String())
	assert.Equal(t, "{}", dialogflow.ServiceAccount(nil).String())
	assert.Contains(t, fmt.Sprintf("%+v", p), "ServiceAccount:{client_email:bot@my-project.iam.gserviceaccount.com")
}

func TestServiceAccountIsRedactedWhenLogged(t *testing.T) {
	p := cxParams()
	for _, newHandler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		log := slog.New(newHandler(&buf))
		log.Info("creating", "params", p, "params_ptr", &p, "account", p.ServiceAccount, slog.Any("raw", p.ServiceAccount))
		out := buf.String()
		assert.NotContains(t, out, secret)
		assert.NotContains(t, out, "PRIVATE KEY")
		assert.Contains(t, out, "bot@my-project.iam.gserviceaccount.com")
		assert.Contains(t, out, "[REDACTED]")
	}

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "params", p)
	var rec struct {
		Params map[string]any `json:"params"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec))
	assert.Equal(t, map[string]any{
		"service_account":         map[string]any{"client_email": "bot@my-project.iam.gserviceaccount.com", "project_id": "my-project", "private_key": "[REDACTED]"},
		"dialogflow_api":          "cx",
		"conversation_profile_id": "a-VMHLWzTmKjiJw5S6O0-w",
		"location":                "global",
		"environment":             "development",
	}, rec.Params)
	assert.False(t, strings.Contains(buf.String(), secret))
}

func ptr[T any](v T) *T { return &v }
