package externalconnections

import (
	"context"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// OperatorConnectService reaches /operator_connect: the account's
// Microsoft Teams Operator Connect integration.
type OperatorConnectService struct {
	client *telnyx.Client
}

// RefreshResult acknowledges a refresh of the integration.
type RefreshResult struct {
	Success bool   `json:"success"`
	Message string `json:"message"`
}

// Refresh asks the API to resynchronise the account's Operator Connect
// integration in the background. It creates external connections as needed
// and reports problems as log messages (see LogMessageService).
//
// API: POST /operator_connect/actions/refresh
func (s *OperatorConnectService) Refresh(ctx context.Context, opts ...option.RequestOption) (*RefreshResult, error) {
	var out RefreshResult
	if _, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodPost, Path: "/operator_connect/actions/refresh"}, &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}
