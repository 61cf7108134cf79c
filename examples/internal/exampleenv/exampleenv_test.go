package exampleenv_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestSetupWithoutKeyStartsSeededFake(t *testing.T) {
	t.Setenv("TELNYX_API_KEY", "")
	seeded := false
	env, err := exampleenv.Setup(false, func(*telnyxtest.Server) { seeded = true })
	require.NoError(t, err)
	defer env.Close()

	require.NotNil(t, env.Fake)
	assert.True(t, seeded)
	assert.True(t, env.Write, "the fake always allows writes")
	assert.Equal(t, "No TELNYX_API_KEY set: running against the built-in fake Telnyx API at "+env.Fake.URL(), env.Banner)
	assert.True(t, strings.HasPrefix(env.Fake.URL(), "http://127.0.0.1:"), env.Fake.URL())

	_, err = externalconnections.New(env.Client).List(t.Context(), externalconnections.ListParams{})
	require.NoError(t, err)
	assert.Len(t, env.Fake.Requests(), 1)
}

func TestSetupWithKeyUsesEnvironment(t *testing.T) {
	// A fake stands in for the real API, reached through TELNYX_BASE_URL.
	srv := telnyxtest.NewServer(telnyxtest.WithAPIKey("real-key"))
	defer srv.Close()
	t.Setenv("TELNYX_API_KEY", "real-key")
	t.Setenv("TELNYX_BASE_URL", srv.URL())

	for _, write := range []bool{false, true} {
		env, err := exampleenv.Setup(write, func(*telnyxtest.Server) { t.Error("seed called for the real API") })
		require.NoError(t, err)
		assert.Nil(t, env.Fake)
		assert.Equal(t, write, env.Write)
		assert.Contains(t, env.Banner, "TELNYX_API_KEY set: running against "+srv.URL())
		if write {
			assert.Contains(t, env.Banner, "write mode")
		} else {
			assert.Contains(t, env.Banner, "read-only")
		}
		_, err = externalconnections.New(env.Client).List(t.Context(), externalconnections.ListParams{})
		require.NoError(t, err)
		env.Close()
	}
	assert.Len(t, srv.Requests(), 2)
	last, _ := srv.LastRequest()
	assert.Equal(t, "Bearer real-key", last.Header.Get("Authorization"))
}
