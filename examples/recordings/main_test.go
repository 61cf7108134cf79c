package main

import (
	"bytes"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestRecordingsOnFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedDemo()
	now := time.Now()
	since := now.Add(-7 * 24 * time.Hour).UTC().Format(time.RFC3339)
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), now))

	text := out.String()
	assert.Contains(t, text, "recordings since "+since[:10]+": 25 in 5 pages\npage 1:\n")
	assert.Contains(t, text, "page 2:\n")
	assert.NotContains(t, text, "page 3:")
	assert.Len(t, regexp.MustCompile(`(?m)^  [0-9a-f-]{36}  \S+Z  +\d+\.\ds  (single|dual) +(call|conference)$`).FindAllString(text, -1), 10)
	assert.Regexp(t, `recording ([0-9a-f-]{36}): call session [0-9a-f-]{36}, completed\n  mp3: https://\S+\.mp3\n  wav: https://\S+\.wav\n`, text)
	assert.Contains(t, text, `completed  "Demo transcription number 1: good morni…"`)
	assert.Contains(t, text, `"Demo transcription number 8: good morni…"`)
	assert.NotContains(t, text, "number 9:")
	assert.Regexp(t, `done\n$`, text)

	reqs := srv.Requests()
	require.Equal(t, []telnyxtest.Operation{
		telnyxtest.OpGetRecordings, telnyxtest.OpGetRecordings, telnyxtest.OpGetRecording,
		telnyxtest.OpGetRecordingTranscriptions, telnyxtest.OpGetRecordingTranscriptions,
	}, telnyxtest.Operations(reqs))
	for _, r := range reqs {
		assert.Equal(t, http.MethodGet, r.Method)
	}
	assert.Equal(t, map[string][]string{"filter[created_at][gte]": {since}, "page[size]": {"5"}}, map[string][]string(reqs[0].Query))
	assert.Equal(t, map[string][]string{"filter[created_at][gte]": {since}, "page[size]": {"5"}, "page[number]": {"2"}}, map[string][]string(reqs[1].Query))
	// The recording shown is the first of page 2.
	firstOfPage2 := regexp.MustCompile(`page 2:\n  ([0-9a-f-]{36})`).FindStringSubmatch(text)[1]
	assert.Equal(t, "/v2/recordings/"+firstOfPage2, reqs[2].Path)
	assert.Equal(t, map[string][]string{"page[size]": {"4"}}, map[string][]string(reqs[3].Query))
	assert.Contains(t, text, "transcriptions, page 1 of 4:\n")
	assert.Equal(t, map[string][]string{"page[size]": {"4"}, "page[number]": {"2"}}, map[string][]string(reqs[4].Query))
}

func TestRecordingsFilterExcludesOlder(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedDemo()
	var out bytes.Buffer

	// A week before "a month from now" is after every demo recording.
	require.NoError(t, run(t.Context(), &out, srv.Client(), time.Now().AddDate(0, 1, 0)))

	assert.Regexp(t, `^recordings since \S+: 0 in \d+ pages\npage \d+:\ndone\n$`, out.String())
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpGetRecordings}, telnyxtest.Operations(srv.Requests()))
}
