package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// Client sends requests with one shared configuration. Resource services
// hold a *Client; it is safe for concurrent use.
type Client struct {
	cfg Config
}

// NewClient resolves the defaults (environment included) and opts, and
// checks the result.
func NewClient(opts ...RequestOption) (*Client, error) {
	cfg, err := defaultConfig().apply(opts)
	if err != nil {
		return nil, err
	}
	return &Client{cfg: cfg}, nil
}

// Request describes one API call.
type Request struct {
	Method string
	// Path is already escaped (see Path) and starts with "/".
	Path string
	// Query is a struct encoded with go-querystring, url.Values, or nil.
	Query any
	// Body is a value encoded as JSON, a *Multipart, or nil.
	Body any
	// Accept overrides the default "application/json".
	Accept string
}

// Do sends r and decodes a JSON answer into out (nil discards it).
func (c *Client) Do(ctx context.Context, r Request, out any, opts []RequestOption) error {
	resp, cfg, err := c.send(ctx, r, opts)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if out == nil || resp.StatusCode == http.StatusNoContent {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		return nil
	}
	var derr error
	if cfg.ResponseInto != nil {
		var b []byte
		if b, derr = io.ReadAll(resp.Body); derr == nil {
			resp.Body = io.NopCloser(bytes.NewReader(b))
			*cfg.ResponseInto = resp
			if len(bytes.TrimSpace(b)) > 0 {
				derr = json.Unmarshal(b, out)
			}
		}
	} else {
		derr = json.NewDecoder(resp.Body).Decode(out)
		if derr == io.EOF {
			derr = nil // an empty body leaves out as it is
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
	}
	if derr != nil {
		return fmt.Errorf("telnyx: decoding the answer to %s %s: %w", r.Method, cfg.fullPath(r.Path), derr)
	}
	return nil
}

// Stream sends r and returns the successful response with its body unread;
// the caller must close the body.
func (c *Client) Stream(ctx context.Context, r Request, opts []RequestOption) (*http.Response, error) {
	resp, cfg, err := c.send(ctx, r, opts)
	if err != nil {
		return nil, err
	}
	if cfg.ResponseInto != nil {
		*cfg.ResponseInto = resp
	}
	return resp, nil
}

// Data sends r and returns the object under the answer's "data" key.
func Data[T any](ctx context.Context, c *Client, r Request, opts []RequestOption) (*T, error) {
	var env struct {
		Data T `json:"data"`
	}
	if err := c.Do(ctx, r, &env, opts); err != nil {
		return nil, err
	}
	return &env.Data, nil
}

// send runs the attempts of one call and returns the first successful
// response, or the error that ends the call.
func (c *Client) send(ctx context.Context, r Request, opts []RequestOption) (*http.Response, *Config, error) {
	cfg := &c.cfg
	if len(opts) > 0 {
		applied, err := c.cfg.apply(opts)
		if err != nil {
			return nil, nil, err
		}
		cfg = &applied
	}
	if ctx == nil {
		return nil, nil, errors.New("telnyx: nil context")
	}
	target, err := buildURL(cfg.BaseURL, r)
	if err != nil {
		return nil, nil, err
	}
	body, err := newBody(r.Body)
	if err != nil {
		return nil, nil, err
	}
	idempotent := r.Method == http.MethodGet || r.Method == http.MethodPut ||
		r.Method == http.MethodDelete || r.Method == http.MethodHead
	var lastErr error
	retried := 0
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			if lastErr != nil {
				return nil, cfg, fmt.Errorf("%w (while waiting to retry: %w)", err, lastErr)
			}
			return nil, cfg, &ConnectionError{Method: r.Method, Path: cfg.fullPath(r.Path), Err: err}
		}
		resp, apiErr, connErr, sent := c.attempt(ctx, cfg, r, target, &body, attempt)
		if resp != nil {
			cfg.budget.success(retried)
			return resp, cfg, nil
		}
		retryable := false
		if apiErr != nil {
			lastErr = apiErr
			retryable = retryableStatus(apiErr.StatusCode) &&
				(idempotent || cfg.RetryWrites || apiErr.StatusCode == http.StatusTooManyRequests)
		} else {
			lastErr = connErr
			if ctx.Err() != nil {
				return nil, cfg, connErr
			}
			retryable = retryableTransport(connErr.Err) && (idempotent || cfg.RetryWrites || !sent)
		}
		if !retryable || attempt >= cfg.MaxRetries || !body.replayable() {
			return nil, cfg, lastErr
		}
		delay := cfg.backoff(attempt)
		if apiErr != nil && apiErr.RetryAfter > 0 {
			if apiErr.RetryAfter > cfg.MaxRetryDelay {
				return nil, cfg, lastErr
			}
			delay = apiErr.RetryAfter
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
			return nil, cfg, lastErr
		}
		cost := retryCost
		if connErr != nil {
			cost = timeoutRetryCost
		}
		if !cfg.budget.take(cost) {
			return nil, cfg, lastErr
		}
		retried = cost
		if err := sleep(ctx, delay); err != nil {
			return nil, cfg, fmt.Errorf("%w (while waiting to retry: %w)", err, lastErr)
		}
	}
}

