package telnyx_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

type item struct {
	ID int `json:"id"`
}

type listParams struct {
	Filter struct {
		Name string `url:"name,omitempty"`
	} `url:"filter,omitempty"`
	Page telnyx.PageParams `url:"page,omitempty"`
}

// pages serves total items in pages of the requested size, recording every
// query, and fails with failStatus on page failOn (0: never).
func pages(mock *httpmock.MockTransport, key string, total, failOn, failStatus int) *[]map[string][]string {
	var seen []map[string][]string
	mock.RegisterResponder("GET", `=~^`+testutil.BaseURL+`/items`, func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		seen = append(seen, q)
		num, _ := strconv.Atoi(q.Get("page[number]"))
		num = max(num, 1)
		size, _ := strconv.Atoi(q.Get("page[size]"))
		if size == 0 {
			size = 20
		}
		if num == failOn {
			return httpmock.NewStringResponse(failStatus, `{"errors":[{"code":"10001","title":"Boom"}]}`), nil
		}
		totalPages := (total + size - 1) / size
		var data []string
		for i := (num-1)*size + 1; i <= min(num*size, total); i++ {
			data = append(data, fmt.Sprintf(`{"id":%d}`, i))
		}
		body := fmt.Sprintf(`{%q:[%s],"meta":{"page_number":%d,"page_size":%d,"total_pages":%d,"total_results":%d}}`,
			key, join(data), num, size, totalPages, total)
		return httpmock.NewStringResponse(200, body), nil
	})
	return &seen
}

func join(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += ","
		}
		out += p
	}
	return out
}

func autoPage(c *telnyx.Client, p listParams) func(yield func(item, error) bool) {
	return telnyx.ListAll[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/items", Query: p})
}

func TestAutoPagingWalksEveryPageAndStopsOnTotalPages(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	seen := pages(mock, "data", 7, 0, 0)
	p := listParams{Page: telnyx.PageParams{Size: 3}}
	p.Filter.Name = "acme"
	var ids []int
	for it, err := range autoPage(c, p) {
		require.NoError(t, err)
		ids = append(ids, it.ID)
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 7}, ids)
	require.Len(t, *seen, 3, "no request past total_pages")
	for i, q := range *seen {
		assert.Equal(t, "3", q["page[size]"][0], "page size kept on page %d", i+1)
		assert.Equal(t, "acme", q["filter[name]"][0], "filter kept on page %d", i+1)
	}
	assert.Empty(t, (*seen)[0]["page[number]"])
	assert.Equal(t, "2", (*seen)[1]["page[number]"][0])
	assert.Equal(t, "3", (*seen)[2]["page[number]"][0])
}

