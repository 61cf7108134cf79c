// Command externalconnections shows external connections and Microsoft
// Teams numbers: it finds an Operator Connect connection, lists its civic
// addresses, phone numbers, pending uploads and log messages, uploads
// numbers to Teams with an upload ticket and refreshes it, and creates,
// updates and deletes a Zoom connection.
//
// Run it from the repository root:
//
//	go run ./examples/externalconnections
//
// Without TELNYX_API_KEY it starts the built-in fake API with demo data.
// With TELNYX_API_KEY set it talks to the real API and only reads. With
// -write it also creates (and deletes) a Zoom connection, which needs
// -profile with the id of an outbound voice profile, and uploads the
// numbers given with -numbers (Telnyx number ids, comma-separated) to
// Microsoft Teams:
//
//	TELNYX_API_KEY=KEY... go run ./examples/externalconnections -write -profile 1911630617284445511
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// Defaults used on the fake: the demo outbound voice profile and two
// numbers not yet on Teams.
const demoProfileID = "1911630617284445511"

var demoNumberIDs = []string{"1930241863466399201", "1930241863466399202"}

// config is what the example does besides reading.
type config struct {
	// write allows creating, changing and deleting resources.
	write bool
	// profileID is the outbound voice profile of the Zoom connection.
	profileID string
	// numberIDs are the Telnyx ids of the numbers to upload to Teams.
	numberIDs []string
}

func main() {
	write := flag.Bool("write", false, exampleenv.WriteUsage)
	profile := flag.String("profile", "", "outbound voice profile id for the Zoom connection (needed with -write on the real API)")
	numbers := flag.String("numbers", "", "comma-separated Telnyx number ids to upload to Microsoft Teams with -write")
	flag.Parse()
	exampleenv.Main(*write, (*telnyxtest.Server).SeedDemo, func(ctx context.Context, out io.Writer, env *exampleenv.Env) error {
		return start(ctx, out, env, *profile, *numbers)
	})
}

// start runs the example in env; on the fake, profileID and numbers default
// to demo values.
func start(ctx context.Context, out io.Writer, env *exampleenv.Env, profileID, numbers string) error {
	cfg := config{write: env.Write, profileID: profileID}
	if numbers != "" {
		cfg.numberIDs = strings.Split(numbers, ",")
	}
	if env.Fake != nil {
		if cfg.profileID == "" {
			cfg.profileID = demoProfileID
		}
		if cfg.numberIDs == nil {
			cfg.numberIDs = demoNumberIDs
		}
	}
	return run(ctx, out, env.Client, cfg)
}

func run(ctx context.Context, out io.Writer, client *telnyx.Client, cfg config) error {
	if cfg.write && cfg.profileID == "" {
		return errors.New("-write needs -profile with the id of an outbound voice profile")
	}
	ecs := externalconnections.New(client)
	if err := teams(ctx, out, ecs, cfg); err != nil {
		return err
	}
	if cfg.write {
		if err := zoom(ctx, out, ecs, cfg.profileID); err != nil {
			return err
		}
	}
	_, _ = fmt.Fprintln(out, "done")
	return nil
}

// teams shows the Microsoft Teams side of the first Operator Connect
// connection.
func teams(ctx context.Context, out io.Writer, ecs *externalconnections.Service, cfg config) error {
	var oc *externalconnections.Connection
	for conn, err := range ecs.ListAutoPaging(ctx, externalconnections.ListParams{
		Filter: &externalconnections.ListFilter{ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect},
	}) {
		if err != nil {
			return fmt.Errorf("listing connections: %w", err)
		}
		oc = &conn
		break
	}
	if oc == nil {
		_, _ = fmt.Fprintln(out, "no Operator Connect connection: nothing to show about Microsoft Teams")
		return nil
	}
	_, _ = fmt.Fprintf(out, "Operator Connect connection %s (%s)\n", oc.ID, oc.ConnectionName)

	addresses, err := ecs.CivicAddresses.List(ctx, oc.ID, externalconnections.CivicAddressListParams{})
	if err != nil {
		return fmt.Errorf("listing civic addresses: %w", err)
	}
	for _, a := range addresses {
		_, _ = fmt.Fprintf(out, "  civic address %s: %s %s %s, %s %s, locations: %d\n",
			a.ID, a.HouseNumber, a.StreetName, a.StreetSuffix, a.CityOrTown, a.StateOrProvince, len(a.Locations))
	}
	// UpdateLocation, which sets the emergency address of a location, is
	// not shown: the spec declares the connection id of its path a UUID,
	// unlike the numeric ids connections have everywhere else, and the SDK
	// follows the spec, so it refuses these numeric ids before sending.

	numbers, err := ecs.PhoneNumbers.List(ctx, oc.ID, externalconnections.PhoneNumberListParams{Page: telnyx.PageParams{Size: 10}})
	if err != nil {
		return fmt.Errorf("listing phone numbers: %w", err)
	}
	_, _ = fmt.Fprintf(out, "phone numbers on Teams: %d\n", numbers.Meta.TotalResults)
	for _, n := range numbers.Data {
		_, _ = fmt.Fprintf(out, "  %s  (number id %s, %d capabilities)\n", n.TelephoneNumber, n.NumberID, len(n.AcquiredCapabilities))
	}

	if err := pending(ctx, out, ecs, oc.ID); err != nil {
		return err
	}

	switch {
	case !cfg.write:
	case len(cfg.numberIDs) == 0:
		_, _ = fmt.Fprintln(out, "no -numbers given: no upload to Microsoft Teams")
	default:
		var civicAddressID *string
		if len(addresses) > 0 {
			civicAddressID = telnyx.String(addresses[0].ID)
		}
		if err := upload(ctx, out, ecs, oc.ID, cfg.numberIDs, civicAddressID); err != nil {
			return err
		}
	}
	return logMessages(ctx, out, ecs, oc.ID)
}

