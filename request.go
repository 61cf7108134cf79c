package telnyx

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
	"strconv"
	"strings"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/config"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/retry"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Request describes one API call for Client.Do, Call and the list helpers.
// The resource packages describe every operation this way; it is also how
// a caller reaches an endpoint or a field the SDK does not model, with the
// same auth, retries, escaping, errors and paging.
type Request struct {
	// Method is the HTTP method, such as http.MethodGet.
	Method string
	// Path is a template such as "/media/{media_name}", relative to the
	// base URL. Each placeholder is filled, in order, from PathParams: the
	// value is checked against the format the API declares for it and
	// escaped as one path segment, so no value can reach another endpoint.
	Path       string
	PathParams []string
	// Query is a struct with `url` tags (github.com/google/go-querystring),
	// a url.Values, or nil.
	Query any
	// Body is a value sent as JSON, a *Multipart, or nil.
	Body any
	// Items is the key of a list answer that holds its items; "data" when
	// empty.
	Items string
	// Accept overrides the default: "application/json", or "*/*" for an
	// operation that answers with a file, such as a media download.
	Accept string

	literal bool       // Path is a checked literal path, not a template
	walk    *walkFetch // set when a parallel page walk fetches a page
}

// walkFetch is how a parallel page walk asks for one page: a 429 that the
// retry rule would retry ends the call with a *handedBack, so that the walk
// asks for the page again with fewer pages in flight instead of the call
// waiting out its backoff while the pages after it wait to be yielded.
type walkFetch struct {
	// attempt is the number of the call's first attempt: the page's
	// earlier refusals that counted as retries.
	attempt int
	// refund is the budget cost of the retry that led to this call, given
	// back when it succeeds, as after a retry inside a call.
	refund int
}

// handedBack is the end of a walk's page fetch answered 429 when the retry
// rule allowed another attempt: the budget tokens for it are taken, and the
// walk makes it. It never leaves the walk.
type handedBack struct {
	err     error         // the call's *Error
	attempt int           // the number of the refused attempt
	delay   time.Duration // the wait the rule chose: Retry-After, or the backoff
	cost    int           // the budget tokens taken
}

func (h *handedBack) Error() string { return h.err.Error() }
func (h *handedBack) Unwrap() error { return h.err }

// Response is what a successful call learned besides its decoded answer.
type Response struct {
	StatusCode int
	Header     http.Header
	// RequestID is the X-Request-Id the API gave the call.
	RequestID string
	// Path is the escaped path sent, with the base URL's own path, such as
	// "/v2/media/a%20b": what an error about this answer names.
	Path string
}

// Validator is implemented by params that check themselves. The engine
// calls Validate on a request's Query, Body and a Multipart's Form before
// sending anything, and returns its error as is.
type Validator interface {
	Validate() error
}

// Do sends r and decodes the JSON answer, whole, into out (nil discards
// it); an out of type *[]byte receives the answer's bytes as they came,
// such as a downloaded file. It returns the status and headers of the
// success. Without r.Accept, a request asks for JSON, or for any type
// where the operation answers with a file (GET /media/{media_name}/download).
func (c *Client) Do(ctx context.Context, r Request, out any, opts ...option.RequestOption) (*Response, error) {
	res, err := c.decode(ctx, &r, out, opts)
	if err != nil && res.resp == nil {
		return nil, err
	}
	return &Response{StatusCode: res.resp.StatusCode, Header: res.resp.Header, RequestID: requestID(res.resp.Header), Path: res.fullPath()}, err
}

// decode sends r and decodes the answer into out; the result's resp is set
// whenever an answer came, also when decoding it failed.
func (c *Client) decode(ctx context.Context, r *Request, out any, opts []option.RequestOption) (result, error) {
	res, cfg, err := c.send(ctx, r, opts, false)
	if err != nil {
		return result{}, err
	}
	if cfg.ResponseInto != nil {
		res.resp.Body = io.NopCloser(bytes.NewReader(res.data))
		*cfg.ResponseInto = res.resp
	}
	if raw, ok := out.(*[]byte); ok && raw != nil {
		*raw = res.data // a file, such as a media download, as received
		return res, nil
	}
	if out == nil || len(bytes.TrimSpace(res.data)) == 0 {
		return res, nil // an empty answer leaves out as it is
	}
	if err := json.Unmarshal(res.data, out); err != nil {
		return res, &DecodeError{Method: r.Method, Path: res.fullPath(), RequestID: requestID(res.resp.Header), Err: err}
	}
	return res, nil
}

