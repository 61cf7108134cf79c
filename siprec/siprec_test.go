package siprec_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

const connectorJSON = `{"data":{"record_type":"siprec_connector","name":"my-srs","host":"siprec.telnyx.com","port":5060,"app_subdomain":"my-app","created_at":"2024-01-23T18:10:02.574Z","updated_at":"2024-01-23T18:10:03.000Z"}}`

func TestCreateSendsBodyAndDecodes(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/siprec_connectors", http.StatusCreated, connectorJSON)
	svc := siprec.NewService(c)

	conn, err := svc.Create(context.Background(), siprec.Params{Name: "my-srs", Host: "siprec.telnyx.com", Port: 5060, AppSubdomain: ptr("my-app")})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	req := (*seen)[0]
	assert.Equal(t, "Bearer "+testutil.APIKey, req.Header.Get("Authorization"))
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"name":"my-srs","host":"siprec.telnyx.com","port":5060,"app_subdomain":"my-app"}`, string(req.Body))
	assert.Equal(t, &siprec.Connector{RecordType: "siprec_connector", Name: "my-srs", Host: "siprec.telnyx.com", Port: 5060,
		AppSubdomain: "my-app", CreatedAt: "2024-01-23T18:10:02.574Z", UpdatedAt: "2024-01-23T18:10:03.000Z"}, conn)
}

func TestCreateLeavesOutUnsetOptionalFields(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/siprec_connectors", http.StatusCreated, connectorJSON)
	_, err := siprec.NewService(c).Create(context.Background(), siprec.Params{Name: "n", Host: "h", Port: 5060})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"n","host":"h","port":5060}`, string((*seen)[0].Body))
}

func TestGetUpdateDeleteEscapeTheName(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := siprec.NewService(c)
	ctx := context.Background()
	const escaped = "/siprec_connectors/a%2F..%2F..%2Frecordings%23x"
	get := testutil.Respond(mock, http.MethodGet, escaped, http.StatusOK, connectorJSON)
	put := testutil.Respond(mock, http.MethodPut, escaped, http.StatusOK, connectorJSON)
	del := testutil.Respond(mock, http.MethodDelete, escaped, http.StatusNoContent, "")

	name := "a/../../recordings#x"
	got, err := svc.Get(ctx, name)
	require.NoError(t, err)
	assert.Equal(t, "my-srs", got.Name)
	_, err = svc.Update(ctx, name, siprec.Params{Name: "my-srs", Host: "h2", Port: 5061})
	require.NoError(t, err)
	require.NoError(t, svc.Delete(ctx, name))

	require.Len(t, *get, 1)
	assert.Equal(t, "/v2"+escaped, (*get)[0].Path)
	require.Len(t, *put, 1)
	assert.JSONEq(t, `{"name":"my-srs","host":"h2","port":5061}`, string((*put)[0].Body))
	require.Len(t, *del, 1)
	assert.Equal(t, http.MethodDelete, (*del)[0].Method)
}

func TestValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := siprec.NewService(c)
	ctx := context.Background()
	cases := []struct {
		field string
		call  func() error
	}{
		{"name", func() error { _, err := svc.Create(ctx, siprec.Params{Host: "h", Port: 5060}); return err }},
		{"host", func() error { _, err := svc.Create(ctx, siprec.Params{Name: "n", Port: 5060}); return err }},
		{"port", func() error {
			_, err := svc.Update(ctx, "n", siprec.Params{Name: "n", Host: "h", Port: 70000})
			return err
		}},
		{"connector_name", func() error { _, err := svc.Get(ctx, ""); return err }},
		{"connector_name", func() error { return svc.Delete(ctx, "..") }},
		{"connector_name", func() error { _, err := svc.Update(ctx, ".", siprec.Params{Name: "n", Host: "h", Port: 1}); return err }},
	}
	for _, tc := range cases {
		err := tc.call()
		testutil.RequireInvalid(t, err, tc.field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}

func TestNotFoundWithNumericCode(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/siprec_connectors/missing", http.StatusNotFound,
		`{"errors":[{"code":10005,"title":"Resource not found","detail":"No connector named missing"}]}`)
	_, err := siprec.NewService(c).Get(context.Background(), "missing")
	require.ErrorIs(t, err, core.ErrNotFound)
	var apiErr *core.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, core.ErrorCode("10005"), apiErr.Errors[0].Code)
	assert.Equal(t, "req-1", apiErr.RequestID)
}

func ptr[T any](v T) *T { return &v }
