package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestSIPRECOnFake(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), true))

	assert.Regexp(t, `^no SIPREC connector named telnyx-go-example yet
created SIPREC connector telnyx-go-example -> siprec.example.com:5060
updated SIPREC connector telnyx-go-example -> siprec-backup.example.com:5061 \(app subdomain telnyx-go-example\)
read back SIPREC connector telnyx-go-example -> siprec-backup.example.com:5061 \(app subdomain telnyx-go-example\), updated at \S+
deleted SIPREC connector telnyx-go-example
telnyx-go-example is gone \(404\)
done
$`, out.String())

	reqs := srv.Requests()
	require.Equal(t, []telnyxtest.Operation{
		telnyxtest.OpGetSiprecConnector, telnyxtest.OpCreateSiprecConnector, telnyxtest.OpUpdateSiprecConnector,
		telnyxtest.OpGetSiprecConnector, telnyxtest.OpDeleteSiprecConnector, telnyxtest.OpGetSiprecConnector,
	}, telnyxtest.Operations(reqs))
	assert.JSONEq(t, `{"name":"telnyx-go-example","host":"siprec.example.com","port":5060}`, string(reqs[1].Body))
	assert.JSONEq(t, `{"name":"telnyx-go-example","host":"siprec-backup.example.com","port":5061,"app_subdomain":"telnyx-go-example"}`, string(reqs[2].Body))
	for _, i := range []int{2, 4, 5} {
		assert.Equal(t, "/v2/siprec_connectors/telnyx-go-example", reqs[i].Path)
	}
}

func TestSIPRECReadOnly(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, srv.Client(), false))

	assert.Equal(t, "no SIPREC connector named telnyx-go-example yet\ndone\n", out.String())
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpGetSiprecConnector}, telnyxtest.Operations(srv.Requests()))
}

func TestSIPRECLeavesExistingConnectorAlone(t *testing.T) {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	_, err := siprec.New(client).Create(t.Context(), siprec.Params{Name: name, Host: "mine.example.com", Port: 5080})
	require.NoError(t, err)
	srv.Reset()
	var out bytes.Buffer

	require.NoError(t, run(t.Context(), &out, client, true))

	assert.Equal(t, "SIPREC connector telnyx-go-example -> mine.example.com:5080\ntelnyx-go-example already exists: leaving it alone\ndone\n", out.String())
	assert.Equal(t, []telnyxtest.Operation{telnyxtest.OpGetSiprecConnector}, telnyxtest.Operations(srv.Requests()))
}