// Stream sends r and returns the successful answer with its body unread,
// for downloads. The caller must close the body. Closing it early, or the
// context ending, stops the transfer.
func (c *Client) Stream(ctx context.Context, r Request, opts ...option.RequestOption) (*http.Response, error) {
	res, cfg, err := c.send(ctx, &r, opts, true)
	if err != nil {
		return nil, err
	}
	if cfg.ResponseInto != nil {
		*cfg.ResponseInto = res.resp
	}
	return res.resp, nil
}

// Call sends r and returns the object under the answer's "data" key, the
// shape of every single-object answer of this API.
func Call[T any](ctx context.Context, c *Client, r Request, opts ...option.RequestOption) (*T, error) {
	var env struct {
		Data T `json:"data"`
	}
	if _, err := c.decode(ctx, &r, &env, opts); err != nil {
		return nil, err
	}
	return &env.Data, nil
}

// Get sends a GET to a literal path, such as "/media", with query encoded
// from a struct with `url` tags or a url.Values, and decodes the whole
// answer into out, or, for an out of type *[]byte, stores its bytes (a
// download such as "/media/greeting.wav/download"). Use a Request with
// PathParams to put caller values in the path.
func (c *Client) Get(ctx context.Context, path string, query, out any, opts ...option.RequestOption) error {
	return c.literal(ctx, http.MethodGet, path, query, nil, out, opts)
}

// Post sends body as JSON to a literal path and decodes the whole answer
// into out.
func (c *Client) Post(ctx context.Context, path string, body, out any, opts ...option.RequestOption) error {
	return c.literal(ctx, http.MethodPost, path, nil, body, out, opts)
}

// Put sends body as JSON to a literal path and decodes the whole answer
// into out.
func (c *Client) Put(ctx context.Context, path string, body, out any, opts ...option.RequestOption) error {
	return c.literal(ctx, http.MethodPut, path, nil, body, out, opts)
}

// Patch sends body as JSON to a literal path and decodes the whole answer
// into out.
func (c *Client) Patch(ctx context.Context, path string, body, out any, opts ...option.RequestOption) error {
	return c.literal(ctx, http.MethodPatch, path, nil, body, out, opts)
}

// Delete sends a DELETE to a literal path and decodes the whole answer
// into out.
func (c *Client) Delete(ctx context.Context, path string, out any, opts ...option.RequestOption) error {
	return c.literal(ctx, http.MethodDelete, path, nil, nil, out, opts)
}

func (c *Client) literal(ctx context.Context, method, path string, query, body, out any, opts []option.RequestOption) error {
	if err := route.CheckPath(path); err != nil {
		return &ValidationError{Field: "path", Reason: err.Error()}
	}
	_, err := c.decode(ctx, &Request{Method: method, Path: path, Query: query, Body: body, literal: true}, out, opts)
	return err
}

// result is the outcome of the attempts of one call: a successful answer
// (its body read into data unless streamed).
type result struct {
	resp *http.Response
	data []byte
	path string // the escaped path, without the base path
	base string // the base URL's path, such as /v2
}

// fullPath is the escaped path sent, with the base path; built only when
// a Response or an error names it.
func (r result) fullPath() string { return r.base + r.path }

// prepared is a request checked and encoded once for all its attempts.
type prepared struct {
	method string
	target string // base URL, escaped path and query
	path   string // the escaped path, relative to the base URL
	body   body
	accept string
	stream bool
}

// prepare checks and encodes r into p: path values, params, query and
// body. It sends nothing, so every refusal here leaves the wire untouched.
func prepare(p *prepared, cfg *config.Config, r *Request, stream bool) error {
	if r.Method == "" {
		return errors.New("telnyx: request has no method")
	}
	var target string
	if r.literal {
		target = cfg.BaseURL + r.Path
	} else {
		var err error
		if target, err = route.BuildURL(cfg.BaseURL, r.Path, r.PathParams); err != nil {
			var re *route.Error
			if errors.As(err, &re) {
				return &ValidationError{Field: re.Param, Reason: re.Reason}
			}
			return fmt.Errorf("telnyx: %w", err)
		}
	}
	q, err := encodeQuery(r.Query)
	if err != nil {
		return err
	}
	if p.body, err = newBody(r.Body); err != nil {
		return err
	}
	p.path = target[len(cfg.BaseURL):]
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	p.accept = r.Accept
	if p.accept == "" {
		p.accept = route.DefaultAccept(r.Method, r.Path)
	} else if !config.ValidHeaderValue(p.accept) {
		return &ValidationError{Field: "Accept", Reason: "contains a control character"}
	}
	p.method, p.target, p.stream = r.Method, target, stream
	return nil
}

