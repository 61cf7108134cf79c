// Package core is the request engine shared by the root package and every
// resource package: configuration, URL building, retries, errors and paging.
// Users never import it; the root package re-exports what they need.
package core

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"
)

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"

// DefaultBaseURL is the Telnyx API root used when nothing else is configured.
const DefaultBaseURL = "https://api.telnyx.com/v2"

const (
	defaultMaxRetries    = 2
	defaultMaxRetryDelay = 30 * time.Second
	defaultBackoffBase   = 500 * time.Millisecond
	defaultBackoffMax    = 8 * time.Second
)

var userAgent = fmt.Sprintf("telnyx-go/%s (%s; %s/%s)", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)

// Doer sends one HTTP request. *http.Client satisfies it.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// MiddlewareNext hands a request to the rest of the chain.
type MiddlewareNext = func(*http.Request) (*http.Response, error)

// Middleware wraps every attempt of every request.
type Middleware = func(*http.Request, MiddlewareNext) (*http.Response, error)

// RequestOption changes the configuration of a client or of a single call.
type RequestOption = func(*Config) error

// Config is the resolved configuration of one call.
type Config struct {
	APIKey         string
	BaseURL        string // without a trailing slash
	HTTPClient     Doer
	MaxRetries     int
	MaxRetryDelay  time.Duration
	RequestTimeout time.Duration
	Headers        http.Header
	Middlewares    []Middleware
	Logger         *slog.Logger
	AllowHTTP      bool
	RetryWrites    bool
	ResponseInto   **http.Response

	budget       *retryBudget
	backoffBase  time.Duration
	backoffMax   time.Duration
	authHeader   string
	basePath     string // path of BaseURL, such as "/v2"
	validatedFor string // APIKey+"\x00"+BaseURL+AllowHTTP the checks passed for
}

// SetBudget installs a retry budget with the given capacity; zero or less
// removes it.
func (c *Config) SetBudget(capacity int) {
	if capacity <= 0 {
		c.budget = nil
		return
	}
	c.budget = newRetryBudget(capacity)
}

// SetBackoff sets the base and ceiling of the exponential backoff.
func (c *Config) SetBackoff(base, ceiling time.Duration) {
	c.backoffBase, c.backoffMax = base, ceiling
}

// DefaultHTTPClient returns an http.Client tuned for an API client: bounded
// dial, TLS and header waits, and an idle pool large enough for 64 concurrent
// callers to reuse connections. It has no overall timeout: contexts bound calls.
func DefaultHTTPClient() *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		ExpectContinueTimeout: time.Second,
		MaxIdleConns:          128,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
	}}
}

// defaultConfig reads the environment and fills the defaults.
func defaultConfig() Config {
	base := os.Getenv("TELNYX_BASE_URL")
	if base == "" {
		base = DefaultBaseURL
	}
	return Config{
		APIKey:        os.Getenv("TELNYX_API_KEY"),
		BaseURL:       strings.TrimRight(base, "/"),
		HTTPClient:    DefaultHTTPClient(),
		MaxRetries:    defaultMaxRetries,
		MaxRetryDelay: defaultMaxRetryDelay,
		budget:        newRetryBudget(defaultBudgetCapacity),
		backoffBase:   defaultBackoffBase,
		backoffMax:    defaultBackoffMax,
	}
}

// apply runs options on a copy of c. Slices are clipped so that appends made
// by a call never leak into the client's configuration.
func (c Config) apply(opts []RequestOption) (Config, error) {
	c.Middlewares = c.Middlewares[:len(c.Middlewares):len(c.Middlewares)]
	if len(opts) > 0 && c.Headers != nil {
		c.Headers = c.Headers.Clone()
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&c); err != nil {
			return c, err
		}
	}
	return c, c.validate()
}

// ErrMissingAPIKey is returned when no API key was given and TELNYX_API_KEY is empty.
var ErrMissingAPIKey = errors.New("telnyx: no API key: set TELNYX_API_KEY or use option.WithAPIKey")

// validate checks what must hold before any byte is sent. The result is
// remembered so that calls without options pay for it once.
func (c *Config) validate() error {
	key := c.APIKey + "\x00" + c.BaseURL
	if c.AllowHTTP {
		key += "\x00h"
	}
	if c.validatedFor == key && c.authHeader != "" {
		return nil
	}
	if strings.TrimSpace(c.APIKey) == "" {
		return ErrMissingAPIKey
	}
	if strings.ContainsAny(c.APIKey, "\r\n") {
		return errors.New("telnyx: API key contains a line break")
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return fmt.Errorf("telnyx: invalid base URL: %w", err)
	}
	if u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("telnyx: invalid base URL %q: want scheme://host[/path]", c.BaseURL)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !c.AllowHTTP && !isLoopback(u.Hostname()) {
			return fmt.Errorf("telnyx: base URL %q uses plain http to a non-loopback host: the API key would travel in clear text (use https, or option.WithInsecureHTTP to allow it)", c.BaseURL)
		}
	default:
		return fmt.Errorf("telnyx: invalid base URL %q: scheme must be https", c.BaseURL)
	}
	if c.HTTPClient == nil {
		return errors.New("telnyx: HTTP client is nil")
	}
	c.authHeader = "Bearer " + c.APIKey
	c.basePath = strings.TrimRight(u.EscapedPath(), "/")
	c.validatedFor = key
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// fullPath is the escaped path of a request as sent, such as
// "/v2/media/x", for errors and logs.
func (c *Config) fullPath(p string) string { return c.basePath + p }
