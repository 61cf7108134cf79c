// Command siprec shows SIPREC connectors, the recording servers Telnyx
// streams calls to: it creates one, reads it, points it at another server
// and deletes it, recognising the 404 of a connector that does not exist.
//
// Run it from the repository root:
//
//	go run ./examples/siprec
//
// Without TELNYX_API_KEY it starts the built-in fake API. With
// TELNYX_API_KEY set it talks to the real API and only looks up the
// connector called telnyx-go-example; add -write to create, change and
// delete it (an existing connector of that name is left alone).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// name is the connector the example works on.
const name = "telnyx-go-example"

func main() {
	write := flag.Bool("write", false, exampleenv.WriteUsage)
	flag.Parse()
	exampleenv.Main(*write, nil, func(ctx context.Context, out io.Writer, env *exampleenv.Env) error {
		return run(ctx, out, env.Client, env.Write)
	})
}

func run(ctx context.Context, out io.Writer, client *telnyx.Client, write bool) error {
	connectors := siprec.New(client)
	existing, err := connectors.Get(ctx, name)
	switch {
	case errors.Is(err, telnyx.ErrNotFound):
		_, _ = fmt.Fprintf(out, "no SIPREC connector named %s yet\n", name)
	case err != nil:
		return fmt.Errorf("getting connector: %w", err)
	default:
		_, _ = fmt.Fprintf(out, "SIPREC connector %s\n", describe(existing))
		if write {
			_, _ = fmt.Fprintf(out, "%s already exists: leaving it alone\n", name)
		}
		write = false
	}
	if !write {
		_, _ = fmt.Fprintln(out, "done")
		return nil
	}

	c, err := connectors.Create(ctx, siprec.Params{Name: name, Host: "siprec.example.com", Port: 5060})
	if err != nil {
		return fmt.Errorf("creating connector: %w", err)
	}
	_, _ = fmt.Fprintf(out, "created SIPREC connector %s\n", describe(c))

	// Update replaces the whole configuration: send every field.
	c, err = connectors.Update(ctx, name, siprec.Params{
		Name:         name,
		Host:         "siprec-backup.example.com",
		Port:         5061,
		AppSubdomain: telnyx.String("telnyx-go-example"),
	})
	if err != nil {
		return fmt.Errorf("updating connector: %w", err)
	}
	_, _ = fmt.Fprintf(out, "updated SIPREC connector %s\n", describe(c))

	if c, err = connectors.Get(ctx, name); err != nil {
		return fmt.Errorf("getting connector: %w", err)
	}
	_, _ = fmt.Fprintf(out, "read back SIPREC connector %s, updated at %s\n", describe(c), c.UpdatedAt.Format(time.RFC3339))

	if err := connectors.Delete(ctx, name); err != nil {
		return fmt.Errorf("deleting connector: %w", err)
	}
	_, _ = fmt.Fprintf(out, "deleted SIPREC connector %s\n", name)

	_, err = connectors.Get(ctx, name)
	if err == nil {
		return errors.New("getting the deleted connector: want a 404, got a connector")
	}
	if !errors.Is(err, telnyx.ErrNotFound) {
		return fmt.Errorf("getting the deleted connector: want a 404, got: %w", err)
	}
	_, _ = fmt.Fprintf(out, "%s is gone (404)\n", name)
	_, _ = fmt.Fprintln(out, "done")
	return nil
}

// describe shows a connector on one line.
func describe(c *siprec.Connector) string {
	s := fmt.Sprintf("%s -> %s:%d", c.Name, c.Host, c.Port)
	if c.AppSubdomain != "" {
		s += " (app subdomain " + c.AppSubdomain + ")"
	}
	return s
}
