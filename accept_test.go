package telnyx_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// TestDownloadsThroughTheEscapeHatch: Client.Get and Do ask for what a
// download answers, so the fake, like the API, does not refuse them with
// 406, and an out of type *[]byte receives the file's bytes.
func TestDownloadsThroughTheEscapeHatch(t *testing.T) {
	t.Parallel()
	srv := telnyxtest.NewServer()
	t.Cleanup(srv.Close)
	content := []byte("RIFF\x00\x01binary")
	srv.SeedMedia(media.File{MediaName: "hello.wav"}, content)
	c := srv.Client()

	var got []byte
	require.NoError(t, c.Get(t.Context(), "/media/hello.wav/download", nil, &got))
	assert.Equal(t, content, got)

	got = nil
	resp, err := c.Do(t.Context(), telnyx.Request{Method: http.MethodGet, Path: "/media/{media_name}/download", PathParams: []string{"hello.wav"}}, &got)
	require.NoError(t, err)
	assert.Equal(t, content, got)
	assert.Equal(t, "/v2/media/hello.wav/download", resp.Path)

	var meta map[string]any
	require.NoError(t, c.Get(t.Context(), "/media/hello.wav", nil, &meta), "JSON answers still decode")
	assert.NotEmpty(t, meta["data"])
}

func TestAcceptOnTheWire(t *testing.T) {
	t.Parallel()
	c, rec := testutil.NewClient(t)
	require.NoError(t, c.Get(t.Context(), "/media/x/download", nil, nil))
	assert.Equal(t, "*/*", rec.Last(t).Header.Get("Accept"))
	rec.Reset()
	require.NoError(t, c.Get(t.Context(), "/media/x", nil, nil))
	assert.Equal(t, "application/json", rec.Last(t).Header.Get("Accept"))
	rec.Reset()
	_, err := c.Do(t.Context(), telnyx.Request{Method: http.MethodGet, Path: "/media/x/download", Accept: "audio/wav"}, nil)
	require.NoError(t, err)
	assert.Equal(t, "audio/wav", rec.Last(t).Header.Get("Accept"), "a caller's Accept wins")
}
