package core

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"sync"

	"github.com/google/go-querystring/query"
)

// ErrNoMorePages is returned by Page.Next after the last page.
var ErrNoMorePages = errors.New("telnyx: no more pages")

// PageMeta is the paging part of a list answer. Numbered lists fill the
// page fields; cursor lists fill Cursors, Next and Previous.
type PageMeta struct {
	PageNumber   int     `json:"page_number"`
	PageSize     int     `json:"page_size"`
	TotalPages   int     `json:"total_pages"`
	TotalResults int     `json:"total_results"`
	Cursors      Cursors `json:"cursors"`
	Next         string  `json:"next,omitempty"`
	Previous     string  `json:"previous,omitempty"`
}

// Cursors are the opaque positions around a page of a cursor-paged list.
type Cursors struct {
	After  string `json:"after,omitempty"`
	Before string `json:"before,omitempty"`
}

// Page is one page of a list. Next fetches the one after it with the same
// filters and page size.
type Page[T any] struct {
	Data []T
	Meta PageMeta

	lister *lister
	query  url.Values
}

// lister remembers how a list was asked for, and the cursors a walk has
// used, so that a server that repeats a cursor cannot loop it forever.
type lister struct {
	c    *Client
	path string
	opts []RequestOption

	mu      sync.Mutex
	cursors map[string]bool
}

func (l *lister) usedCursor(c string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cursors[c]
}

func (l *lister) useCursor(c string) {
	if c == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cursors == nil {
		l.cursors = map[string]bool{}
	}
	l.cursors[c] = true
}

type listEnvelope[T any] struct {
	Data        []T      `json:"data"`
	LogMessages []T      `json:"log_messages"`
	Meta        PageMeta `json:"meta"`
}

// List fetches the first page of the list at path. Items are read from the
// answer's "data" key, or "log_messages" where the API uses that.
func List[T any](ctx context.Context, c *Client, path string, params any, opts []RequestOption) (*Page[T], error) {
	q, err := encodeQuery(params)
	if err != nil {
		return nil, err
	}
	return fetchPage[T](ctx, &lister{c: c, path: path, opts: opts}, q)
}

func encodeQuery(params any) (url.Values, error) {
	if isNil(params) {
		return nil, nil
	}
	if v, ok := params.(Validator); ok {
		if err := v.Validate(); err != nil {
			return nil, err
		}
	}
	q, ok := params.(url.Values)
	if !ok {
		var err error
		if q, err = query.Values(params); err != nil {
			return nil, fmt.Errorf("telnyx: encoding query: %w", err)
		}
	}
	// Page sizes are checked here too, whatever struct carried them.
	if s := q.Get("page[size]"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, Invalid("page[size]", "must be a number, got %q", s)
		}
		if err := validatePageSize(n); err != nil || n == 0 {
			return nil, Invalid("page[size]", "must be between 1 and %d, got %d", MaxPageSize, n)
		}
	}
	return q, nil
}

func fetchPage[T any](ctx context.Context, l *lister, q url.Values) (*Page[T], error) {
	var env listEnvelope[T]
	if err := l.c.Do(ctx, Request{Method: http.MethodGet, Path: l.path, Query: q}, &env, l.opts); err != nil {
		return nil, err
	}
	// Only a page that arrived counts as used: a failed Next can be retried.
	l.useCursor(q.Get("page[after]"))
	data := env.Data
	if data == nil {
		data = env.LogMessages
	}
	return &Page[T]{Data: data, Meta: env.Meta, lister: l, query: q}, nil
}

// number is the number of the page asked for: 1 unless the query said
// otherwise. Counting from what was asked, not from what the server
// reported, guarantees that walking the pages moves forward.
func (p *Page[T]) number() int {
	if n, err := strconv.Atoi(p.query.Get("page[number]")); err == nil && n > 0 {
		return n
	}
	return 1
}

// HasNext reports whether another page follows this one: for a numbered
// list while the page number is below total_pages (and the server served
// the page asked for), for a cursor list while the answer gives an "after"
// cursor not used before in this walk.
func (p *Page[T]) HasNext() bool {
	if p == nil || p.lister == nil {
		return false
	}
	if after := p.Meta.Cursors.After; after != "" {
		return len(p.Data) > 0 && !p.lister.usedCursor(after)
	}
	n := p.number()
	if p.Meta.PageNumber > 0 && p.Meta.PageNumber != n {
		return false // the server did not serve the page asked for
	}
	return n < p.Meta.TotalPages
}

// Next fetches the following page, or returns ErrNoMorePages.
func (p *Page[T]) Next(ctx context.Context) (*Page[T], error) {
	if !p.HasNext() {
		return nil, ErrNoMorePages
	}
	q := make(url.Values, len(p.query)+1)
	for k, v := range p.query {
		q[k] = v
	}
	if after := p.Meta.Cursors.After; after != "" {
		q.Del("page[before]")
		q.Set("page[after]", after)
	} else {
		q.Set("page[number]", strconv.Itoa(p.number()+1))
	}
	return fetchPage[T](ctx, p.lister, q)
}

// AutoPage yields every item of every page, fetching pages as the loop
// needs them. An error is yielded once and ends the sequence; breaking out
// of the loop stops all fetching.
func AutoPage[T any](ctx context.Context, first func(context.Context) (*Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page, err := first(ctx)
		for {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range page.Data {
				if !yield(item, nil) {
					return
				}
			}
			if len(page.Data) == 0 || !page.HasNext() {
				return
			}
			page, err = page.Next(ctx)
		}
	}
}

// Collect gathers at most limit items of seq (all of them when limit <= 0). On
// error it returns the items gathered so far with the error.
func Collect[T any](seq iter.Seq2[T, error], limit int) ([]T, error) {
	var out []T
	if limit > 0 {
		out = make([]T, 0, min(limit, MaxPageSize))
	}
	for item, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, item)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out, nil
}

// isNil reports whether v is nil or a nil pointer, which must not reach a
// value-receiver Validate method.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}
