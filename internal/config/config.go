// Package config holds the resolved settings of a client or of one call.
// The option package writes them, the root package reads them; users never
// name this package.
package config

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/retry"
)

const (
	defaultMaxRetries    = 2
	defaultMaxRetryDelay = 30 * time.Second
	defaultBackoffBase   = 500 * time.Millisecond
	defaultBackoffMax    = 8 * time.Second
	// DefaultPageConcurrency keeps list walks sequential.
	DefaultPageConcurrency = 1
)

// Doer sends one HTTP request. *http.Client satisfies it.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Next hands a request to the rest of a middleware chain.
type Next = func(*http.Request) (*http.Response, error)

// Middleware wraps every attempt of every request.
type Middleware = func(*http.Request, Next) (*http.Response, error)

// Setting is one option's change to a Config. The option package's
// RequestOption embeds it, which gives RequestOption the unexported method
// through which Apply finds the change; the zero Setting changes nothing.
type Setting struct {
	apply func(*Config) error
}

// NewSetting returns the Setting that makes the change fn.
func NewSetting(fn func(*Config) error) Setting { return Setting{apply: fn} }

func (s Setting) carried() Setting { return s }

// carrier is any value holding a Setting, embedded or not.
type carrier interface{ carried() Setting }

// key is the API key. Config holds it, and the header made from it, only
// behind pointers to strings: fmt prints such a pointer, at any depth and
// with any verb, as an address, never as the string.
type key = string

// Config is the resolved configuration of one call.
type Config struct {
	BaseURL         string // without a trailing slash
	HTTPClient      Doer
	MaxRetries      int
	MaxRetryDelay   time.Duration
	RequestTimeout  time.Duration
	Headers         http.Header
	Middlewares     []Middleware
	Logger          *slog.Logger
	AllowHTTP       bool
	RetryWrites     bool
	ResponseInto    **http.Response
	PageConcurrency int

	Budget      *retry.Budget
	BackoffBase time.Duration
	BackoffMax  time.Duration
	// RetryStatuses and RetryErrors are the caller's extra retry
	// conditions, behind the write guard.
	RetryStatuses []int
	RetryErrors   []func(error) bool
	// Observer is the option package's Observer, nil when none is set; it
	// is held as any since that package imports this one.
	Observer any
	// Limiter paces attempts: each waits for it before it is sent.
	Limiter interface {
		Wait(ctx context.Context) error
	}

	key          *key
	header       *string // "Bearer " + *key
	basePath     string  // path of BaseURL, such as "/v2"
	host         string  // host of BaseURL, for telemetry
	port         int     // port of BaseURL, explicit or the scheme's
	validatedFor *key    // the key the last successful check ran with
	validatedURL string
	validatedH   bool
}

// SetAPIKey stores the key sent as a bearer token.
func (c *Config) SetAPIKey(k string) { c.key, c.header = &k, nil }

// AuthHeader returns the Authorization header value; it is valid after a
// successful Validate.
func (c *Config) AuthHeader() string {
	if c.header == nil {
		return ""
	}
	return *c.header
}

// HasAPIKey reports whether a key is set.
func (c *Config) HasAPIKey() bool { return c.key != nil && *c.key != "" }

// DefaultHTTPClient returns an http.Client tuned for an API client: bounded
// dial, TLS and header waits, a pool of up to 64 connections per host that
// 64 concurrent callers reuse (HTTP/2 multiplexes beyond that), and a
// redirect rule that never carries the key in clear text or
// to another origin. It has no overall timeout: contexts bound calls.
func DefaultHTTPClient() *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           dialer.DialContext,
			ForceAttemptHTTP2:     true,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 60 * time.Second,
			ExpectContinueTimeout: time.Second,
			MaxIdleConns:          128,
			MaxIdleConnsPerHost:   64,
			// At most as many connections as stay idle: more would be
			// dialled under load only to be closed again.
			MaxConnsPerHost: 64,
			IdleConnTimeout: 90 * time.Second,
		},
		CheckRedirect: CheckRedirect,
	}
}

// CheckRedirect follows a redirect only to the same origin (scheme, host
// and port) as the request before it, and at most 5 times. Any other target
// ends the call, so the key is never sent in clear text or to another host.
// The header stays on a followed hop, since its origin is unchanged.
func CheckRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return fmt.Errorf("%w: more than 5 redirects", retry.ErrRedirect)
	}
	prev := via[len(via)-1].URL
	if !strings.EqualFold(req.URL.Scheme, prev.Scheme) || !strings.EqualFold(req.URL.Host, prev.Host) {
		return fmt.Errorf("%w: %s://%s is another origin than %s://%s", retry.ErrRedirect,
			req.URL.Scheme, req.URL.Host, prev.Scheme, prev.Host)
	}
	return nil
}

// Default reads the environment and fills the defaults; baseURL is the
// API root used when TELNYX_BASE_URL is empty.
func Default(baseURL string) Config {
	base := os.Getenv("TELNYX_BASE_URL")
	if base == "" {
		base = baseURL
	}
	c := Config{
		BaseURL:         strings.TrimRight(base, "/"),
		HTTPClient:      DefaultHTTPClient(),
		MaxRetries:      defaultMaxRetries,
		MaxRetryDelay:   defaultMaxRetryDelay,
		Budget:          retry.NewBudget(retry.DefaultBudgetCapacity),
		BackoffBase:     defaultBackoffBase,
		BackoffMax:      defaultBackoffMax,
		PageConcurrency: DefaultPageConcurrency,
	}
	c.SetAPIKey(os.Getenv("TELNYX_API_KEY"))
	return c
}

