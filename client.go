package telnyx

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/config"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Version is this SDK's version, as sent in the User-Agent header.
const Version = "0.1.0"

// DefaultBaseURL is the public Telnyx API root.
const DefaultBaseURL = "https://api.telnyx.com/v2"

var userAgent = fmt.Sprintf("telnyx-go/%s (%s; %s/%s)", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)

// Client sends requests to the API with one configuration, connection pool
// and retry budget. Build it once with [NewClient] and share it: it is safe
// for concurrent use, and every resource service built from it shares its
// pool and budget. No way of printing it shows the API key.
type Client struct {
	cfg   config.Config
	built bool  // set by NewClient: a zero Client{} has no pool or budget
	err   error // set on a derived client whose options were refused
}

// errNoClient is what every call through a nil or zero-value Client
// returns, before anything is sent.
var errNoClient = errors.New("telnyx: nil or zero-value Client: build one with telnyx.NewClient")

// NewClient returns a Client configured by opts on top of the defaults: the
// key from TELNYX_API_KEY, the base URL from TELNYX_BASE_URL or
// [DefaultBaseURL], 2 retries, a retry budget of 500 tokens and a tuned HTTP
// client. It fails when the configuration cannot work: no key, a key or a
// header that cannot be sent, a base URL that does not parse, or plain http
// to a host that is not loopback.
func NewClient(opts ...option.RequestOption) (*Client, error) {
	cfg, err := config.Default(DefaultBaseURL).Apply(anys(opts))
	if err != nil {
		return nil, optionError(err)
	}
	if cfg.ResponseInto != nil {
		// Concurrent calls would all write to the same place.
		return nil, errors.New("telnyx: option.WithResponseInto belongs on a single call, not on the client")
	}
	return &Client{cfg: cfg, built: true}, nil
}

// With returns a client derived from c: it shares c's connection pool and
// retry budget, and has opts on top of c's settings as its own defaults,
// such as a timeout, headers or a page concurrency for one tenant or job.
// Options that replace the pool or the budget ([option.WithHTTPClient],
// [option.WithRetryBudget]) give the derived client its own. With no options it
// returns c. When an option is refused, every call of the derived client
// returns that error before sending anything; [Client.Err] reports it at once.
func (c *Client) With(opts ...option.RequestOption) *Client {
	if c == nil || !c.built || len(opts) == 0 || c.err != nil {
		return c
	}
	cfg, err := c.cfg.Apply(anys(opts))
	if err != nil {
		err = optionError(err)
	} else if cfg.ResponseInto != nil {
		err = &ValidationError{Field: "option.WithResponseInto", Reason: "belongs on a single call, not on a client"}
	}
	if err != nil {
		return &Client{cfg: c.cfg, built: true, err: err}
	}
	return &Client{cfg: cfg, built: true}
}

// Err reports why a client made by With cannot send: an option it was
// given was refused. It is nil for any usable client.
func (c *Client) Err() error {
	if c == nil || !c.built {
		return errNoClient
	}
	return c.err
}

// BaseURL returns the API root the client sends to.
func (c *Client) BaseURL() string {
	if c == nil {
		return ""
	}
	return c.cfg.BaseURL
}

// String describes the client without its key.
func (c *Client) String() string {
	if c == nil {
		return "telnyx.Client(nil)"
	}
	return "telnyx.Client{BaseURL: " + c.cfg.BaseURL + "}"
}

// GoString describes the client without its key.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so that no verb shows the key.
func (c *Client) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		_, _ = fmt.Fprintf(f, "%q", c.String())
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// LogValue describes the client to log/slog without its key.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }
