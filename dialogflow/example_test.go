package dialogflow_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// key stands for the key file downloaded from Google Cloud, which real code
// reads with os.ReadFile.
var key = telnyx.NewSecret(`{"type":"service_account","project_id":"demo","client_email":"bot@demo.iam.gserviceaccount.com","private_key":"..."}`)

func ExampleService_Create() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	connections := dialogflow.New(srv.Client())

	conn, err := connections.Create(context.Background(), "1234541231", dialogflow.Params{
		ServiceAccount: key,
		Edition:        telnyx.Ptr(dialogflow.EditionES),
		Environment:    telnyx.String("development"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(conn.ConnectionID, conn.Environment)
	fmt.Println(key) // printing the key hides it
	// Output:
	// 1234541231 development
	// [REDACTED]
}

func ExampleService_Update() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	connections := dialogflow.New(srv.Client())
	ctx := context.Background()

	if _, err := connections.Create(ctx, "1234541231", dialogflow.Params{ServiceAccount: key}); err != nil {
		log.Fatal(err)
	}
	// Dialogflow CX needs a conversation profile and a location; without
	// them the call fails before anything is sent.
	params := dialogflow.Params{ServiceAccount: key, Edition: telnyx.Ptr(dialogflow.EditionCX)}
	_, err := connections.Update(ctx, "1234541231", params)
	var verr *telnyx.ValidationError
	if errors.As(err, &verr) {
		fmt.Println("refused:", verr.Field)
	}

	params.ConversationProfileID = telnyx.String("a-VMHLWzTmKjiJw5S6O0-w")
	params.Location = telnyx.String("global")
	conn, err := connections.Update(ctx, "1234541231", params)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(conn.ConversationProfileID)

	if err := connections.Delete(ctx, "1234541231"); err != nil {
		log.Fatal(err)
	}
	_, err = connections.Get(ctx, "1234541231")
	fmt.Println("gone:", errors.Is(err, telnyx.ErrNotFound))
	// Output:
	// refused: conversation_profile_id
	// a-VMHLWzTmKjiJw5S6O0-w
	// gone: true
}