// send runs the attempts of one call and returns the first successful
// answer, or the error that ends the call.
func (c *Client) send(ctx context.Context, r *Request, opts []option.RequestOption, stream bool) (result, *config.Config, error) {
	cfg, err := c.config(opts)
	if err != nil {
		return result{}, nil, err
	}
	if ctx == nil {
		return result{}, nil, errors.New("telnyx: nil context")
	}
	cl := call{cfg: cfg, walk: r.walk}
	if err := prepare(&cl.p, cfg, r, stream); err != nil {
		return result{}, cfg, err
	}
	if err := ctx.Err(); err != nil {
		return result{}, cfg, &ConnectionError{Method: cl.p.method, Path: cfg.FullPath(cl.p.path), Err: err}
	}
	cl.start = time.Now()
	if o, ok := cfg.Observer.(option.Observer); ok {
		cl.obs, cl.info = o, callInfo(cfg, r)
		ctx = o.StartCall(ctx, cl.info)
	}
	res, err := c.retryLoop(ctx, &cl)
	if cl.obs != nil {
		endErr := err
		if hb, ok := err.(*handedBack); ok {
			endErr = hb.err // the call ended with the 429; the walk retries it
		}
		cl.obs.EndCall(ctx, cl.info, cl.end(endErr))
	}
	return res, cfg, err
}

// config is the configuration of one call: the client's, with opts on top.
func (c *Client) config(opts []option.RequestOption) (*config.Config, error) {
	if c == nil || !c.built {
		return nil, errNoClient
	}
	if c.err != nil {
		return nil, c.err
	}
	if len(opts) == 0 {
		return &c.cfg, nil
	}
	applied, err := c.cfg.Apply(anys(opts))
	if err != nil {
		return nil, optionError(err)
	}
	return &applied, nil
}

// call is one SDK call in progress: what its attempts and its end share.
type call struct {
	cfg      *config.Config
	p        prepared
	start    time.Time
	attempts int
	obs      option.Observer // nil when nobody observes
	info     option.Call
	last     option.AttemptEnd // the last attempt, when observed
	walk     *walkFetch        // set when a parallel page walk fetches a page
}

// retryLoop sends attempts until one succeeds or the rule stops.
func (c *Client) retryLoop(ctx context.Context, cl *call) (result, error) {
	refund, first := 0, 0
	if cl.walk != nil {
		refund, first = cl.walk.refund, cl.walk.attempt
	}
	for n := first; ; n++ {
		if l := cl.cfg.Limiter; l != nil {
			if err := l.Wait(ctx); err != nil {
				return result{}, cl.finish(cl.connErr(fmt.Errorf("waiting for the limiter: %w", err)))
			}
		}
		res, fail, callErr := c.attempt(ctx, cl, n)
		cl.attempts = n - first + 1
		if fail.Kind == 0 {
			cl.cfg.Budget.Success(refund)
			res.path, res.base = cl.p.path, cl.cfg.BasePath()
			return res, nil
		}
		d, err := cl.decide(ctx, fail, callErr)
		if !d.Retry {
			return result{}, cl.finish(err)
		}
		if cl.walk != nil && fail.Kind == retry.Status && fail.StatusCode == http.StatusTooManyRequests {
			return result{}, &handedBack{err: cl.finish(err), attempt: n, delay: d.Delay, cost: d.Cost}
		}
		refund = d.Cost
		if err := sleep(ctx, d.Delay); err != nil {
			return result{}, cl.finish(cl.connErr(fmt.Errorf("%w (while waiting to retry after %w)", err, callErr)))
		}
	}
}

