// Package option holds the settings of a telnyx.Client. Every option works
// both on the client (telnyx.NewClient) and on a single call (the last
// arguments of every method); call options override client options.
package option

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/config"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/retry"
)

// RequestOption changes the configuration of a client or of one call. The
// functions of this package make them; the zero value changes nothing.
type RequestOption struct {
	setting
}

// setting names the embedded change so that it stays unexported; the
// config package reads it through a method only it can call.
type setting = config.Setting

func opt(fn func(*config.Config) error) RequestOption {
	return RequestOption{config.NewSetting(fn)}
}

// Doer sends one HTTP request; *http.Client is one.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// MiddlewareNext passes the request on to the rest of the chain.
type MiddlewareNext = func(*http.Request) (*http.Response, error)

// Middleware wraps every attempt of every request. It may change the
// request, observe the response, or answer without calling next.
type Middleware = func(*http.Request, MiddlewareNext) (*http.Response, error)

// WithAPIKey sets the key sent as "Authorization: Bearer <key>". The
// default comes from TELNYX_API_KEY.
func WithAPIKey(key string) RequestOption {
	return opt(func(c *config.Config) error {
		if !config.ValidHeaderValue(key) {
			return config.Invalid("WithAPIKey", "the key contains a control character or a line break")
		}
		c.SetAPIKey(key)
		return nil
	})
}

// WithBaseURL sets the API root, such as "https://api.telnyx.com/v2". The
// default comes from TELNYX_BASE_URL, else the public API.
func WithBaseURL(u string) RequestOption {
	return opt(func(c *config.Config) error {
		c.BaseURL = strings.TrimRight(u, "/")
		return nil
	})
}

// WithInsecureHTTP allows a plain http:// base URL to a host that is not
// loopback. The API key then travels in clear text: use it only on a
// network you trust.
func WithInsecureHTTP() RequestOption {
	return opt(func(c *config.Config) error {
		c.AllowHTTP = true
		return nil
	})
}

// WithHTTPClient sends requests through d instead of the tuned default
// client.
func WithHTTPClient(d Doer) RequestOption {
	return opt(func(c *config.Config) error {
		if d == nil {
			return config.Invalid("WithHTTPClient", "nil client")
		}
		if hc, ok := d.(*http.Client); ok {
			if hc == nil {
				return config.Invalid("WithHTTPClient", "nil client")
			}
			d = safeRedirects(hc)
		}
		c.HTTPClient = d
		return nil
	})
}

// WithMaxRetries sets how many times a failed request may be retried
// (default 2; 0 disables retries).
func WithMaxRetries(n int) RequestOption {
	return opt(func(c *config.Config) error {
		if n < 0 {
			return config.Invalid("WithMaxRetries", fmt.Sprintf("%d is negative", n))
		}
		c.MaxRetries = n
		return nil
	})
}

// WithMaxRetryDelay caps the wait before a retry (default 30s). A server's
// Retry-After longer than the cap ends the call with the API error at once.
func WithMaxRetryDelay(d time.Duration) RequestOption {
	return opt(func(c *config.Config) error {
		if d <= 0 {
			return config.Invalid("WithMaxRetryDelay", fmt.Sprintf("%s is not positive", d))
		}
		c.MaxRetryDelay = d
		return nil
	})
}

// WithRetryBackoff sets the exponential backoff between retries: the first
// wait is drawn between zero and base, doubling up to ceiling (defaults
// 500ms and 8s).
func WithRetryBackoff(base, ceiling time.Duration) RequestOption {
	return opt(func(c *config.Config) error {
		if base < 0 || ceiling < base {
			return config.Invalid("WithRetryBackoff", fmt.Sprintf("want 0 <= base <= ceiling, got %s and %s", base, ceiling))
		}
		c.BackoffBase, c.BackoffMax = base, ceiling
		return nil
	})
}

// WithRetryBudget gives the client a retry budget of capacity tokens
// (default 500); a retry costs 5 tokens, 10 after a connection failure, and
// each success returns some. When the budget is spent, failures are returned
// without retrying. Zero removes the budget. It belongs on the client: on a
// single call it gives that call a budget of its own.
func WithRetryBudget(capacity int) RequestOption {
	return opt(func(c *config.Config) error {
		if capacity < 0 {
			return config.Invalid("WithRetryBudget", fmt.Sprintf("%d is negative", capacity))
		}
		c.Budget = retry.NewBudget(capacity)
		return nil
	})
}