// Apply runs opts on a copy of c and checks the result. Each of opts is a
// value holding a Setting, such as an option.RequestOption; any other value
// is skipped. Slices are clipped and headers cloned so that a call's options
// never leak into the client's configuration.
func (c Config) Apply(opts []any) (Config, error) {
	c.Middlewares = c.Middlewares[:len(c.Middlewares):len(c.Middlewares)]
	c.RetryStatuses = c.RetryStatuses[:len(c.RetryStatuses):len(c.RetryStatuses)]
	c.RetryErrors = c.RetryErrors[:len(c.RetryErrors):len(c.RetryErrors)]
	if len(opts) > 0 && c.Headers != nil {
		c.Headers = c.Headers.Clone()
	}
	for _, o := range opts {
		h, ok := o.(carrier)
		if !ok {
			continue
		}
		if apply := h.carried().apply; apply != nil {
			if err := apply(&c); err != nil {
				return c, err
			}
		}
	}
	return c, c.Validate()
}

// ErrMissingAPIKey is what Validate returns when no API key was given and
// TELNYX_API_KEY is empty. The root package reports it as its own exported
// sentinel of the same text.
var ErrMissingAPIKey = errors.New("telnyx: no API key: set TELNYX_API_KEY or use option.WithAPIKey")

// Validate checks what must hold before any byte is sent: a key that can
// form a header, a usable base URL, and header values that the transport
// would not refuse. The result is remembered so that calls without options
// pay for it once.
func (c *Config) Validate() error {
	if c.key != nil && c.validatedFor == c.key && c.validatedURL == c.BaseURL && c.validatedH == c.AllowHTTP && c.header != nil {
		return nil
	}
	if !c.HasAPIKey() || strings.TrimSpace(*c.key) == "" {
		return ErrMissingAPIKey
	}
	if !ValidHeaderValue(*c.key) {
		return errors.New("telnyx: API key contains a control character or a line break")
	}
	u, err := c.checkBaseURL()
	if err != nil {
		return err
	}
	if c.HTTPClient == nil {
		return errors.New("telnyx: HTTP client is nil")
	}
	c.remember(u)
	return nil
}

// checkBaseURL parses BaseURL and refuses what would not reach the API
// safely: no host, a user, query or fragment, another scheme than https, or
// plain http to a host that is not loopback unless AllowHTTP is set.
func (c *Config) checkBaseURL() (*url.URL, error) {
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("telnyx: invalid base URL: %w", stripURLError(err))
	}
	if u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, errors.New("telnyx: invalid base URL: want scheme://host[/path] with no user, query or fragment")
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !c.AllowHTTP && !IsLoopback(u.Hostname()) {
			return nil, fmt.Errorf("telnyx: base URL %q uses plain http to a non-loopback host: the API key would travel in clear text (use https, or option.WithInsecureHTTP to allow it)", u.Scheme+"://"+u.Host)
		}
	default:
		return nil, errors.New("telnyx: invalid base URL: scheme must be https")
	}
	return u, nil
}

// remember stores what a successful check derived from the key and the
// base URL u, and what it ran with, so that the next check of the same
// settings is free.
func (c *Config) remember(u *url.URL) {
	v, h := *c.key, "Bearer "+*c.key
	k := &v
	c.key, c.header = k, &h
	c.basePath = strings.TrimRight(u.EscapedPath(), "/")
	c.host, c.port = u.Hostname(), 443
	if u.Scheme == "http" {
		c.port = 80
	}
	if p, err := strconv.Atoi(u.Port()); err == nil {
		c.port = p
	}
	c.validatedFor, c.validatedURL, c.validatedH = k, c.BaseURL, c.AllowHTTP
}

// stripURLError keeps the cause of a url.Error, whose message repeats the
// URL (and any credentials in it).
func stripURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// ValidHeaderValue reports whether v can be sent as a header value: no
// control characters other than a tab, and no line breaks.
func ValidHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		b := v[i]
		if (b < ' ' && b != '\t') || b == 0x7f {
			return false
		}
	}
	return true
}

// ValidHeaderName reports whether k is a token, as HTTP requires of header
// names.
func ValidHeaderName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		b := k[i]
		switch {
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0:
		default:
			return false
		}
	}
	return true
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// FullPath is the escaped path of a request as sent, such as
// "/v2/media/x", for errors and logs.
func (c *Config) FullPath(p string) string { return c.basePath + p }

// BasePath is the path of the base URL, such as /v2.
func (c *Config) BasePath() string { return c.basePath }

// Backoff is the wait before retry number attempt+1.
func (c *Config) Backoff(attempt int) time.Duration {
	return retry.Backoff(attempt, c.BackoffBase, c.BackoffMax, c.MaxRetryDelay)
}

// Server returns the host and port of the base URL; they are set by a
// successful Validate.
func (c *Config) Server() (host string, port int) { return c.host, c.port }

// Policy is the retry rule's view of c.
func (c *Config) Policy() retry.Policy {
	return retry.Policy{MaxRetries: c.MaxRetries, MaxDelay: c.MaxRetryDelay, RetryWrites: c.RetryWrites, Backoff: c.Backoff,
		Statuses: c.RetryStatuses, Errors: c.RetryErrors}
}
