package telnyx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"sync"

	"github.com/google/go-querystring/query"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// MaxPageSize is the largest page the API serves.
const MaxPageSize = 250

// ErrNoMorePages is returned by Page.Next after the last page.
var ErrNoMorePages = errors.New("telnyx: no more pages")

// PageParams selects one page of a numbered list. Zero fields are left out
// and the API's defaults apply.
type PageParams struct {
	Number int `url:"number,omitempty"`
	Size   int `url:"size,omitempty"`
}

// Validate checks the bounds the API sets.
func (p PageParams) Validate() error {
	if p.Number < 0 {
		return &ValidationError{Field: "page[number]", Reason: fmt.Sprintf("must be 1 or more, got %d", p.Number)}
	}
	return validatePageSize(p.Size)
}

// CursorParams selects one page of a cursor-paged list. Lists paged by
// cursor are always walked one page at a time, since each cursor comes
// from the page before it.
type CursorParams struct {
	Size   int    `url:"size,omitempty"`
	After  string `url:"after,omitempty"`
	Before string `url:"before,omitempty"`
}

// Validate checks the bounds the API sets.
func (p CursorParams) Validate() error {
	if p.After != "" && p.Before != "" {
		return &ValidationError{Field: "page[after]", Reason: "cannot be combined with page[before]"}
	}
	return validatePageSize(p.Size)
}

func validatePageSize(size int) error {
	if size < 0 || size > MaxPageSize {
		return &ValidationError{Field: "page[size]", Reason: fmt.Sprintf("must be between 1 and %d, got %d", MaxPageSize, size)}
	}
	return nil
}

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

// Page is one page of a list. HasNext and Next walk to the following
// pages with the same filters and page size.
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
	req  Request
	opts []option.RequestOption

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

// ListPage fetches the first page of the list r describes. Items are read
// from the answer's r.Items key ("data" when empty), paging from "meta".
func ListPage[T any](ctx context.Context, c *Client, r Request, opts ...option.RequestOption) (*Page[T], error) {
	q, err := encodeQuery(r.Query)
	if err != nil {
		return nil, err
	}
	r.Query = nil
	return fetchPage[T](ctx, &lister{c: c, req: r, opts: opts}, q)
}

// ListAll yields every item of the list r describes, fetching pages as the
// loop needs them. An error is yielded once and ends the sequence; breaking
// out of the loop stops all fetching.
func ListAll[T any](ctx context.Context, c *Client, r Request, opts ...option.RequestOption) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page, err := ListPage[T](ctx, c, r, opts...)
		walk(ctx, page, err, yield)
	}
}

// encodeQuery checks and encodes a query: a struct with `url` tags, a
// url.Values, or nil.
func encodeQuery(params any) (url.Values, error) {
	if isNil(params) {
		return nil, nil
	}
	if err := validate(params); err != nil {
		return nil, err
	}
	q, ok := params.(url.Values)
	if !ok {
		if err := checkNoSecret("query", params); err != nil {
			return nil, err
		}
		var err error
		if q, err = query.Values(params); err != nil {
			return nil, fmt.Errorf("telnyx: encoding the query: %w", err)
		}
	}
	if err := checkValuesNoRedacted("query", q); err != nil {
		return nil, err
	}
	// Page sizes are checked here too, whatever struct carried them.
	if s := q.Get("page[size]"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPageSize {
			return nil, &ValidationError{Field: "page[size]", Reason: fmt.Sprintf("must be between 1 and %d, got %s", MaxPageSize, route.Quote(s))}
		}
	}
	if s := q.Get("page[number]"); s != "" {
		if n, err := strconv.Atoi(s); err != nil || n < 1 {
			return nil, &ValidationError{Field: "page[number]", Reason: fmt.Sprintf("must be 1 or more, got %s", route.Quote(s))}
		}
	}
	return q, nil
}

func fetchPage[T any](ctx context.Context, l *lister, q url.Values) (*Page[T], error) {
	return fetchWith[T](ctx, l, q, nil)
}

// fetchWith fetches the page of l that q selects; walk, when set, is how a
// parallel walk asks for it.
func fetchWith[T any](ctx context.Context, l *lister, q url.Values, walk *walkFetch) (*Page[T], error) {
	r := l.req
	r.Query, r.walk = q, walk
	var page *Page[T]
	key := r.Items
	if key == "" {
		key = "data"
	}
	if key == "data" {
		var std struct {
			Data []T      `json:"data"`
			Meta PageMeta `json:"meta"`
		}
		if _, err := l.c.decode(ctx, &r, &std, l.opts); err != nil {
			return nil, err
		}
		page = &Page[T]{Data: std.Data, Meta: std.Meta}
	} else {
		keyed := &keyedPage[T]{key: key}
		if _, err := l.c.decode(ctx, &r, keyed, l.opts); err != nil {
			return nil, err
		}
		page = &Page[T]{Data: keyed.data, Meta: keyed.meta}
	}
	// Only a page that arrived counts as used: a failed Next can be retried.
	l.useCursor(q.Get("page[after]"))
	page.lister, page.query = l, q
	return page, nil
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
	if after := p.Meta.Cursors.After; after != "" {
		q := p.withQuery()
		q.Del("page[before]")
		q.Set("page[after]", after)
		return fetchPage[T](ctx, p.lister, q)
	}
	return fetchPage[T](ctx, p.lister, p.numbered(p.number()+1))
}

func (p *Page[T]) withQuery() url.Values {
	q := make(url.Values, len(p.query)+1)
	for k, v := range p.query {
		q[k] = v
	}
	return q
}

func (p *Page[T]) numbered(n int) url.Values {
	q := p.withQuery()
	q.Set("page[number]", strconv.Itoa(n))
	return q
}

// All yields every item of this page and of the pages after it, fetching
// them as the loop needs them.
func (p *Page[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) { walk(ctx, p, nil, yield) }
}

// walk yields the items of page and the pages after it.
func walk[T any](ctx context.Context, page *Page[T], err error, yield func(T, error) bool) {
	if err == nil && page != nil && page.lister != nil {
		if n := pageConcurrency(page.lister); n > 1 && page.Meta.Cursors.After == "" {
			walkParallel(ctx, page, n, yield)
			return
		}
	}
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

// Collect gathers at most limit items of seq (all of them when limit <= 0).
// It stops fetching once it has limit items. On error it returns the items
// gathered so far with the error.
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

// keyedPage decodes a list answer whose items sit under key, inside Do, so
// that a failure is Do's DecodeError with the path and request id.
type keyedPage[T any] struct {
	key  string
	data []T
	meta PageMeta
}

// UnmarshalJSON decodes the items under p.key and the page's meta.
func (p *keyedPage[T]) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if m, ok := raw["meta"]; ok {
		if err := json.Unmarshal(m, &p.meta); err != nil {
			return err
		}
	}
	if d, ok := raw[p.key]; ok {
		return json.Unmarshal(d, &p.data)
	}
	return nil
}
