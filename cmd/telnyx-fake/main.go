// Command telnyx-fake serves the in-memory fake of the Telnyx SIP-integrations
// API from package telnyxtest on a fixed address, for tests written in any
// language.
//
// Usage:
//
//	telnyx-fake [-addr 127.0.0.1:4010] [-key test-key] [-seed] [-seed-file data.json] [-control=false]
//
// -seed loads the package's demo data set; -seed-file loads a JSON document
// with an array per resource, the one POST /_fake/seed takes, after it.
// The control endpoints under /_fake (inject faults and latency, read and
// clear the recorded requests, reset, seed) are on unless -control=false;
// GET /_fake lists them. The package documentation of telnyxtest
// describes them and the seed document.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// maxRecorded bounds the request log of the long-running fake; GET
// /_fake/requests reads it.
const maxRecorded = 1000

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "telnyx-fake:", err)
		os.Exit(1)
	}
}

// run serves the fake until ctx is done, printing its base URL to stdout
// once it listens.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("telnyx-fake", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:4010", "address to listen on")
	key := fs.String("key", telnyxtest.DefaultAPIKey, "API key accepted as Bearer token")
	seed := fs.Bool("seed", false, "load demo data (recordings, transcriptions, civic addresses, phone numbers, log messages)")
	seedFile := fs.String("seed-file", "", "load the JSON seed `document` at this path (the body POST /_fake/seed takes)")
	control := fs.Bool("control", true, "serve the control endpoints under "+telnyxtest.ControlPrefix)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}

	opts := []telnyxtest.ServerOption{telnyxtest.WithAPIKey(*key), telnyxtest.WithMaxRecorded(maxRecorded)}
	if *control {
		opts = append(opts, telnyxtest.WithControl())
	}
	fake := telnyxtest.New(opts...)
	if *seed {
		fake.SeedDemo()
	}
	if *seedFile != "" {
		doc, err := os.ReadFile(*seedFile)
		if err != nil {
			return err
		}
		if err := fake.SeedJSON(doc); err != nil {
			return fmt.Errorf("%s: %w", *seedFile, err)
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: fake.Handler(), ReadHeaderTimeout: 10 * time.Second}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	controlNote := ""
	if *control {
		controlNote = fmt.Sprintf("; control: http://%s%s", ln.Addr(), telnyxtest.ControlPrefix)
	}
	_, _ = fmt.Fprintf(stdout, "telnyx-fake listening on http://%s/v2 (API key: %s%s)\n", ln.Addr(), *key, controlNote)

	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	// End injected latency waits first so that Shutdown does not wait them out.
	fake.Close()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
