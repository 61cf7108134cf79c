package externalconnections_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

func TestOperatorConnectRefresh(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusAccepted} {
		c, mock := testutil.NewClient(t)
		seen := testutil.Respond(mock, http.MethodPost, "/operator_connect/actions/refresh", status,
			`{"success":true,"message":"Refresh requested"}`)
		res, err := externalconnections.NewOperatorConnectService(c).Refresh(context.Background())
		require.NoError(t, err)
		assert.Equal(t, &externalconnections.RefreshResult{Success: true, Message: "Refresh requested"}, res)
		require.Len(t, *seen, 1)
		assert.Equal(t, http.MethodPost, (*seen)[0].Method)
		assert.Equal(t, "/v2/operator_connect/actions/refresh", (*seen)[0].Path)
		assert.Empty(t, (*seen)[0].Body)
		assert.Equal(t, "Bearer "+testutil.APIKey, (*seen)[0].Header.Get("Authorization"))
	}
}

func TestOperatorConnectRefreshForbidden(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodPost, "/operator_connect/actions/refresh", http.StatusForbidden,
		`{"errors":[{"code":"10010","title":"Forbidden","detail":"Operator Connect is not enabled"}]}`)
	res, err := externalconnections.NewOperatorConnectService(c).Refresh(context.Background())
	require.ErrorIs(t, err, core.ErrForbidden)
	assert.Nil(t, res)
}