// WithRetryWrites lets POST and PATCH requests be retried after failures
// where the API may already have acted on them, such as a 500 or a broken
// connection. Use it on calls you know to be safe to repeat.
func WithRetryWrites() RequestOption {
	return opt(func(c *config.Config) error {
		c.RetryWrites = true
		return nil
	})
}

// WithRequestTimeout bounds each attempt. An attempt that runs out of time
// is retried like a broken connection; the context bounds the whole call.
func WithRequestTimeout(d time.Duration) RequestOption {
	return opt(func(c *config.Config) error {
		if d < 0 {
			return config.Invalid("WithRequestTimeout", fmt.Sprintf("%s is negative", d))
		}
		c.RequestTimeout = d
		return nil
	})
}

// WithHeader sets a header on every request, replacing any value the SDK
// would send.
func WithHeader(key, value string) RequestOption {
	return opt(func(c *config.Config) error {
		if !config.ValidHeaderName(key) {
			return config.Invalid("WithHeader", fmt.Sprintf("%q is not a valid header name", key))
		}
		if !config.ValidHeaderValue(value) {
			return config.Invalid("WithHeader", fmt.Sprintf("the value of %s contains a control character or a line break", key))
		}
		switch http.CanonicalHeaderKey(key) {
		case "Authorization":
			return config.Invalid("WithHeader", "set the key with option.WithAPIKey")
		case "Host", "Content-Length", "Transfer-Encoding":
			return config.Invalid("WithHeader", fmt.Sprintf("%s is set by the transport", key))
		}
		if c.Headers == nil {
			c.Headers = http.Header{}
		}
		c.Headers.Set(key, value)
		return nil
	})
}

// WithMiddleware appends middlewares; the first one added runs outermost.
func WithMiddleware(mws ...Middleware) RequestOption {
	return opt(func(c *config.Config) error {
		for _, mw := range mws {
			if mw == nil {
				return config.Invalid("WithMiddleware", "nil middleware")
			}
		}
		c.Middlewares = append(c.Middlewares, mws...)
		return nil
	})
}

// WithLogger logs one debug record per attempt: method, path, status,
// attempt, duration and request id. Keys, headers and bodies are never logged.
func WithLogger(l *slog.Logger) RequestOption {
	return opt(func(c *config.Config) error {
		c.Logger = l
		return nil
	})
}

// WithResponseInto stores the raw *http.Response of the call in *dst. Its
// body has been read already and can be read again, to reach fields the SDK
// does not model; a download's body is the stream itself. It is a per-call
// option: NewClient refuses it.
func WithResponseInto(dst **http.Response) RequestOption {
	return opt(func(c *config.Config) error {
		c.ResponseInto = dst
		return nil
	})
}

// WithPageConcurrency lets a walk of a numbered list (ListAutoPaging, All)
// fetch up to n pages at once once the first page tells how many there
// are. Items still come in the API's order, and at most n pages are held
// beyond the one being read. A page answered 429 halves the pages in flight,
// down to one, and successes raise it again slowly. Cursor-paged lists are
// always walked one page at a time. The default, 1, is sequential.
func WithPageConcurrency(n int) RequestOption {
	return opt(func(c *config.Config) error {
		if n < 1 || n > 64 {
			return config.Invalid("WithPageConcurrency", fmt.Sprintf("want 1 to 64, got %d", n))
		}
		c.PageConcurrency = n
		return nil
	})
}

// DefaultHTTPClient returns the tuned *http.Client the SDK uses by default,
// as a starting point for [WithHTTPClient]: bounded dial, TLS and header
// waits, up to 64 connections per host reused by concurrent callers, and
// redirects followed only within the same origin.
func DefaultHTTPClient() *http.Client { return config.DefaultHTTPClient() }

// safeRedirects returns a copy of hc whose redirects never leave the
// origin of the request, on top of the caller's own rule.
func safeRedirects(hc *http.Client) *http.Client {
	cp := *hc
	own := hc.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := config.CheckRedirect(req, via); err != nil {
			return err
		}
		if own != nil {
			return own(req, via)
		}
		return nil
	}
	return &cp
}
