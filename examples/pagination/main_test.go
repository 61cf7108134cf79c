package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestPaginationOnFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedDemo()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client()))

	assert.Regexp(t, `^== List, HasNext, Next
page 1 of 3: 10 recordings \(25 in all\)
page 2 of 3: 10 recordings \(25 in all\)
page 3 of 3: 5 recordings \(25 in all\)
== ListAutoPaging with break
first recording over 45s: [0-9a-f-]{36} \(46\.0s\), found after reading 17
== telnyx.Collect
collected 7 recordings
collected all 3 log messages
  10015 Invalid parameter: The phone number could not be assigned\.
  10007 Unexpected error: Microsoft Teams did not answer in time\.
  10015 Invalid parameter: The civic address is incomplete\.
== transcriptions
collected all 13 transcriptions
== WithPageConcurrency\(4\)
collected all 25 recordings in pages of 5, up to 4 at once; same order as page by page: true
done
$`, out.String())

	var got []string
	for _, r := range srv.Requests() {
		got = append(got, string(r.Operation)+" "+r.Query.Encode())
	}
	assert.Equal(t, []string{
		// List, HasNext, Next: every page.
		"GetRecordings page%5Bsize%5D=10",
		"GetRecordings page%5Bnumber%5D=2&page%5Bsize%5D=10",
		"GetRecordings page%5Bnumber%5D=3&page%5Bsize%5D=10",
		// The break on the 17th recording leaves page 3 alone.
		"GetRecordings page%5Bsize%5D=10",
		"GetRecordings page%5Bnumber%5D=2&page%5Bsize%5D=10",
		// 7 recordings in pages of 5.
		"GetRecordings page%5Bsize%5D=5",
		"GetRecordings page%5Bnumber%5D=2&page%5Bsize%5D=5",
		// 3 log messages in pages of 2.
		"ListExternalConnectionLogMessages page%5Bsize%5D=2",
		"ListExternalConnectionLogMessages page%5Bnumber%5D=2&page%5Bsize%5D=2",
		// 13 transcriptions in pages of 5.
		"getRecordingTranscriptions page%5Bsize%5D=5",
		"getRecordingTranscriptions page%5Bnumber%5D=2&page%5Bsize%5D=5",
		"getRecordingTranscriptions page%5Bnumber%5D=3&page%5Bsize%5D=5",
		// 25 recordings in pages of 5: the first page, then the 4 others at
		// once, in whatever order they arrive.
		"GetRecordings page%5Bsize%5D=5",
	}, got[:len(got)-4])
	assert.ElementsMatch(t, []string{
		"GetRecordings page%5Bnumber%5D=2&page%5Bsize%5D=5",
		"GetRecordings page%5Bnumber%5D=3&page%5Bsize%5D=5",
		"GetRecordings page%5Bnumber%5D=4&page%5Bsize%5D=5",
		"GetRecordings page%5Bnumber%5D=5&page%5Bsize%5D=5",
	}, got[len(got)-4:])
}

func TestPaginationOnEmptyAccount(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client()))

	assert.Contains(t, out.String(), "== List, HasNext, Next\nno recordings\n")
	assert.Contains(t, out.String(), "no recording over 45s among 0\n")
	assert.Contains(t, out.String(), "collected 0 recordings\ncollected all 0 log messages\n")
	assert.Contains(t, out.String(), "collected all 0 transcriptions\n")
	assert.Contains(t, out.String(), "collected all 0 recordings in pages of 5, up to 4 at once; same order as page by page: true\ndone\n")
}
