// Command dialogflow shows the Dialogflow connection of a Call Control
// application: it stores a Google service account and Dialogflow ES
// settings, switches them to Dialogflow CX, reads them back and deletes
// them. The service account key holds a private key, so it is a
// telnyx.Secret: printing, logging or encoding it shows [REDACTED], while
// the SDK sends the key itself to the API, which answers with it masked.
//
// Run it from the repository root:
//
//	go run ./examples/dialogflow
//
// Without TELNYX_API_KEY it starts the built-in fake API and uses a made-up
// application and service account. With TELNYX_API_KEY set it needs
// -connection with the id of one of your Call Control applications and only
// reads its Dialogflow connection; add -write and -service-account with the
// path of a service account key file to create, change and delete one (an
// existing Dialogflow connection is left alone):
//
//	TELNYX_API_KEY=KEY... go run ./examples/dialogflow -connection 1494404757140276705 -write -service-account key.json
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
)

// Made-up values used on the fake.
const (
	demoConnectionID = "1494404757140276705"
	// demoServiceAccount has the shape of a Google key file; its key is fake.
	demoServiceAccount = `{
  "type": "service_account",
  "project_id": "telnyx-go-example",
  "private_key_id": "0123456789abcdef",
  "private_key": "-----BEGIN PRIVATE KEY-----\nNOT-A-REAL-KEY-telnyx-go-example\n-----END PRIVATE KEY-----\n",
  "client_email": "dialogflow@telnyx-go-example.iam.gserviceaccount.com"
}`
)

// config says which application to work on and whether to write.
type config struct {
	write bool
	// connectionID is the id of the Call Control application.
	connectionID string
	// serviceAccount is the JSON key of the Google service account.
	serviceAccount telnyx.Secret
}

func main() {
	write := flag.Bool("write", false, exampleenv.WriteUsage)
	connection := flag.String("connection", "", "id of the Call Control application (needed on the real API)")
	keyFile := flag.String("service-account", "", "path of a Google service account key file (needed with -write on the real API)")
	flag.Parse()
	exampleenv.Main(*write, nil, func(ctx context.Context, out io.Writer, env *exampleenv.Env) error {
		cfg := config{write: env.Write, connectionID: *connection}
		if *keyFile != "" {
			key, err := os.ReadFile(*keyFile)
			if err != nil {
				return err
			}
			cfg.serviceAccount = telnyx.NewSecret(string(key))
		}
		if env.Fake != nil {
			if cfg.connectionID == "" {
				cfg.connectionID = demoConnectionID
			}
			if cfg.serviceAccount.IsZero() {
				cfg.serviceAccount = telnyx.NewSecret(demoServiceAccount)
			}
		}
		return run(ctx, out, env.Client, cfg)
	})
}

func run(ctx context.Context, out io.Writer, client *telnyx.Client, cfg config) error {
	switch {
	case cfg.connectionID == "":
		return errors.New("-connection is needed: the id of a Call Control application")
	case cfg.write && cfg.serviceAccount.IsZero():
		return errors.New("-write needs -service-account with the path of a service account key file")
	}
	id := cfg.connectionID
	connections := dialogflow.New(client)

	existing, err := connections.Get(ctx, id)
	switch {
	case errors.Is(err, telnyx.ErrNotFound):
		_, _ = fmt.Fprintf(out, "application %s has no Dialogflow connection yet\n", id)
	case err != nil:
		return fmt.Errorf("getting Dialogflow connection: %w", err)
	default:
		_, _ = fmt.Fprintf(out, "Dialogflow connection: %s\n", describe(existing))
		if cfg.write {
			_, _ = fmt.Fprintln(out, "it exists already: leaving it alone")
		}
		cfg.write = false
	}
	if cfg.write {
		if err := lifecycle(ctx, out, connections, id, cfg.serviceAccount); err != nil {
			return err
		}
	}
	_, _ = fmt.Fprintln(out, "done")
	return nil
}

// lifecycle creates a Dialogflow ES connection for application id, moves
// it to Dialogflow CX, reads it back and deletes it.
func lifecycle(ctx context.Context, out io.Writer, connections *dialogflow.Service, id string, serviceAccount telnyx.Secret) error {
	// Printing the params (or logging them with slog) never shows the key.
	params := dialogflow.Params{
		ServiceAccount: serviceAccount,
		Edition:        telnyx.Ptr(dialogflow.EditionES),
		Environment:    telnyx.String("draft"),
	}
	_, _ = fmt.Fprintf(out, "storing the key of service account %s: %v\n", clientEmail(serviceAccount), params.ServiceAccount)
	conn, err := connections.Create(ctx, id, params)
	if err != nil {
		return fmt.Errorf("creating Dialogflow connection: %w", err)
	}
	_, _ = fmt.Fprintf(out, "created Dialogflow connection: %s\n", describe(conn))

	// Dialogflow CX needs a conversation profile and a location.
	params.Edition = telnyx.Ptr(dialogflow.EditionCX)
	params.ConversationProfileID = telnyx.String("projects/telnyx-go-example/locations/global/conversationProfiles/example")
	params.Location = telnyx.String("global")
	params.Environment = nil
	if conn, err = connections.Update(ctx, id, params); err != nil {
		return fmt.Errorf("updating Dialogflow connection: %w", err)
	}
	_, _ = fmt.Fprintf(out, "updated Dialogflow connection: %s\n", describe(conn))

	if conn, err = connections.Get(ctx, id); err != nil {
		return fmt.Errorf("getting Dialogflow connection: %w", err)
	}
	_, _ = fmt.Fprintf(out, "read back: %s\n", describe(conn))

	if err := connections.Delete(ctx, id); err != nil {
		return fmt.Errorf("deleting Dialogflow connection: %w", err)
	}
	_, _ = fmt.Fprintf(out, "deleted the Dialogflow connection of application %s\n", id)
	return nil
}

// describe shows a connection on one line. The service account is a
// telnyx.Secret, printed as [REDACTED] (the API masks it anyway).
func describe(c *dialogflow.Connection) string {
	s := fmt.Sprintf("application %s, service account %v", c.ConnectionID, c.ServiceAccount)
	for _, f := range []struct{ name, v string }{
		{"edition", string(c.Edition)},
		{"conversation profile", c.ConversationProfileID},
		{"location", c.Location},
		{"environment", c.Environment},
	} {
		if f.v != "" {
			s += ", " + f.name + " " + f.v
		}
	}
	return s
}

// clientEmail reads the account's address from a service account key,
// which is safe to show.
func clientEmail(key telnyx.Secret) string {
	var k struct {
		ClientEmail string `json:"client_email"`
	}
	if json.Unmarshal([]byte(key.Reveal()), &k) != nil || k.ClientEmail == "" {
		return "(no client_email)"
	}
	return k.ClientEmail
}
