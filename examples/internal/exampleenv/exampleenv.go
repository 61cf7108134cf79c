// Package exampleenv is the setup shared by the example programs. With
// TELNYX_API_KEY set they talk to the real Telnyx API and only read unless
// -write is given; without it they start the in-process fake from package
// telnyxtest, seed it with demo data and may do anything.
package exampleenv

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// WriteUsage is the help text of the -write flag.
const WriteUsage = "against the real API, also create, change and delete resources (the fake always allows it)"

// Env is where an example runs.
type Env struct {
	// Client talks to the real API or to Fake.
	Client *telnyx.Client
	// Fake is the in-process fake API; nil when Client talks to the real API.
	Fake *telnyxtest.Server
	// Write reports whether the example may create, change and delete
	// resources: always on the fake, only with -write on the real API.
	Write bool
	// Banner is the first line an example prints: where it runs and in
	// which mode.
	Banner string
}

// Setup returns an Env for the real API when TELNYX_API_KEY is set (its
// base URL from TELNYX_BASE_URL, else the public API), else for a new fake
// on a loopback address, seeded by seed when seed is not nil. Close it when
// done.
func Setup(write bool, seed func(*telnyxtest.Server)) (*Env, error) {
	if os.Getenv("TELNYX_API_KEY") == "" {
		srv := telnyxtest.NewServer()
		if seed != nil {
			seed(srv)
		}
		return &Env{
			Client: srv.Client(),
			Fake:   srv,
			Write:  true,
			Banner: "No TELNYX_API_KEY set: running against the built-in fake Telnyx API at " + srv.URL(),
		}, nil
	}
	client, err := telnyx.NewClient()
	if err != nil {
		return nil, err
	}
	base := os.Getenv("TELNYX_BASE_URL")
	if base == "" {
		base = telnyx.DefaultBaseURL
	}
	mode := "read-only"
	if write {
		mode = "write mode: resources are created, changed and deleted"
	}
	return &Env{
		Client: client,
		Write:  write,
		Banner: fmt.Sprintf("TELNYX_API_KEY set: running against %s (%s)", base, mode),
	}, nil
}

// Close stops the fake, if any.
func (e *Env) Close() {
	if e.Fake != nil {
		e.Fake.Close()
	}
}

// Main runs an example program: Run on stdout until run returns or the
// program is interrupted, then exit with status 1 after printing any error
// on stderr.
func Main(write bool, seed func(*telnyxtest.Server), run func(ctx context.Context, out io.Writer, env *Env) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := Run(ctx, os.Stdout, write, seed, run)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// Run sets up an Env (see Setup), prints its banner on out, calls run and
// closes the Env.
func Run(ctx context.Context, out io.Writer, write bool, seed func(*telnyxtest.Server), run func(ctx context.Context, out io.Writer, env *Env) error) error {
	env, err := Setup(write, seed)
	if err != nil {
		return err
	}
	defer env.Close()
	_, _ = fmt.Fprintln(out, env.Banner)
	return run(ctx, out, env)
}