// decide applies the retry rule and the budget to a failed attempt, logs
// and reports the decision, and returns the error that ends the call when
// no retry follows.
func (cl *call) decide(ctx context.Context, fail retry.Attempt, callErr error) (retry.Decision, error) {
	var d retry.Decision
	switch {
	case ctx.Err() != nil:
		// The caller's context ended: nothing more is tried, and the
		// error says so whatever the attempt saw last.
		d.Reason = "context done"
		var ce *ConnectionError
		if !errors.As(callErr, &ce) || !errors.Is(callErr, ctx.Err()) {
			callErr = cl.connErr(fmt.Errorf("%w (after %w)", ctx.Err(), callErr))
		}
	default:
		fail.Replayable = cl.p.body.replayable()
		remaining := time.Duration(-1)
		if dl, ok := ctx.Deadline(); ok {
			remaining = max(time.Until(dl), 0)
		}
		d = cl.cfg.Policy().Decide(fail, remaining)
		if d.Retry && !cl.cfg.Budget.Take(d.Cost) {
			d = retry.Decision{Reason: "retry budget exhausted"}
		}
	}
	if cl.cfg.Logger != nil {
		logDecision(ctx, cl.cfg, &cl.p, fail.Number, d)
	}
	if cl.obs != nil {
		cl.obs.RetryDecision(ctx, cl.info, option.RetryDecision{Attempt: fail.Number + 1, Retry: d.Retry, Delay: d.Delay,
			Reason: d.Reason, BudgetTokens: cl.cfg.Budget.Tokens()})
	}
	return d, callErr
}

// connErr is a ConnectionError of this call.
func (cl *call) connErr(err error) *ConnectionError {
	return &ConnectionError{Method: cl.p.method, Path: cl.cfg.FullPath(cl.p.path), Err: err}
}

// finish records the attempts and the time taken on the error that ends
// the call.
func (cl *call) finish(err error) error {
	switch e := err.(type) {
	case *Error:
		e.Attempts, e.Elapsed = cl.attempts, time.Since(cl.start)
	case *ConnectionError:
		e.Attempts, e.Elapsed = cl.attempts, time.Since(cl.start)
	}
	return err
}

// end is the call's outcome for the observer.
func (cl *call) end(err error) option.CallEnd {
	e := option.CallEnd{StatusCode: cl.last.StatusCode, RequestID: cl.last.RequestID, Attempts: cl.attempts,
		Elapsed: time.Since(cl.start), Err: err}
	if err != nil {
		e.ErrorType = cl.last.ErrorType
	}
	return e
}

// windowReporter returns what tells the observer of the list l about a
// page walk's window, or nil when nobody observes it. Only the walk's own
// goroutine calls it.
func windowReporter(ctx context.Context, l *lister) func(window float64) {
	cfg, err := l.c.config(l.opts)
	if err != nil {
		return nil
	}
	o, ok := cfg.Observer.(option.Observer)
	if !ok {
		return nil
	}
	info, last := callInfo(cfg, &l.req), 0
	return func(window float64) {
		if n := max(int(window), 1); n != last {
			last = n
			o.PageWindow(ctx, info, n)
		}
	}
}

// callInfo names the call for an observer.
func callInfo(cfg *config.Config, r *Request) option.Call {
	host, port := cfg.Server()
	template := r.Path
	if len(r.PathParams) == 0 {
		// A literal path may hold ids: report the template of the
		// operation it fills, or none.
		template = route.TemplateOf(r.Method, r.Path)
	}
	return option.Call{Method: r.Method, PathTemplate: template, ServerAddress: host, ServerPort: port}
}

func anys(opts []option.RequestOption) []any {
	out := make([]any, len(opts))
	for i, o := range opts {
		out[i] = o
	}
	return out
}

// try is one attempt in progress: what its failure paths need.
type try struct {
	ctx, actx context.Context
	cancel    context.CancelFunc
	cfg       *config.Config
	method    string
	path      string
	fail      retry.Attempt
}

// done releases the attempt's timeout.
func (t *try) done() {
	if t.cancel != nil {
		t.cancel()
	}
}

// failed ends the attempt with a failure of kind and the error that would
// end the call.
func (t *try) failed(kind retry.Failure, err error, sent bool) (result, retry.Attempt, error) {
	t.done()
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // url.Error repeats the full URL, query values included
	}
	if kind == retry.Transport && t.actx.Err() != nil && t.ctx.Err() == nil {
		if !errors.Is(err, t.actx.Err()) {
			err = fmt.Errorf("%w: %w", t.actx.Err(), err)
		}
		err = fmt.Errorf("attempt timed out after %s: %w", t.cfg.RequestTimeout, retry.AttemptTimeout{Err: err})
	}
	t.fail.Kind, t.fail.Err, t.fail.Sent = kind, err, sent
	var re *ReaderError
	if kind == retry.Reader && errors.As(err, &re) {
		return result{}, t.fail, re
	}
	return result{}, t.fail, &ConnectionError{Method: t.method, Path: t.cfg.FullPath(t.path), Err: err}
}

