package telnyx_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestNewClientRefusesUnworkableConfiguration(t *testing.T) {
	t.Setenv("TELNYX_API_KEY", "")
	_, err := telnyx.NewClient()
	require.ErrorIs(t, err, telnyx.ErrMissingAPIKey)

	_, err = telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL("http://api.example.com/v2"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "clear text")

	t.Setenv("TELNYX_API_KEY", "from-env")
	client, err := telnyx.NewClient()
	require.NoError(t, err)
	v := reflect.ValueOf(client).Elem()
	for i := 0; i < v.NumField(); i++ {
		assert.False(t, v.Field(i).IsNil(), "Client.%s is not set", v.Type().Field(i).Name)
	}
}

// TestEveryServiceSharesTheClientConfiguration proves the services are wired
// to the client: each one reaches the server with the client's key.
func TestEveryServiceSharesTheClientConfiguration(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var auth []string
	client := srv.Client(option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		auth = append(auth, r.Header.Get("Authorization"))
		return next(r)
	}))
	ctx := context.Background()
	_, err := client.SIPREC.Create(ctx, siprec.Params{Name: "n", Host: "h", Port: 5060})
	require.NoError(t, err)
	_, err = client.ExternalConnections.List(ctx, externalconnectionsListParams())
	require.NoError(t, err)
	_, err = client.Recordings.List(ctx, recordingsListParams())
	require.NoError(t, err)
	_, err = client.Media.Get(ctx, "missing")
	require.ErrorIs(t, err, telnyx.ErrNotFound)
	_, err = client.Dialogflow.Get(ctx, "1")
	require.ErrorIs(t, err, telnyx.ErrNotFound)
	_, err = client.StorageCredentials.Get(ctx, "1")
	require.ErrorIs(t, err, telnyx.ErrNotFound)
	_, err = client.Recordings.Transcriptions.Get(ctx, "6a09cdc3-8948-47f0-aa62-74ac943d6c58")
	require.ErrorIs(t, err, telnyx.ErrNotFound)
	_, err = client.OperatorConnect.Refresh(ctx)
	require.NoError(t, err)
	require.Len(t, auth, 8)
	for _, a := range auth {
		assert.Equal(t, "Bearer "+srv.APIKey(), a)
	}

	// A wrong key per call gets the API's 401 as a typed error.
	_, err = client.SIPREC.Get(ctx, "n", option.WithAPIKey("wrong"))
	var apiErr *telnyx.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.ErrorIs(t, err, telnyx.ErrUnauthorized)
}

func TestHelpers(t *testing.T) {
	assert.Equal(t, "x", *telnyx.String("x"))
	assert.Equal(t, 3, *telnyx.Int(3))
	assert.True(t, *telnyx.Bool(true))
	assert.Equal(t, 2.5, *telnyx.Ptr(2.5))
	n := telnyx.Null[string]()
	assert.True(t, n.IsNull())
	v, ok := telnyx.NewNullable("a").Get()
	assert.True(t, ok)
	assert.Equal(t, "a", v)
}
