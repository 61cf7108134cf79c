package main

import (
	"bytes"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func newFake(t *testing.T, seed bool) *telnyxtest.Server {
	t.Helper()
	srv := telnyxtest.NewServer()
	t.Cleanup(srv.Close)
	if seed {
		srv.SeedDemo()
	}
	return srv
}

func TestExternalConnectionsOnFake(t *testing.T) {
	srv := newFake(t, true)
	var out bytes.Buffer

	err := run(t.Context(), &out, srv.Client(), config{write: true, profileID: demoProfileID, numberIDs: demoNumberIDs})
	require.NoError(t, err)

	text := out.String()
	assert.Regexp(t, `(?m)^Operator Connect connection \d+ \(Demo Operator Connect\)$`, text)
	assert.Regexp(t, `(?m)^  civic address [0-9a-f-]{36}: 600 Congress St, Austin TX, locations: 2$`, text)
	assert.Contains(t, text, "phone numbers on Teams: 5\n")
	assert.Contains(t, text, "  +15125550001  (number id ")
	assert.Contains(t, text, "pending uploads: 0 orders, 0 numbers\n")
	assert.Regexp(t, `upload ticket [0-9a-f-]{36} accepted for 2 numbers\npending uploads: 1 orders, 2 numbers\n`, text)
	assert.Regexp(t, `upload [0-9a-f-]{36} is success\n  \+1\d{10}  success\n  \+1\d{10}  success\npending uploads: 0 orders, 0 numbers\n`, text)
	assert.Contains(t, text, "log messages: 2\n")
	assert.Regexp(t, `created external connection \d+ \(zoom\), webhook timeout 10s\n`, text)
	assert.Regexp(t, `updated external connection \d+: outbound channel limit 10, webhook timeout none\n`, text)
	assert.Regexp(t, `deleted external connection \d+\ndone\n$`, text)

	reqs := srv.Requests()
	require.Equal(t, []telnyxtest.Operation{
		telnyxtest.OpListExternalConnections, telnyxtest.OpListCivicAddresses, telnyxtest.OpListExternalConnectionPhoneNumbers,
		telnyxtest.OpGetExternalConnectionUploadsStatus, telnyxtest.OpCreateExternalConnectionUpload, telnyxtest.OpGetExternalConnectionUploadsStatus,
		telnyxtest.OpRefreshExternalConnectionUploads, telnyxtest.OpGetExternalConnectionUpload, telnyxtest.OpGetExternalConnectionUploadsStatus,
		telnyxtest.OpListExternalConnectionLogMessages,
		telnyxtest.OpCreateExternalConnection, telnyxtest.OpUpdateExternalConnection, telnyxtest.OpDeleteExternalConnection,
	}, telnyxtest.Operations(reqs))

	assert.Equal(t, map[string][]string{"filter[external_sip_connection]": {"operator_connect"}}, map[string][]string(reqs[0].Query))
	assert.Equal(t, map[string][]string{"page[size]": {"10"}}, map[string][]string(reqs[2].Query))

	addressID := regexp.MustCompile(`civic address ([0-9a-f-]{36}): 600`).FindStringSubmatch(text)[1]
	assert.JSONEq(t, `{"number_ids":["1930241863466399201","1930241863466399202"],"usage":"first_party_app_assignment","civic_address_id":"`+addressID+`"}`, string(reqs[4].Body))
	assert.Equal(t, http.MethodPost, reqs[6].Method)
	assert.Equal(t, map[string][]string{"filter[external_connection_id]": {regexp.MustCompile(`connection (\d+)`).FindStringSubmatch(text)[1]}}, map[string][]string(reqs[9].Query))

	assert.JSONEq(t, `{"external_sip_connection":"zoom","outbound":{"outbound_voice_profile_id":"1911630617284445511"},"active":false,"webhook_event_url":"https://example.com/telnyx-webhooks","webhook_timeout_secs":10}`, string(reqs[10].Body))
	assert.JSONEq(t, `{"outbound":{"outbound_voice_profile_id":"1911630617284445511","channel_limit":10},"webhook_timeout_secs":null}`, string(reqs[11].Body))
}

func TestExternalConnectionsReadOnly(t *testing.T) {
	srv := newFake(t, true)
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), config{numberIDs: demoNumberIDs}))

	for _, r := range srv.Requests() {
		assert.Equal(t, http.MethodGet, r.Method, r.Path)
	}
	assert.NotContains(t, out.String(), "upload ticket")
	assert.NotContains(t, out.String(), "created")
	assert.Contains(t, out.String(), "log messages: 2\ndone\n")
}

func TestExternalConnectionsWithoutNumbersOrOperatorConnect(t *testing.T) {
	srv := newFake(t, true)
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, srv.Client(), config{write: true, profileID: demoProfileID}))
	assert.Contains(t, out.String(), "no -numbers given: no upload to Microsoft Teams\n")
	assert.NotContains(t, telnyxtest.Operations(srv.Requests()), telnyxtest.OpCreateExternalConnectionUpload)

	empty := newFake(t, false)
	out.Reset()
	require.NoError(t, run(t.Context(), &out, empty.Client(), config{}))
	assert.Equal(t, "no Operator Connect connection: nothing to show about Microsoft Teams\ndone\n", out.String())
}

func TestExternalConnectionsWriteNeedsProfile(t *testing.T) {
	srv := newFake(t, true)
	err := run(t.Context(), &bytes.Buffer{}, srv.Client(), config{write: true})
	require.ErrorContains(t, err, "-profile")
	assert.Empty(t, srv.Requests())
}
