// Command quickstart is a tour of the SDK: it creates a Zoom external
// connection, lists external connections page after page, uploads a media
// file from memory and downloads it back, lists recordings, creates and
// deletes a SIPREC connector and recognises the 404 that follows, then
// removes what it created.
//
// Run it from the repository root:
//
//	go run ./examples/quickstart
//
// Without TELNYX_API_KEY it starts the built-in fake API (package
// telnyxtest) with demo data. With TELNYX_API_KEY set it talks to the real
// API and only lists; add -write, and -profile with the id of one of your
// outbound voice profiles, to create (and then delete) resources:
//
//	TELNYX_API_KEY=KEY... go run ./examples/quickstart -write -profile 1911630617284445511
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// demoProfileID is the outbound voice profile of the fake's demo data.
const demoProfileID = "1911630617284445511"

// config is what the example does besides reading.
type config struct {
	// write allows creating and deleting resources.
	write bool
	// profileID is the outbound voice profile of the new connection.
	profileID string
}

func main() {
	write := flag.Bool("write", false, exampleenv.WriteUsage)
	profile := flag.String("profile", "", "outbound voice profile id for the new Zoom connection (needed with -write on the real API)")
	flag.Parse()
	exampleenv.Main(*write, (*telnyxtest.Server).SeedDemo, func(ctx context.Context, out io.Writer, env *exampleenv.Env) error {
		return start(ctx, out, env, *profile)
	})
}

// start runs the example in env, with the demo outbound voice profile on
// the fake unless profileID is given.
func start(ctx context.Context, out io.Writer, env *exampleenv.Env, profileID string) error {
	if env.Fake != nil && profileID == "" {
		profileID = demoProfileID
	}
	return run(ctx, out, env.Client, config{write: env.Write, profileID: profileID})
}

func run(ctx context.Context, out io.Writer, client *telnyx.Client, cfg config) error {
	if cfg.write && cfg.profileID == "" {
		return errors.New("-write needs -profile with the id of an outbound voice profile")
	}
	// Every resource package builds its service on the one shared client.
	connections := externalconnections.New(client)
	recs := recordings.New(client)
	connectors := siprec.New(client)

	// 1. Create a Zoom connection, inactive so that it can be deleted.
	var created *externalconnections.Connection
	if cfg.write {
		conn, err := createZoom(ctx, out, connections, cfg.profileID)
		if err != nil {
			return err
		}
		created = conn
	}

	// 2. List external connections; ListAutoPaging fetches the pages (of 2
	// here, to show it) as the loop needs them.
	if err := listConnections(ctx, out, connections); err != nil {
		return err
	}

	// 3. Upload a media file streamed from memory, then download it back.
	if cfg.write {
		if err := mediaRoundTrip(ctx, out, client); err != nil {
			return err
		}
	}

	// 4. List the first page of recordings.
	page, err := recs.List(ctx, recordings.ListParams{Page: telnyx.PageParams{Size: 3}})
	if err != nil {
		return fmt.Errorf("listing recordings: %w", err)
	}
	_, _ = fmt.Fprintf(out, "recordings: %d in total, the first %d:\n", page.Meta.TotalResults, len(page.Data))
	for _, rec := range page.Data {
		_, _ = fmt.Fprintf(out, "  recording %s  %s  %.1fs  %s\n", rec.ID, rec.CreatedAt.Format(time.RFC3339), float64(rec.DurationMillis)/1000, rec.Channels)
	}

	// 5. Create and delete a SIPREC connector; getting it afterwards fails
	// with a 404 that errors.Is recognises.
	if err := siprecRoundTrip(ctx, out, connectors, cfg.write); err != nil {
		return err
	}

	// 6. Clean up.
	if created != nil {
		if _, err := connections.Delete(ctx, created.ID); err != nil {
			return fmt.Errorf("deleting external connection: %w", err)
		}
		_, _ = fmt.Fprintf(out, "deleted external connection %s\n", created.ID)
	}
	_, _ = fmt.Fprintln(out, "done")
	return nil
}

