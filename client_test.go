package telnyx_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
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

	for name, opts := range map[string][]option.RequestOption{
		"clear text":         {option.WithAPIKey("k"), option.WithBaseURL("http://api.example.com/v2")},
		"key with NUL":       {option.WithAPIKey("k\x00y")},
		"key with CRLF":      {option.WithAPIKey("k\r\nX-Evil: 1")},
		"header CRLF":        {option.WithAPIKey("k"), option.WithHeader("X-Trace", "a\r\nX-Evil: 1")},
		"header name":        {option.WithAPIKey("k"), option.WithHeader("Bad Name", "v")},
		"auth header":        {option.WithAPIKey("k"), option.WithHeader("authorization", "Bearer other")},
		"base URL scheme":    {option.WithAPIKey("k"), option.WithBaseURL("ftp://api.example.com")},
		"base URL user":      {option.WithAPIKey("k"), option.WithBaseURL("https://user:pw@api.example.com")},
		"base URL query":     {option.WithAPIKey("k"), option.WithBaseURL("https://api.example.com/v2?x=1")},
		"nil HTTP client":    {option.WithAPIKey("k"), option.WithHTTPClient(nil)},
		"negative retries":   {option.WithAPIKey("k"), option.WithMaxRetries(-1)},
		"response on client": {option.WithAPIKey("k"), option.WithResponseInto(new(*http.Response))},
	} {
		_, err := telnyx.NewClient(opts...)
		assert.Error(t, err, name)
		if err != nil {
			assert.NotContains(t, err.Error(), "pw", name)
		}
	}

	t.Setenv("TELNYX_API_KEY", "from-env")
	client, err := telnyx.NewClient()
	require.NoError(t, err)
	assert.Equal(t, telnyx.DefaultBaseURL, client.BaseURL())
}

// TestServicesShareTheClient proves services built from one client reach
// the server with its key, and that a call option overrides it.
func TestServicesShareTheClient(t *testing.T) {
	t.Parallel()
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var auth []string
	client := srv.Client(option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		auth = append(auth, r.Header.Get("Authorization"))
		return next(r)
	}))
	ctx := t.Context()
	_, err := siprec.New(client).Create(ctx, siprec.Params{Name: "n", Host: "h", Port: 5060})
	require.NoError(t, err)
	_, err = siprec.New(client).Get(ctx, "n")
	require.NoError(t, err)
	require.NoError(t, client.Get(ctx, "/media", nil, nil))
	require.Len(t, auth, 3)
	for _, a := range auth {
		assert.Equal(t, "Bearer "+srv.APIKey(), a)
	}

	_, err = siprec.New(client).Get(ctx, "n", option.WithAPIKey("wrong"))
	var apiErr *telnyx.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.ErrorIs(t, err, telnyx.ErrUnauthorized)
}

func TestNoWayOfPrintingTheClientShowsTheKey(t *testing.T) {
	t.Parallel()
	const key = "KEY-very-secret-123"
	client, err := telnyx.NewClient(option.WithAPIKey(key))
	require.NoError(t, err)
	svc := siprec.New(client)
	holder := struct {
		Client  *telnyx.Client
		Service *siprec.Service
		List    []any
		Map     map[string]any
	}{client, svc, []any{client, svc}, map[string]any{"c": client, "s": svc}}
	values := []any{client, svc, *svc, holder, &holder}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
			assert.NotContains(t, fmt.Sprintf(verb, v), key, "%s of %T", verb, v)
		}
		var text, js bytes.Buffer
		slog.New(slog.NewTextHandler(&text, &slog.HandlerOptions{Level: slog.LevelDebug})).Debug("x", "v", v)
		slog.New(slog.NewJSONHandler(&js, &slog.HandlerOptions{Level: slog.LevelDebug})).Debug("x", "v", v)
		assert.NotContains(t, text.String(), key, "slog text of %T", v)
		assert.NotContains(t, js.String(), key, "slog JSON of %T", v)
		b, _ := json.Marshal(v)
		assert.NotContains(t, string(b), key, "JSON of %T", v)
	}
	assert.Equal(t, "telnyx.Client{BaseURL: "+telnyx.DefaultBaseURL+"}", client.String())
}

func TestHelpers(t *testing.T) {
	t.Parallel()
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
