package contract

import (
	"context"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

func init() {
	params := siprec.Params{
		Name:         "recorder-east",
		Host:         "srs.example.com",
		Port:         5060,
		AppSubdomain: telnyx.String("acme"),
	}
	register(
		contractCase{
			op: "createSiprecConnector", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return siprec.New(c).Create(ctx, params)
			},
		},
		contractCase{
			op: "getSiprecConnector", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return siprec.New(c).Get(ctx, "recorder east/1")
			},
			check: wantPath("/v2/siprec_connectors/recorder%20east%2F1"),
		},
		contractCase{
			op: "updateSiprecConnector", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return siprec.New(c).Update(ctx, "recorder-east", siprec.Params{Name: "recorder-east", Host: "10.1.2.3", Port: 5061})
			},
		},
		contractCase{
			op: "deleteSiprecConnector",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return nil, siprec.New(c).Delete(ctx, "recorder-east")
			},
		},
	)
}
