package contract

import (
	"context"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
)

const serviceAccount = `{"type":"service_account","project_id":"acme-contact-center","private_key_id":"k1",` +
	`"private_key":"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n","client_email":"bot@acme-contact-center.iam.gserviceaccount.com",` +
	`"client_id":"1234567890","token_uri":"https://oauth2.googleapis.com/token"}`

func init() {
	cx := dialogflow.Params{
		ServiceAccount:        telnyx.NewSecret(serviceAccount),
		Edition:               telnyx.Ptr(dialogflow.EditionCX),
		ConversationProfileID: telnyx.String("a-VMHLWzTmKjiJw5S6O0-w"),
		Location:              telnyx.String("global"),
		Environment:           telnyx.String("development"),
	}
	register(
		contractCase{
			op: "CreateDialogflowConnection", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dialogflow.New(c).Create(ctx, "1234541231", cx)
			},
			check: wantJSON(`{"service_account":` + serviceAccount + `,"dialogflow_api":"cx",` +
				`"conversation_profile_id":"a-VMHLWzTmKjiJw5S6O0-w","location":"global","environment":"development"}`),
		},
		contractCase{
			op: "GetDialogflowConnection", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dialogflow.New(c).Get(ctx, "1234541231")
			},
			check: wantPath("/v2/dialogflow_connections/1234541231"),
		},
		contractCase{
			op: "UpdateDialogflowConnection", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dialogflow.New(c).Update(ctx, "1234541231", dialogflow.Params{ServiceAccount: telnyx.NewSecret(serviceAccount)})
			},
			check: wantJSON(`{"service_account":` + serviceAccount + `}`),
		},
		contractCase{
			// Dialogflow CX needs a conversation profile, which the SDK
			// checks before sending.
			op: "CreateDialogflowConnection", variant: "cx-without-profile", refusal: http.StatusUnprocessableEntity,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dialogflow.New(c).Create(ctx, "1234541231", cx, withoutField("conversation_profile_id"))
			},
		},
		contractCase{
			op: "DeleteDialogflowConnection",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return nil, dialogflow.New(c).Delete(ctx, "1234541231")
			},
		},
	)
}
