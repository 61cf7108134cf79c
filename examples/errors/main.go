// Command errors shows how the SDK reports failures and retries: API errors
// matched with errors.Is and read with errors.As, parameters refused before
// anything is sent, per-call options, and, on the built-in fake, injected
// 503 and 429 answers that the client retries (after the wait the server
// asks for), or does not.
//
// Run it from the repository root:
//
//	go run ./examples/errors
//
// Without TELNYX_API_KEY it starts the built-in fake API, which can inject
// failures. With TELNYX_API_KEY set it only reads from the real API and
// skips the injected failures.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func main() {
	exampleenv.Main(false, (*telnyxtest.Server).SeedDemo, func(ctx context.Context, out io.Writer, env *exampleenv.Env) error {
		return run(ctx, out, env.Client, env.Fake)
	})
}

// run shows the errors; fake, when not nil, is the fake API client talks
// to, used to inject failures.
func run(ctx context.Context, out io.Writer, client *telnyx.Client, fake *telnyxtest.Server) error {
	connectors := siprec.New(client)
	connections := externalconnections.New(client)

	// 1. An API error: a 404, matched by class with errors.Is and read in
	// full with errors.As.
	_, _ = fmt.Fprintln(out, "== an API error")
	_, err := connectors.Get(ctx, "telnyx-go-no-such-connector")
	if err == nil {
		return errors.New("want a 404, got a connector")
	}
	if !errors.Is(err, telnyx.ErrNotFound) {
		return fmt.Errorf("want a 404, got: %w", err)
	}
	_, _ = fmt.Fprintln(out, "errors.Is(err, telnyx.ErrNotFound): true")
	printAPIError(out, err)

	// 2. Invalid parameters are refused before anything is sent.
	_, _ = fmt.Fprintln(out, "== refused before sending")
	_, err = connectors.Create(ctx, siprec.Params{Name: "telnyx-go-example", Host: "siprec.example.com", Port: 70000})
	printValidationError(out, err)
	_, err = media.New(client).Get(ctx, "..") // would climb out of /media
	printValidationError(out, err)

	// 3. Options given to a call apply to that call only: here no retries
	// and at most 10 seconds per attempt.
	_, _ = fmt.Fprintln(out, "== per-call options")
	page, err := connections.List(ctx, externalconnections.ListParams{Page: telnyx.PageParams{Size: 1}},
		option.WithMaxRetries(0), option.WithRequestTimeout(10*time.Second))
	if err != nil {
		return fmt.Errorf("listing connections: %w", err)
	}
	_, _ = fmt.Fprintf(out, "listed %d of %d external connections without retries\n", len(page.Data), page.Meta.TotalResults)

	if fake == nil {
		_, _ = fmt.Fprintln(out, "injected failures need the built-in fake: skipped")
		_, _ = fmt.Fprintln(out, "done")
		return nil
	}
	if err := injected(ctx, out, client, fake); err != nil {
		return err
	}
	_, _ = fmt.Fprintln(out, "done")
	return nil
}

// injected makes the fake fail on purpose to show the retries.
func injected(ctx context.Context, out io.Writer, client *telnyx.Client, fake *telnyxtest.Server) error {
	connectors := siprec.New(client)
	connections := externalconnections.New(client)

	// Shorter waits between retries than the default, to keep this quick.
	fast := option.WithRetryBackoff(20*time.Millisecond, 100*time.Millisecond)
	if err := serverErrors(ctx, out, connections, connectors, fake, fast); err != nil {
		return err
	}
	if err := rateLimited(ctx, out, connections, fake); err != nil {
		return err
	}
	return fieldError(ctx, out, connectors)
}

// serverErrors shows which 5xx answers are retried, and how many times.
func serverErrors(ctx context.Context, out io.Writer, connections *externalconnections.Service, connectors *siprec.Service,
	fake *telnyxtest.Server, fast option.RequestOption,
) error {
	list := externalconnections.ListParams{}
	_, _ = fmt.Fprintln(out, "== a 503 twice, then success")
	fake.FailNext(2, http.StatusServiceUnavailable, telnyxtest.OnOperation(telnyxtest.OpListExternalConnections))
	attempts := &statusLog{}
	page, err := connections.List(ctx, list, fast, option.WithMiddleware(attempts.record))
	if err != nil {
		return fmt.Errorf("listing after two 503s: %w", err)
	}
	_, _ = fmt.Fprintf(out, "listed %d external connections; attempts answered %s\n", len(page.Data), attempts)

	_, _ = fmt.Fprintln(out, "== a 503 with retries turned off for the call")
	fake.FailNext(1, http.StatusServiceUnavailable, telnyxtest.OnOperation(telnyxtest.OpListExternalConnections))
	attempts = &statusLog{}
	_, err = connections.List(ctx, list, option.WithMaxRetries(0), option.WithMiddleware(attempts.record))
	_, _ = fmt.Fprintf(out, "errors.Is(err, telnyx.ErrServer): %t; attempts answered %s\n", errors.Is(err, telnyx.ErrServer), attempts)

	_, _ = fmt.Fprintln(out, "== a 503 three times: the 2 retries are used up")
	fake.FailNext(3, http.StatusServiceUnavailable, telnyxtest.OnOperation(telnyxtest.OpListExternalConnections))
	attempts = &statusLog{}
	_, err = connections.List(ctx, list, fast, option.WithMiddleware(attempts.record))
	_, _ = fmt.Fprintf(out, "errors.Is(err, telnyx.ErrServer): %t; attempts answered %s\n", errors.Is(err, telnyx.ErrServer), attempts)

	_, _ = fmt.Fprintln(out, "== a POST answered 500 is not retried")
	// The API may have acted on it; option.WithRetryWrites allows the retry.
	fake.FailNext(1, http.StatusInternalServerError, telnyxtest.OnOperation(telnyxtest.OpCreateSiprecConnector))
	attempts = &statusLog{}
	_, err = connectors.Create(ctx, siprec.Params{Name: "telnyx-go-example", Host: "siprec.example.com", Port: 5060},
		fast, option.WithMiddleware(attempts.record))
	_, _ = fmt.Fprintf(out, "errors.Is(err, telnyx.ErrServer): %t; attempts answered %s\n", errors.Is(err, telnyx.ErrServer), attempts)
	return nil
}

