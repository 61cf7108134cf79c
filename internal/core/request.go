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
	if cfg.ResponseInto != nil {
		// Concurrent calls would all write to the same place.
		return nil, errors.New("telnyx: option.WithResponseInto belongs on a single call, not on the client")
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

	stream bool // set by Stream: the body is handed over unread
}

// Do sends r and decodes a JSON answer into out (nil discards it).
func (c *Client) Do(ctx context.Context, r Request, out any, opts []RequestOption) error {
	r.stream = false
	res, cfg, err := c.send(ctx, r, opts)
	if err != nil {
		return err
	}
	if cfg.ResponseInto != nil {
		res.resp.Body = io.NopCloser(bytes.NewReader(res.data))
		*cfg.ResponseInto = res.resp
	}
	if out == nil || len(bytes.TrimSpace(res.data)) == 0 {
		return nil // an empty answer leaves out as it is
	}
	if err := json.Unmarshal(res.data, out); err != nil {
		return fmt.Errorf("telnyx: decoding the answer to %s %s: %w", r.Method, cfg.fullPath(r.Path), err)
	}
	return nil
}

// Stream sends r and returns the successful response with its body unread;
// the caller must close the body.
func (c *Client) Stream(ctx context.Context, r Request, opts []RequestOption) (*http.Response, error) {
	r.stream = true
	res, cfg, err := c.send(ctx, r, opts)
	if err != nil {
		return nil, err
	}
	if cfg.ResponseInto != nil {
		*cfg.ResponseInto = res.resp
	}
	return res.resp, nil
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

// result is the outcome of one attempt: a successful response (with its
// body read into data unless streamed), an API error, or a connection error
// with whether any byte of the request may have left this process.
type result struct {
	resp    *http.Response
	data    []byte
	apiErr  *Error
	connErr *ConnectionError
	sent    bool
}

// send runs the attempts of one call and returns the first successful
// response, or the error that ends the call.
func (c *Client) send(ctx context.Context, r Request, opts []RequestOption) (result, *Config, error) {
	cfg := &c.cfg
	if len(opts) > 0 {
		applied, err := c.cfg.apply(opts)
		if err != nil {
			return result{}, nil, err
		}
		cfg = &applied
	}
	if ctx == nil {
		return result{}, nil, errors.New("telnyx: nil context")
	}
	target, err := buildURL(cfg.BaseURL, r)
	if err != nil {
		return result{}, nil, err
	}
	body, err := newBody(r.Body)
	if err != nil {
		return result{}, nil, err
	}
	idempotent := r.Method == http.MethodGet || r.Method == http.MethodPut ||
		r.Method == http.MethodDelete || r.Method == http.MethodHead
	var lastErr error
	retried := 0
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			if lastErr != nil {
				return result{}, cfg, fmt.Errorf("%w (while waiting to retry: %w)", err, lastErr)
			}
			return result{}, cfg, &ConnectionError{Method: r.Method, Path: cfg.fullPath(r.Path), Err: err}
		}
		res := c.attempt(ctx, cfg, r, target, &body, attempt)
		if res.resp != nil {
			cfg.budget.success(retried)
			return res, cfg, nil
		}
		apiErr, connErr := res.apiErr, res.connErr
		retryable := false
		if apiErr != nil {
			lastErr = apiErr
			retryable = retryableStatus(apiErr.StatusCode) &&
				(idempotent || cfg.RetryWrites || apiErr.StatusCode == http.StatusTooManyRequests)
		} else {
			lastErr = connErr
			if ctx.Err() != nil {
				return result{}, cfg, connErr
			}
			retryable = retryableTransport(connErr.Err) && (idempotent || cfg.RetryWrites || !res.sent)
		}
		if !retryable || attempt >= cfg.MaxRetries || !body.replayable() {
			return result{}, cfg, lastErr
		}
		delay := cfg.backoff(attempt)
		if apiErr != nil && apiErr.RetryAfter > 0 {
			if apiErr.RetryAfter > cfg.MaxRetryDelay {
				return result{}, cfg, lastErr
			}
			delay = apiErr.RetryAfter
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
			return result{}, cfg, lastErr
		}
		cost := retryCost
		if connErr != nil {
			cost = timeoutRetryCost
		}
		if !cfg.budget.take(cost) {
			return result{}, cfg, lastErr
		}
		retried = cost
		if err := sleep(ctx, delay); err != nil {
			return result{}, cfg, fmt.Errorf("%w (while waiting to retry: %w)", err, lastErr)
		}
	}
}

// attempt sends the request once and, unless it is streamed, reads the
// answer within the attempt's time limit.
func (c *Client) attempt(ctx context.Context, cfg *Config, r Request, target string, body *body, n int) result {
	actx, cancel := ctx, context.CancelFunc(nil)
	if cfg.RequestTimeout > 0 {
		actx, cancel = context.WithTimeout(ctx, cfg.RequestTimeout)
	}
	done := func() {
		if cancel != nil {
			cancel()
		}
	}
	connErr := func(err error, sent bool) result {
		done()
		// url.Error repeats the full URL, query values included; keep the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if actx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("attempt timed out after %s: %w", cfg.RequestTimeout, errAttemptTimeout{err})
		}
		return result{connErr: &ConnectionError{Method: r.Method, Path: cfg.fullPath(r.Path), Err: err}, sent: sent}
	}
	rd, contentType, err := body.open()
	if err != nil {
		return connErr(err, false)
	}
	req, err := http.NewRequestWithContext(actx, r.Method, target, rd)
	if err != nil {
		body.abort()
		return connErr(err, false)
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
		return connErr(err, !notSent(err))
	}
	if resp.StatusCode >= 400 {
		e := newError(r.Method, cfg.fullPath(r.Path), resp, cfg.ResponseInto)
		done()
		return result{apiErr: e, sent: true}
	}
	if r.stream {
		if cancel != nil {
			resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
		}
		return result{resp: resp, sent: true}
	}
	data, err := readBody(resp)
	if err != nil {
		return connErr(fmt.Errorf("reading the answer: %w", err), true)
	}
	done()
	return result{resp: resp, data: data, sent: true}
}

// maxBody caps a JSON answer; no answer of this API comes near it.
const maxBody = 64 << 20

// readBody reads and closes a successful answer, sized from its
// Content-Length when the server gave one.
func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	size := int64(4096)
	if cl := resp.ContentLength; cl >= 0 && cl < maxBody {
		size = cl + bytes.MinRead
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, err
	}
	if n > maxBody {
		return nil, fmt.Errorf("answer larger than %d MiB", maxBody>>20)
	}
	return buf.Bytes(), nil
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
