package main

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestErrorsOnFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedDemo()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), srv))

	// Request ids are fresh on every answer.
	text := regexp.MustCompile(`request id [0-9a-f-]{36}`).ReplaceAllString(out.String(), "request id <id>")
	assert.Equal(t, `== an API error
errors.Is(err, telnyx.ErrNotFound): true
status 404 on GET /v2/siprec_connectors/telnyx-go-no-such-connector, request id <id>
  code 10005: Resource not found: SIPREC connector 'telnyx-go-no-such-connector' not found
== refused before sending
invalid port: telnyx: invalid port: must be between 1 and 65535, got 70000
invalid media_name: telnyx: invalid media_name: ".." is not allowed as a path segment
== per-call options
listed 1 of 2 external connections without retries
== a 503 twice, then success
listed 2 external connections; attempts answered 503, 503, 200
== a 503 with retries turned off for the call
errors.Is(err, telnyx.ErrServer): true; attempts answered 503
== a 503 three times: the 2 retries are used up
errors.Is(err, telnyx.ErrServer): true; attempts answered 503, 503, 503
== a POST answered 500 is not retried
errors.Is(err, telnyx.ErrServer): true; attempts answered 500
== a 429 with Retry-After
without retries: 429, the server asks to wait 1s
with retries: attempts answered 429, 200, after waiting at least 1s
with waits capped at 500ms: errors.Is(err, telnyx.ErrRateLimited): true, at once
== a 422 pointing at the field
errors.Is(err, telnyx.ErrUnprocessable): true
status 422 on POST /v2/siprec_connectors, request id <id>
  code 10015: Invalid parameter: The 'name' 'telnyx-go-errors-example' is already used by another SIPREC connector. (at /name)
done
`, text)

	reqs := srv.Requests()
	// The refused parameters sent nothing: the 404 is followed by the list.
	const list = telnyxtest.OpListExternalConnections
	assert.Equal(t, []telnyxtest.Operation{
		telnyxtest.OpGetSiprecConnector,
		list,
		list, list, list, // 503, 503, 200
		list,             // 503, no retry
		list, list, list, // 503 x3
		telnyxtest.OpCreateSiprecConnector, // 500, not retried
		list,                               // 429 without retries
		list, list,                         // 429, 200
		list, // 429, wait over the cap
		telnyxtest.OpCreateSiprecConnector, telnyxtest.OpCreateSiprecConnector, telnyxtest.OpDeleteSiprecConnector,
	}, telnyxtest.Operations(reqs))
	assert.Equal(t, map[string][]string{"page[size]": {"1"}}, map[string][]string(reqs[1].Query))
	for _, r := range reqs {
		assert.NotEqual(t, "/v2/media/..", r.Path)
		if r.Method == http.MethodPost {
			assert.NotContains(t, string(r.Body), "70000")
		}
	}
}

func TestErrorsAgainstRealAPISkipsInjection(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	// With no fake to inject failures into, only the reads run.
	require.NoError(t, run(t.Context(), &out, srv.Client(), nil))

	assert.True(t, strings.HasSuffix(out.String(), "listed 0 of 0 external connections without retries\ninjected failures need the built-in fake: skipped\ndone\n"), out.String())
	for _, r := range srv.Requests() {
		assert.Equal(t, http.MethodGet, r.Method)
	}
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpGetSiprecConnector, telnyxtest.OpListExternalConnections}, telnyxtest.Operations(srv.Requests()))
}