// attempt sends the request once and, unless it is streamed, reads the
// answer within the attempt's time limit. On failure it returns what the
// retry rule needs and the error that would end the call.
func (c *Client) attempt(ctx context.Context, cl *call, n int) (result, retry.Attempt, error) {
	cfg, p := cl.cfg, &cl.p
	t := try{ctx: ctx, actx: ctx, cfg: cfg, method: p.method, path: p.path, fail: retry.Attempt{Number: n, Method: p.method}}
	if cfg.RequestTimeout > 0 {
		t.actx, t.cancel = context.WithTimeout(ctx, cfg.RequestTimeout)
	}
	req, kind, err := newAttemptRequest(t.actx, cfg, p)
	if err != nil {
		return t.failed(kind, err, false)
	}
	rctx := t.actx
	if cl.obs != nil {
		if rctx = cl.obs.StartAttempt(t.actx, cl.info, n+1, req.Header); rctx != t.actx {
			req = req.WithContext(rctx)
		}
	}
	var start time.Time
	if cfg.Logger != nil || cl.obs != nil {
		start = time.Now()
	}
	resp, err := do(cfg, req)
	readerErr := p.body.abort()
	if cfg.Logger != nil {
		logAttempt(ctx, cfg.Logger, p.method, cfg.FullPath(p.path), n, start, resp, err)
	}
	res, fail, callErr := t.classify(p, resp, err, readerErr)
	if cl.obs != nil {
		cl.last = attemptEnd(n, start, resp, err, fail)
		cl.obs.EndAttempt(rctx, cl.info, cl.last)
	}
	return res, fail, callErr
}

// newAttemptRequest builds the HTTP request of one attempt, its body
// opened and its headers set. On failure it says what kind it was.
func newAttemptRequest(ctx context.Context, cfg *config.Config, p *prepared) (*http.Request, retry.Failure, error) {
	rd, contentType, err := p.body.open(ctx)
	if err != nil {
		return nil, retry.Reader, err
	}
	req, err := http.NewRequestWithContext(ctx, p.method, p.target, rd)
	if err != nil {
		_ = p.body.abort()
		return nil, retry.Local, err
	}
	if p.body.length >= 0 {
		req.ContentLength = p.body.length
	}
	// One backing array for the fixed headers: one allocation, not four.
	vals := [4]string{cfg.AuthHeader(), userAgent, p.accept, contentType}
	h := req.Header
	h["Authorization"] = vals[0:1:1]
	h["User-Agent"] = vals[1:2:2]
	h["Accept"] = vals[2:3:3]
	if contentType != "" {
		h["Content-Type"] = vals[3:4:4]
	}
	for k, v := range cfg.Headers {
		h[k] = v
	}
	return req, 0, nil
}

// classify turns what the doer returned into the attempt's outcome: a
// success, or a failure for the retry rule with the error that would end
// the call.
func (t *try) classify(p *prepared, resp *http.Response, err, readerErr error) (result, retry.Attempt, error) {
	if readerErr != nil {
		// The caller's reader failed: whatever the server made of the
		// partial body, the call ends with the reader's error.
		if err == nil {
			_ = resp.Body.Close()
		}
		return t.failed(retry.Reader, readerErr, true)
	}
	if err == nil && t.actx.Err() != nil && p.body.incomplete() {
		// The time ran out while the upload was still being read: an
		// answer to the cut-off body is no success.
		_ = resp.Body.Close()
		return t.failed(retry.Transport, t.actx.Err(), true)
	}
	if err != nil {
		if localRefusal(err) {
			return t.failed(retry.Local, err, false)
		}
		return t.failed(retry.Transport, err, !retry.NotSent(err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := newError(p.method, t.cfg.FullPath(p.path), resp, t.cfg.ResponseInto)
		t.done()
		t.fail.Kind, t.fail.StatusCode, t.fail.RetryAfter, t.fail.Sent = retry.Status, e.StatusCode, e.RetryAfter, true
		return result{}, t.fail, e
	}
	return t.success(p, resp)
}

// success reads a successful answer, unless it is streamed.
func (t *try) success(p *prepared, resp *http.Response) (result, retry.Attempt, error) {
	if p.stream {
		if t.cancel != nil {
			resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: t.cancel}
		}
		return result{resp: resp}, retry.Attempt{}, nil
	}
	data, err := readBody(resp)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			t.done()
			t.fail.Kind = retry.TooLarge
			return result{}, t.fail, &DecodeError{Method: p.method, Path: t.cfg.FullPath(p.path), RequestID: requestID(resp.Header), Err: err}
		}
		return t.failed(retry.Transport, fmt.Errorf("reading the answer: %w", err), true)
	}
	t.done()
	return result{resp: resp, data: data}, retry.Attempt{}, nil
}