// upload assigns the numbers to Microsoft Teams, at the civic address
// when one is given, and follows the upload's progress.
func upload(ctx context.Context, out io.Writer, ecs *externalconnections.Service, connID string, numberIDs []string, civicAddressID *string) error {
	params := externalconnections.UploadCreateParams{
		NumberIDs:      numberIDs,
		Usage:          externalconnections.UsageFirstPartyAppAssignment,
		CivicAddressID: civicAddressID,
	}
	ticket, err := ecs.Uploads.Create(ctx, connID, params)
	if err != nil {
		return fmt.Errorf("creating upload: %w", err)
	}
	_, _ = fmt.Fprintf(out, "upload ticket %s accepted for %d numbers\n", ticket.TicketID, len(numberIDs))
	if err := pending(ctx, out, ecs, connID); err != nil {
		return err
	}
	// Ask the API to recheck pending uploads now rather than later.
	if _, err := ecs.Uploads.RefreshAll(ctx, connID); err != nil {
		return fmt.Errorf("refreshing uploads: %w", err)
	}
	_, _ = fmt.Fprintln(out, "asked for a refresh of the pending uploads")
	up, err := ecs.Uploads.Get(ctx, connID, ticket.TicketID)
	if err != nil {
		return fmt.Errorf("getting upload: %w", err)
	}
	_, _ = fmt.Fprintf(out, "upload %s is %s\n", up.TicketID, up.Status)
	for _, e := range up.Entries {
		_, _ = fmt.Fprintf(out, "  %s  %s\n", e.PhoneNumber, e.Status)
	}
	return pending(ctx, out, ecs, connID)
}

// logMessages prints the log messages of the connection.
func logMessages(ctx context.Context, out io.Writer, ecs *externalconnections.Service, connID string) error {
	n := 0
	for msg, err := range ecs.LogMessages.ListAutoPaging(ctx, externalconnections.LogMessageListParams{
		Filter: &externalconnections.LogMessageListFilter{ExternalConnectionID: connID},
	}) {
		if err != nil {
			return fmt.Errorf("listing log messages: %w", err)
		}
		n++
		_, _ = fmt.Fprintf(out, "  log message %s %s: %s\n", msg.Code, msg.Title, msg.Detail)
	}
	_, _ = fmt.Fprintf(out, "log messages: %d\n", n)
	return nil
}

// pending prints the counts of pending uploads of a connection.
func pending(ctx context.Context, out io.Writer, ecs *externalconnections.Service, connectionID string) error {
	counts, err := ecs.Uploads.PendingCount(ctx, connectionID)
	if err != nil {
		return fmt.Errorf("counting pending uploads: %w", err)
	}
	_, _ = fmt.Fprintf(out, "pending uploads: %d orders, %d numbers\n", counts.PendingOrdersCount, counts.PendingNumbersCount)
	return nil
}

// zoom creates a Zoom connection, changes it and deletes it.
func zoom(ctx context.Context, out io.Writer, ecs *externalconnections.Service, profileID string) error {
	conn, err := ecs.Create(ctx, externalconnections.CreateParams{
		ExternalSIPConnection: externalconnections.ExternalSIPConnectionZoom,
		Outbound:              externalconnections.OutboundParams{OutboundVoiceProfileID: profileID},
		Active:                telnyx.Bool(false), // deletable: inactive, without phone numbers
		WebhookEventURL:       telnyx.String("https://example.com/telnyx-webhooks"),
		WebhookTimeoutSecs:    telnyx.NewNullable(10),
	})
	if err != nil {
		return fmt.Errorf("creating Zoom connection: %w", err)
	}
	_, _ = fmt.Fprintf(out, "created external connection %s (%s), webhook timeout %s\n", conn.ID, conn.ExternalSIPConnection, timeout(conn.WebhookTimeoutSecs))

	// Update sends only what is set: here a channel limit, and null to clear
	// the webhook timeout.
	conn, err = ecs.Update(ctx, conn.ID, externalconnections.UpdateParams{
		Outbound:           externalconnections.OutboundParams{OutboundVoiceProfileID: profileID, ChannelLimit: telnyx.Int(10)},
		WebhookTimeoutSecs: telnyx.Null[int](),
	})
	if err != nil {
		return fmt.Errorf("updating Zoom connection: %w", err)
	}
	limit := "none"
	if conn.Outbound.ChannelLimit != nil {
		limit = fmt.Sprint(*conn.Outbound.ChannelLimit)
	}
	_, _ = fmt.Fprintf(out, "updated external connection %s: outbound channel limit %s, webhook timeout %s\n", conn.ID, limit, timeout(conn.WebhookTimeoutSecs))

	if _, err := ecs.Delete(ctx, conn.ID); err != nil {
		return fmt.Errorf("deleting Zoom connection: %w", err)
	}
	_, _ = fmt.Fprintf(out, "deleted external connection %s\n", conn.ID)
	return nil
}

func timeout(secs telnyx.Nullable[int]) string {
	if s, ok := secs.Get(); ok {
		return fmt.Sprintf("%ds", s)
	}
	return "none"
}
