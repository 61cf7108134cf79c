package externalconnections_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/jarcoal/httpmock"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

// tricky is a path value that would reach another endpoint if pasted
// unescaped, and escapedTricky is how it must appear on the wire.
const (
	tricky        = "a/../b#c"
	escapedTricky = "a%2F..%2Fb%23c"
)

func ptr[T any](v T) *T { return &v }

// respondPages answers GET path with the page that page[number] asks for
// (1 when absent), listing items under key, and records each query.
func respondPages(mock *httpmock.MockTransport, path, key string, pages [][]string) *[]map[string][]string {
	var seen []map[string][]string
	total := 0
	for _, p := range pages {
		total += len(p)
	}
	mock.RegisterResponder(http.MethodGet, "=~^"+regexp.QuoteMeta(testutil.BaseURL+path)+`(\?.*)?$`, func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		seen = append(seen, q)
		n := 1
		if v := q.Get("page[number]"); v != "" {
			n, _ = strconv.Atoi(v)
		}
		if n < 1 || n > len(pages) {
			return httpmock.NewStringResponse(http.StatusNotFound, `{"errors":[{"code":"10005","title":"Resource not found"}]}`), nil
		}
		body := fmt.Sprintf(`{%q:[%s],"meta":{"page_number":%d,"page_size":%d,"total_pages":%d,"total_results":%d}}`,
			key, strings.Join(pages[n-1], ","), n, len(pages[0]), len(pages), total)
		resp := httpmock.NewStringResponse(http.StatusOK, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	return &seen
}