// attemptEnd is one attempt's outcome for the observer.
func attemptEnd(n int, start time.Time, resp *http.Response, err error, fail retry.Attempt) option.AttemptEnd {
	e := option.AttemptEnd{Attempt: n + 1, Duration: time.Since(start), Err: fail.Err}
	if err == nil && resp != nil {
		e.StatusCode, e.RequestID = resp.StatusCode, clean(requestID(resp.Header))
	}
	switch fail.Kind {
	case 0:
	case retry.Status:
		e.ErrorType = strconv.Itoa(fail.StatusCode)
	case retry.Transport:
		e.ErrorType = "connection"
		var timeout retry.AttemptTimeout
		if errors.As(fail.Err, &timeout) {
			e.ErrorType = "timeout"
		}
	case retry.Local:
		e.ErrorType = "local"
	case retry.Reader:
		e.ErrorType = "reader"
	case retry.TooLarge:
		e.ErrorType = "too_large"
	}
	return e
}

// localRefusal reports whether the transport refused the request before
// sending anything, because the request itself is malformed (a header a
// middleware set, a method, a URL). Sending it again cannot help.
func localRefusal(err error) bool {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := err.Error()
	for _, prefix := range []string{"net/http: invalid ", "http: nil Request", "unsupported protocol scheme", "net/http: nil Request"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

// maxBody caps a JSON answer; no answer of this API comes near it.
const maxBody = 64 << 20

var errTooLarge = fmt.Errorf("answer larger than %d MiB", maxBody>>20)

// readBody reads and closes a successful answer. Memory grows with the
// bytes that arrive, never with the length the server announces.
func readBody(resp *http.Response) ([]byte, error) {
	defer func() { _ = resp.Body.Close() }()
	size := int64(512)
	if cl := resp.ContentLength; cl > 0 {
		size = min(cl+1, 64<<10) // trust a claim only as far as a small first buffer
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, maxBody+1))
	if n > maxBody {
		return nil, errTooLarge
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// do runs the middleware chain, first middleware outermost, around the doer.
func do(c *config.Config, req *http.Request) (*http.Response, error) {
	if len(c.Middlewares) == 0 {
		resp, err := c.HTTPClient.Do(req)
		if err == nil && resp == nil {
			err = errors.New("HTTP client returned neither a response nor an error")
		}
		if err != nil && resp != nil && resp.Body != nil {
			_ = resp.Body.Close()
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
	if err != nil && resp != nil && resp.Body != nil {
		_ = resp.Body.Close()
	}
	return resp, err
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
	if resp != nil && err == nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := requestID(resp.Header); id != "" {
			attrs = append(attrs, slog.String("request_id", clean(id)))
		}
	}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		attrs = append(attrs, slog.String("error", clean(err.Error())))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "telnyx request", attrs...)
}

// logDecision writes the retry rule's decision on a failed attempt (n
// counts from 0) as one debug record.
func logDecision(ctx context.Context, cfg *config.Config, p *prepared, n int, d retry.Decision) {
	if !cfg.Logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	if !d.Retry {
		cfg.Logger.LogAttrs(ctx, slog.LevelDebug, "telnyx no retry",
			slog.String("method", p.method), slog.String("path", cfg.FullPath(p.path)),
			slog.Int("attempt", n+1), slog.String("reason", d.Reason))
		return
	}
	cfg.Logger.LogAttrs(ctx, slog.LevelDebug, "telnyx retry",
		slog.String("method", p.method), slog.String("path", cfg.FullPath(p.path)),
		slog.Int("attempt", n+1), slog.Duration("delay", d.Delay), slog.String("reason", d.Reason),
		slog.Int("budget_tokens", cfg.Budget.Tokens()))
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
