package telnyx

import (
	"iter"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
)

// Page is one page of a list; HasNext and Next walk to the following ones
// with the same filters and page size.
type Page[T any] = core.Page[T]

// PageMeta is the paging information of a list answer.
type PageMeta = core.PageMeta

// Cursors are the positions around a page of a cursor-paged list.
type Cursors = core.Cursors

// PageParams selects a page of a numbered list (size 1 to MaxPageSize).
type PageParams = core.PageParams

// CursorParams selects a page of a cursor-paged list.
type CursorParams = core.CursorParams

// MaxPageSize is the largest page the API serves.
const MaxPageSize = core.MaxPageSize

// ErrNoMorePages is returned by Page.Next after the last page.
var ErrNoMorePages = core.ErrNoMorePages

// Collect gathers at most limit items of an auto-paging sequence, all of
// them when limit <= 0. It stops fetching once it has limit items.
func Collect[T any](seq iter.Seq2[T, error], limit int) ([]T, error) {
	return core.Collect(seq, limit)
}