// rateLimited shows a 429's Retry-After: reported without retries, waited
// for with them, and ending the call when it is longer than the cap.
func rateLimited(ctx context.Context, out io.Writer, connections *externalconnections.Service, fake *telnyxtest.Server) error {
	list := externalconnections.ListParams{}
	_, _ = fmt.Fprintln(out, "== a 429 with Retry-After")
	fake.FailNext(1, http.StatusTooManyRequests, telnyxtest.OnOperation(telnyxtest.OpListExternalConnections), telnyxtest.WithRetryAfter(time.Second))
	_, err := connections.List(ctx, list, option.WithMaxRetries(0))
	if err == nil {
		return errors.New("want a 429, got a page")
	}
	var apiErr *telnyx.Error
	if !errors.As(err, &apiErr) || !errors.Is(err, telnyx.ErrRateLimited) {
		return fmt.Errorf("want a 429, got: %w", err)
	}
	_, _ = fmt.Fprintf(out, "without retries: %d, the server asks to wait %s\n", apiErr.StatusCode, apiErr.RetryAfter)
	fake.FailNext(1, http.StatusTooManyRequests, telnyxtest.OnOperation(telnyxtest.OpListExternalConnections), telnyxtest.WithRetryAfter(time.Second))
	attempts := &statusLog{}
	start := time.Now()
	if _, err := connections.List(ctx, list, option.WithMiddleware(attempts.record)); err != nil {
		return fmt.Errorf("listing after a 429: %w", err)
	}
	_, _ = fmt.Fprintf(out, "with retries: attempts answered %s, after waiting at least %s\n", attempts, time.Since(start).Truncate(time.Second))
	fake.FailNext(1, http.StatusTooManyRequests, telnyxtest.OnOperation(telnyxtest.OpListExternalConnections), telnyxtest.WithRetryAfter(time.Second))
	_, err = connections.List(ctx, list, option.WithMaxRetryDelay(500*time.Millisecond))
	_, _ = fmt.Fprintf(out, "with waits capped at 500ms: errors.Is(err, telnyx.ErrRateLimited): %t, at once\n", errors.Is(err, telnyx.ErrRateLimited))
	return nil
}

// fieldError shows a 422 whose error points at the field it is about.
func fieldError(ctx context.Context, out io.Writer, connectors *siprec.Service) error {
	_, _ = fmt.Fprintln(out, "== a 422 pointing at the field")
	const name = "telnyx-go-errors-example"
	params := siprec.Params{Name: name, Host: "siprec.example.com", Port: 5060}
	if _, err := connectors.Create(ctx, params); err != nil {
		return fmt.Errorf("creating connector: %w", err)
	}
	_, err := connectors.Create(ctx, params) // the name is taken now
	_, _ = fmt.Fprintf(out, "errors.Is(err, telnyx.ErrUnprocessable): %t\n", errors.Is(err, telnyx.ErrUnprocessable))
	printAPIError(out, err)
	if err := connectors.Delete(ctx, name); err != nil {
		return fmt.Errorf("deleting connector: %w", err)
	}
	return nil
}

// printAPIError prints the parts of an API error.
func printAPIError(out io.Writer, err error) {
	var apiErr *telnyx.Error
	if !errors.As(err, &apiErr) {
		_, _ = fmt.Fprintf(out, "not an API error: %v\n", err)
		return
	}
	requestID := apiErr.RequestID
	if requestID == "" {
		requestID = "(none)"
	}
	_, _ = fmt.Fprintf(out, "status %d on %s %s, request id %s\n", apiErr.StatusCode, apiErr.Method, apiErr.Path, requestID)
	for _, d := range apiErr.Errors {
		_, _ = fmt.Fprintf(out, "  code %s: %s: %s", d.Code, d.Title, d.Detail)
		if d.Source.Pointer != "" {
			_, _ = fmt.Fprintf(out, " (at %s)", d.Source.Pointer)
		}
		_, _ = fmt.Fprintln(out)
	}
}

// printValidationError prints a parameter refused by the SDK.
func printValidationError(out io.Writer, err error) {
	var invalid *telnyx.ValidationError
	if errors.As(err, &invalid) {
		_, _ = fmt.Fprintf(out, "invalid %s: %v\n", invalid.Field, err)
	} else {
		_, _ = fmt.Fprintf(out, "not a validation error: %v\n", err)
	}
}

// statusLog records the status of every attempt of a call, as a
// middleware.
type statusLog struct {
	mu       sync.Mutex
	statuses []string
}

func (l *statusLog) record(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
	resp, err := next(req)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		l.statuses = append(l.statuses, "error")
	} else {
		l.statuses = append(l.statuses, fmt.Sprint(resp.StatusCode))
	}
	return resp, err
}

// String lists the statuses seen so far.
func (l *statusLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.statuses, ", ")
}