// attempt sends the request once. It returns either a successful response,
// an API error, or a connection error together with whether any byte of the
// request may have left this process.
func (c *Client) attempt(ctx context.Context, cfg *Config, r Request, target string, body *body, n int) (*http.Response, *Error, *ConnectionError, bool) {
	actx, cancel := ctx, context.CancelFunc(nil)
	if cfg.RequestTimeout > 0 {
		actx, cancel = context.WithTimeout(ctx, cfg.RequestTimeout)
	}
	done := func() {
		if cancel != nil {
			cancel()
		}
	}
	rd, contentType, err := body.open()
	if err != nil {
		done()
		return nil, nil, &ConnectionError{Method: r.Method, Path: cfg.fullPath(r.Path), Err: err}, false
	}
	req, err := http.NewRequestWithContext(actx, r.Method, target, rd)
	if err != nil {
		done()
		body.abort()
		return nil, nil, &ConnectionError{Method: r.Method, Path: cfg.fullPath(r.Path), Err: err}, false
	}
	if body.length >= 0 {
		req.ContentLength = body.length
	}
	accept := r.Accept
	if accept == "" {
		accept = "application/json"
	}
	// One backing array for the fixed headers: one allocation, not four.
	vals := [4]string{cfg.authHeader, userAgent, accept, contentType}
	shared := vals[:]
	h := req.Header
	h["Authorization"] = shared[0:1:1]
	h["User-Agent"] = shared[1:2:2]
	h["Accept"] = shared[2:3:3]
	if contentType != "" {
		h["Content-Type"] = shared[3:4:4]
	}
	for k, v := range cfg.Headers {
		h[k] = v
	}
	start := time.Now()
	resp, err := cfg.do(req)
	body.abort()
	if cfg.Logger != nil {
		logAttempt(ctx, cfg.Logger, r.Method, cfg.fullPath(r.Path), n, start, resp, err)
	}
	if err != nil {
		done()
		// url.Error repeats the full URL, query values included; keep the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if actx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("attempt timed out after %s: %w", cfg.RequestTimeout, errAttemptTimeout{err})
		}
		return nil, nil, &ConnectionError{Method: r.Method, Path: cfg.fullPath(r.Path), Err: err}, !notSent(err)
	}
	if resp.StatusCode >= 400 {
		e := newError(r.Method, cfg.fullPath(r.Path), resp, cfg.ResponseInto)
		done()
		return nil, e, nil, true
	}
	if cancel != nil {
		resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	}
	return resp, nil, nil, true
}

// do runs the middleware chain, first middleware outermost, around the doer.
func (c *Config) do(req *http.Request) (*http.Response, error) {
	if len(c.Middlewares) == 0 {
		resp, err := c.HTTPClient.Do(req)
		if err == nil && resp == nil {
			err = errors.New("HTTP client returned neither a response nor an error")
		}
		return resp, err
	}
	next := c.HTTPClient.Do
	for i := len(c.Middlewares) - 1; i >= 0; i-- {
		mw, inner := c.Middlewares[i], next
		next = func(r *http.Request) (*http.Response, error) { return mw(r, inner) }
	}
	resp, err := next(req)
	if err == nil && resp == nil {
		err = errors.New("HTTP client returned neither a response nor an error")
	}
	return resp, err
}

func buildURL(base string, r Request) (string, error) {
	if len(r.Path) == 0 || r.Path[0] != '/' {
		return "", fmt.Errorf("telnyx: path %q must start with /", r.Path)
	}
	vals, err := encodeQuery(r.Query)
	if err != nil {
		return "", err
	}
	q := vals.Encode()
	if q == "" {
		return base + r.Path, nil
	}
	return base + r.Path + "?" + q, nil
}

func logAttempt(ctx context.Context, l *slog.Logger, method, path string, n int, start time.Time, resp *http.Response, err error) {
	if !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", method),
		slog.String("path", path),
		slog.Int("attempt", n+1),
		slog.Duration("duration", time.Since(start)),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := requestID(resp.Header); id != "" {
			attrs = append(attrs, slog.String("request_id", id))
		}
	}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "telnyx request", attrs...)
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

// Close closes the body, then releases the attempt's timeout.
func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
