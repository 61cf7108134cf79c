package main

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestQuickstartOnFake(t *testing.T) {
	t.Setenv("TELNYX_API_KEY", "")
	var out bytes.Buffer
	var reqs []telnyxtest.RecordedRequest
	err := exampleenv.Run(context.Background(), &out, false, (*telnyxtest.Server).SeedDemo,
		func(ctx context.Context, w io.Writer, env *exampleenv.Env) error {
			defer func() { reqs = env.Fake.Requests() }()
			return start(ctx, w, env, "")
		})
	require.NoError(t, err)

	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	assert.Regexp(t, `^No TELNYX_API_KEY set: running against the built-in fake Telnyx API at http://127\.0\.0\.1:\d+/v2$`, lines[0])
	assert.Equal(t, "done", lines[len(lines)-1])
	text := out.String()
	assert.Regexp(t, `created external connection \d+ \(zoom\)\n`, text)
	assert.Contains(t, text, "Demo Zoom\n")
	assert.Contains(t, text, "Demo Operator Connect\n")
	assert.Contains(t, text, "listed 3 external connections\n")
	assert.Contains(t, text, "uploaded media telnyx-go-quickstart (audio/mpeg, 2050 bytes")
	assert.Contains(t, text, "downloaded media telnyx-go-quickstart: 2050 bytes, identical to the upload\n")
	assert.Contains(t, text, "recordings: 25 in total, the first 3:\n")
	assert.Equal(t, 3, strings.Count(text, "  recording "))
	assert.Contains(t, text, "created SIPREC connector telnyx-go-quickstart -> siprec.example.com:5060\n")
	assert.Contains(t, text, "SIPREC connector telnyx-go-quickstart not found, as expected")
	assert.Regexp(t, `deleted external connection \d+\n`, text)

	assert.Equal(t, []telnyxtest.Operation{
		telnyxtest.OpCreateExternalConnection,
		telnyxtest.OpListExternalConnections, telnyxtest.OpListExternalConnections, // 3 connections in pages of 2
		telnyxtest.OpCreateMediaStorage, telnyxtest.OpDownloadMedia, telnyxtest.OpDeleteMediaStorage,
		telnyxtest.OpGetRecordings,
		telnyxtest.OpCreateSiprecConnector, telnyxtest.OpDeleteSiprecConnector, telnyxtest.OpGetSiprecConnector,
		telnyxtest.OpDeleteExternalConnection,
	}, telnyxtest.Operations(reqs))

	assert.JSONEq(t, `{"external_sip_connection":"zoom","outbound":{"outbound_voice_profile_id":"1911630617284445511"},"active":false}`, string(reqs[0].Body))
	assert.Equal(t, map[string][]string{"page[size]": {"2"}}, map[string][]string(reqs[1].Query))
	assert.Equal(t, map[string][]string{"page[size]": {"2"}, "page[number]": {"2"}}, map[string][]string(reqs[2].Query))

	// The upload is multipart, with the file streamed from memory.
	mediaType, params, err := mime.ParseMediaType(reqs[3].Header.Get("Content-Type"))
	require.NoError(t, err)
	assert.Equal(t, "multipart/form-data", mediaType)
	form, err := multipart.NewReader(bytes.NewReader(reqs[3].Body), params["boundary"]).ReadForm(1 << 20)
	require.NoError(t, err)
	assert.Equal(t, []string{"telnyx-go-quickstart"}, form.Value["media_name"])
	assert.Equal(t, []string{"3600"}, form.Value["ttl_secs"])
	require.Len(t, form.File["media"], 1)
	assert.Equal(t, "greeting.mp3", form.File["media"][0].Filename)
	assert.EqualValues(t, 2050, form.File["media"][0].Size)

	assert.Equal(t, "/v2/media/telnyx-go-quickstart/download", reqs[4].Path)
	assert.Equal(t, "/v2/siprec_connectors/telnyx-go-quickstart", reqs[9].Path)
	assert.Equal(t, reqs[10].Path, "/v2/external_connections/"+strings.Fields(strings.SplitN(text, "created external connection ", 2)[1])[0])
}

func TestQuickstartReadOnlyOnlyReads(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedDemo()
	var out bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), config{}))

	for _, r := range srv.Requests() {
		assert.Equal(t, http.MethodGet, r.Method, r.Path)
	}
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpListExternalConnections, telnyxtest.OpGetRecordings, telnyxtest.OpGetSiprecConnector},
		telnyxtest.Operations(srv.Requests()))
	assert.NotContains(t, out.String(), "created")
	assert.Contains(t, out.String(), "listed 2 external connections\n")
	assert.True(t, strings.HasSuffix(out.String(), "\ndone\n"))
}

func TestQuickstartWriteNeedsProfile(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	err := run(context.Background(), &out, srv.Client(), config{write: true})

	require.ErrorContains(t, err, "-profile")
	assert.Empty(t, srv.Requests())
	assert.Empty(t, out.String())
}