// mediaRoundTrip uploads a small file, downloads it, compares the bytes and
// deletes the file.
func mediaRoundTrip(ctx context.Context, out io.Writer, client *telnyx.Client) error {
	const name = "telnyx-go-quickstart"
	content := bytes.Repeat([]byte("not really audio, but bytes all the same\n"), 50)

	files := media.New(client)
	file, err := files.Upload(ctx, media.UploadParams{
		File:      bytes.NewReader(content), // a *bytes.Reader can be resent on retry
		FileName:  "greeting.mp3",           // the content type is guessed from it
		MediaName: telnyx.String(name),
		TTLSecs:   telnyx.Int(3600),
	})
	if err != nil {
		return fmt.Errorf("uploading media: %w", err)
	}
	_, _ = fmt.Fprintf(out, "uploaded media %s (%s, %d bytes, expires %s)\n", file.MediaName, file.ContentType, len(content), file.ExpiresAt.Format(time.RFC3339))

	dl, err := files.Download(ctx, file.MediaName)
	if err != nil {
		return fmt.Errorf("downloading media: %w", err)
	}
	got, err := io.ReadAll(dl)
	_ = dl.Close()
	if err != nil {
		return fmt.Errorf("reading media: %w", err)
	}
	if !bytes.Equal(got, content) {
		return fmt.Errorf("downloaded %d bytes that differ from the %d uploaded", len(got), len(content))
	}
	_, _ = fmt.Fprintf(out, "downloaded media %s: %d bytes, identical to the upload\n", file.MediaName, len(got))

	if err := files.Delete(ctx, file.MediaName); err != nil {
		return fmt.Errorf("deleting media: %w", err)
	}
	_, _ = fmt.Fprintf(out, "deleted media %s\n", file.MediaName)
	return nil
}

// listConnections prints up to 20 external connections.
func listConnections(ctx context.Context, out io.Writer, connections *externalconnections.Service) error {
	n := 0
	for conn, err := range connections.ListAutoPaging(ctx, externalconnections.ListParams{
		Page: telnyx.PageParams{Size: 2},
	}) {
		if err != nil {
			return fmt.Errorf("listing external connections: %w", err)
		}
		n++
		line := fmt.Sprintf("  external connection %s  %-16s active=%-5t  %s", conn.ID, conn.ExternalSIPConnection, conn.Active, conn.ConnectionName)
		_, _ = fmt.Fprintln(out, strings.TrimRight(line, " "))
		if n == 20 {
			break // enough for a tour
		}
	}
	_, _ = fmt.Fprintf(out, "listed %d external connections\n", n)
	return nil
}

// siprecRoundTrip creates and deletes a SIPREC connector when write is
// set, then gets it.
func siprecRoundTrip(ctx context.Context, out io.Writer, connectors *siprec.Service, write bool) error {
	const connector = "telnyx-go-quickstart"
	if write {
		c, err := connectors.Create(ctx, siprec.Params{Name: connector, Host: "siprec.example.com", Port: 5060})
		if err != nil {
			return fmt.Errorf("creating SIPREC connector: %w", err)
		}
		_, _ = fmt.Fprintf(out, "created SIPREC connector %s -> %s:%d\n", c.Name, c.Host, c.Port)
		if err := connectors.Delete(ctx, connector); err != nil {
			return fmt.Errorf("deleting SIPREC connector: %w", err)
		}
		_, _ = fmt.Fprintf(out, "deleted SIPREC connector %s\n", connector)
	}
	switch c, err := connectors.Get(ctx, connector); {
	case errors.Is(err, telnyx.ErrNotFound):
		_, _ = fmt.Fprintf(out, "SIPREC connector %s not found, as expected (%v)\n", connector, err)
	case err != nil:
		return fmt.Errorf("getting SIPREC connector: %w", err)
	default:
		_, _ = fmt.Fprintf(out, "SIPREC connector %s exists: %s:%d\n", c.Name, c.Host, c.Port)
	}
	return nil
}

// createZoom creates an inactive Zoom connection that calls out through
// the outbound voice profile profileID.
func createZoom(ctx context.Context, out io.Writer, connections *externalconnections.Service, profileID string) (*externalconnections.Connection, error) {
	conn, err := connections.Create(ctx, externalconnections.CreateParams{
		ExternalSIPConnection: externalconnections.ExternalSIPConnectionZoom,
		Outbound:              externalconnections.OutboundParams{OutboundVoiceProfileID: profileID},
		Active:                telnyx.Bool(false),
	})
	if err != nil {
		return nil, fmt.Errorf("creating external connection: %w", err)
	}
	_, _ = fmt.Fprintf(out, "created external connection %s (%s)\n", conn.ID, conn.ExternalSIPConnection)
	return conn, nil
}
