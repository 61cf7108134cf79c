package main

import (
	"bytes"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// form decodes the multipart body of a recorded request.
func form(t *testing.T, r telnyxtest.RecordedRequest) *multipart.Form {
	t.Helper()
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mediaType)
	f, err := multipart.NewReader(bytes.NewReader(r.Body), params["boundary"]).ReadForm(1 << 20)
	require.NoError(t, err)
	return f
}

func TestMediaOnFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), true))

	text := out.String()
	assert.Contains(t, text, "uploaded telnyx-go-example-greeting: audio/wav, 44 bytes\n")
	assert.Contains(t, text, "  telnyx-go-example-greeting  audio/wav  expires ")
	assert.Contains(t, text, "audio/wav files: 1\n")
	assert.Contains(t, text, "replaced the content of telnyx-go-example-greeting with 3700 bytes\n")
	assert.Regexp(t, `downloaded telnyx-go-example-greeting: application/octet-stream, 3700 bytes, sha256 [0-9a-f]{8}… matches\n`, text)
	assert.Contains(t, text, "telnyx-go-example-greeting is gone: GET /v2/media/telnyx-go-example-greeting: 404 Not Found")
	assert.True(t, strings.HasSuffix(text, "\ndone\n"))

	reqs := srv.Requests()
	require.Equal(t, []telnyxtest.Operation{
		telnyxtest.OpCreateMediaStorage, telnyxtest.OpGetMediaStorage, telnyxtest.OpListMediaStorage,
		telnyxtest.OpUpdateMediaStorage, telnyxtest.OpUpdateMediaStorage, telnyxtest.OpDownloadMedia,
		telnyxtest.OpDeleteMediaStorage, telnyxtest.OpGetMediaStorage,
	}, telnyxtest.Operations(reqs))

	up := form(t, reqs[0])
	assert.Equal(t, []string{"telnyx-go-example-greeting"}, up.Value["media_name"])
	assert.Equal(t, []string{"3600"}, up.Value["ttl_secs"])
	require.Len(t, up.File["media"], 1)
	assert.Equal(t, "greeting.wav", up.File["media"][0].Filename)
	assert.Equal(t, "audio/wav", up.File["media"][0].Header.Get("Content-Type"))

	assert.Equal(t, map[string][]string{"filter[content_type][]": {"audio/wav"}}, map[string][]string(reqs[2].Query))

	// A lifetime change alone is sent as JSON.
	assert.Equal(t, "application/json", reqs[3].Header.Get("Content-Type"))
	assert.JSONEq(t, `{"ttl_secs":7200}`, string(reqs[3].Body))
	replaced := form(t, reqs[4])
	require.Len(t, replaced.File["media"], 1)
	assert.EqualValues(t, 3700, replaced.File["media"][0].Size)
	assert.Equal(t, http.MethodDelete, reqs[6].Method)
}

func TestMediaReadOnly(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), false))

	assert.Equal(t, "audio/wav files: 0\ndone\n", out.String())
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpListMediaStorage}, telnyxtest.Operations(srv.Requests()))
}
