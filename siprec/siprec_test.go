package siprec_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

const connectorJSON = `{"data":{"record_type":"siprec_connector","name":"my-srs","host":"siprec.telnyx.com","port":5060,"app_subdomain":"my-app","created_at":"2024-01-23T18:10:02.574Z","updated_at":"2024-01-23T18:10:03Z"}}`

var connector = &siprec.Connector{
	RecordType: "siprec_connector", Name: "my-srs", Host: "siprec.telnyx.com", Port: 5060, AppSubdomain: "my-app",
	CreatedAt: telnyx.NewTimestamp(time.Date(2024, 1, 23, 18, 10, 2, 574e6, time.UTC)),
	UpdatedAt: telnyx.NewTimestamp(time.Date(2024, 1, 23, 18, 10, 3, 0, time.UTC)),
}

func setup(t *testing.T) (*siprec.Service, *testutil.Recorder) {
	t.Helper()
	c, rec := testutil.NewClient(t)
	return siprec.New(c), rec
}

var params = siprec.Params{Name: "my-srs", Host: "siprec.telnyx.com", Port: 5060, AppSubdomain: telnyx.String("my-app")}

const paramsJSON = `{"name":"my-srs","host":"siprec.telnyx.com","port":5060,"app_subdomain":"my-app"}`

const connectorTemplate = "/siprec_connectors/{connector_name}"

func TestMethods(t *testing.T) {
	t.Parallel()
	testutil.Run(t, []testutil.Case{
		{
			Name: "Create", Method: http.MethodPost, Path: "/siprec_connectors", Body: paramsJSON,
			Status: http.StatusCreated, Answer: connectorJSON, Want: connector,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) { return siprec.New(c).Create(ctx, params) },
		},
		{
			Name: "Get", Method: http.MethodGet, Path: "/siprec_connectors/a%20b%2F%23", Status: http.StatusOK, Answer: connectorJSON, Want: connector,
			Call:     func(ctx context.Context, c *telnyx.Client) (any, error) { return siprec.New(c).Get(ctx, "a b/#") },
			Template: connectorTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := siprec.New(c).Get(ctx, v)
				return err
			},
		},
		{
			Name: "Update", Method: http.MethodPut, Path: "/siprec_connectors/my-srs", Body: paramsJSON, Status: http.StatusOK, Answer: connectorJSON, Want: connector,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return siprec.New(c).Update(ctx, "my-srs", params)
			},
			Template: connectorTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := siprec.New(c).Update(ctx, v, params)
				return err
			},
		},
		{
			Name: "Delete", Method: http.MethodDelete, Path: "/siprec_connectors/my-srs", Status: http.StatusNoContent,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return nil, siprec.New(c).Delete(ctx, "my-srs")
			},
			Template: connectorTemplate,
			Hostile:  func(ctx context.Context, c *telnyx.Client, v string) error { return siprec.New(c).Delete(ctx, v) },
		},
	})
}

func TestCreateLeavesOutUnsetOptionalFields(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusCreated, connectorJSON)
	_, err := svc.Create(t.Context(), siprec.Params{Name: "n", Host: "h", Port: 5060})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"n","host":"h","port":5060}`, string(rec.Last(t).Body))
}

func TestValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	ctx := t.Context()
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
		{"port", func() error { _, err := svc.Create(ctx, siprec.Params{Name: "n", Host: "h"}); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
