// Command telnyx-fake serves the in-memory fake of the Telnyx SIP-integrations
// API from package telnyxtest on a fixed address, for tests written in any
// language.
//
// Usage:
//
//	telnyx-fake -addr 127.0.0.1:4010 [-key test-key] [-seed]
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

// maxRecorded bounds the request log of the long-running fake, which
// nobody reads through this command.
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
	if err := fs.Parse(args); err != nil {
		return err
	}

	fake := telnyxtest.New(telnyxtest.WithAPIKey(*key), telnyxtest.WithMaxRecorded(maxRecorded))
	if *seed {
		fake.SeedDemo()
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: fake.Handler(), ReadHeaderTimeout: 10 * time.Second}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "telnyx-fake listening on http://%s/v2 (API key: %s)\n", ln.Addr(), *key)

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
