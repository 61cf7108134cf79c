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
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "telnyx-fake:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("telnyx-fake", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:4010", "address to listen on")
	key := fs.String("key", telnyxtest.DefaultAPIKey, "API key accepted as Bearer token")
	seed := fs.Bool("seed", false, "load demo data (recordings, transcriptions, civic addresses, phone numbers, log messages)")
	if err := fs.Parse(args); err != nil {
		return err
	}

	fake := telnyxtest.New(telnyxtest.WithAPIKey(*key))
	if *seed {
		fake.SeedDemo()
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: fake.Handler(), ReadHeaderTimeout: 10 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Printf("telnyx-fake listening on http://%s/v2 (API key: %s)\n", ln.Addr(), *key)

	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	return nil
}