func TestAutoPagingItemsUnderAnotherKey(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	pages(mock, "log_messages", 5, 0, 0)
	got, err := telnyx.Collect(telnyx.ListAll[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/items", Items: "log_messages", Query: listParams{Page: telnyx.PageParams{Size: 2}}}), 0)
	require.NoError(t, err)
	assert.Len(t, got, 5)
}

func TestAutoPagingBreakStopsFetching(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	seen := pages(mock, "data", 100, 0, 0)
	n := 0
	for _, err := range autoPage(c, listParams{Page: telnyx.PageParams{Size: 10}}) {
		require.NoError(t, err)
		n++
		if n == 12 {
			break
		}
	}
	assert.Len(t, *seen, 2)

	*seen = nil
	got, err := telnyx.Collect(autoPage(c, listParams{Page: telnyx.PageParams{Size: 10}}), 15)
	require.NoError(t, err)
	assert.Len(t, got, 15)
	assert.Len(t, *seen, 2, "Collect stops fetching at max")
}

func TestAutoPagingErrorOnSecondPage(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	seen := pages(mock, "data", 30, 2, 404)
	var ids []int
	var errs []error
	for it, err := range autoPage(c, listParams{Page: telnyx.PageParams{Size: 10}}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, it.ID)
	}
	assert.Len(t, ids, 10)
	require.Len(t, errs, 1, "the error is yielded once and ends the loop")
	assert.ErrorIs(t, errs[0], telnyx.ErrNotFound)
	assert.Len(t, *seen, 2)
}

func TestAutoPagingHonoursCancellation(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	pages(mock, "data", 50, 0, 0)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	seq := telnyx.ListAll[item](cctx, c, telnyx.Request{Method: http.MethodGet, Path: "/items", Query: listParams{Page: telnyx.PageParams{Size: 10}}})
	var got int
	var lastErr error
	for _, err := range seq {
		if err != nil {
			lastErr = err
			break
		}
		got++
		if got == 5 {
			cancel()
		}
	}
	assert.Equal(t, 10, got, "the page in hand is finished, no new page is fetched")
	require.ErrorIs(t, lastErr, context.Canceled)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestPageNextAndHasNext(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	pages(mock, "data", 5, 0, 0)
	page, err := telnyx.ListPage[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/items", Query: listParams{Page: telnyx.PageParams{Size: 2, Number: 2}}})
	require.NoError(t, err)
	assert.Equal(t, telnyx.PageMeta{PageNumber: 2, PageSize: 2, TotalPages: 3, TotalResults: 5}, page.Meta)
	require.True(t, page.HasNext())
	page, err = page.Next(ctx)
	require.NoError(t, err)
	assert.Equal(t, []item{{5}}, page.Data)
	assert.False(t, page.HasNext())
	_, err = page.Next(ctx)
	assert.ErrorIs(t, err, telnyx.ErrNoMorePages)
}

func TestCursorPaging(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	var seen []map[string][]string
	mock.RegisterResponder("GET", `=~^`+testutil.BaseURL+`/cursor`, func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		seen = append(seen, q)
		switch q.Get("page[after]") {
		case "":
			return httpmock.NewStringResponse(200, `{"data":[{"id":1},{"id":2}],"meta":{"cursors":{"after":"c1"},"next":"/v2/cursor?page[after]=c1"}}`), nil
		case "c1":
			return httpmock.NewStringResponse(200, `{"data":[{"id":3},{"id":4}],"meta":{"cursors":{"after":"c2","before":"b1"}}}`), nil
		default:
			return httpmock.NewStringResponse(200, `{"data":[{"id":5}],"meta":{"cursors":{"before":"b2"}}}`), nil
		}
	})
	type cursorParams struct {
		Page telnyx.CursorParams `url:"page,omitempty"`
	}
	seq := telnyx.ListAll[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/cursor", Query: cursorParams{Page: telnyx.CursorParams{Size: 2}}})
	got, err := telnyx.Collect(seq, 0)
	require.NoError(t, err)
	assert.Equal(t, []item{{1}, {2}, {3}, {4}, {5}}, got)
	require.Len(t, seen, 3)
	assert.Equal(t, "c2", seen[2]["page[after]"][0])
	assert.Equal(t, "2", seen[2]["page[size]"][0])
}

func TestAutoPagingEndsAgainstAMisbehavingServer(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	// The page number never moves and the cursor comes back: the walk must
	// still end.
	respond(mock, "GET", "/stuck", 200, `{"data":[{"id":1}],"meta":{"page_number":1,"total_pages":3}}`)
	got, err := telnyx.Collect(telnyx.ListAll[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/stuck"}), 0)
	require.NoError(t, err)
	assert.Len(t, got, 2, "page 2 was asked for, page 1 came back: the walk ends")

	calls := 0
	mock.RegisterResponder("GET", `=~^`+testutil.BaseURL+`/loop`, func(r *http.Request) (*http.Response, error) {
		calls++
		next := map[string]string{"": "A", "A": "B", "B": "A"}[r.URL.Query().Get("page[after]")]
		return httpmock.NewStringResponse(200, `{"data":[{"id":1}],"meta":{"cursors":{"after":"`+next+`"}}}`), nil
	})
	got, err = telnyx.Collect(telnyx.ListAll[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/loop"}), 0)
	require.NoError(t, err)
	assert.Equal(t, 3, calls, "the cursor A is not followed twice")
	assert.Len(t, got, 3)
}
