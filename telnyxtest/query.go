package telnyxtest

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
)

const (
	// Default page sizes as declared by the spec's page parameters.
	defaultPageSizeExternal   = 250
	defaultPageSizeRecordings = 20
	maxPageSize               = 250
)

// paginationMeta is the number-based meta object of list responses.
type paginationMeta struct {
	PageNumber   int `json:"page_number"`
	PageSize     int `json:"page_size"`
	TotalPages   int `json:"total_pages"`
	TotalResults int `json:"total_results"`
}

// values returns all values given for key, accepting both the "key[]=a"
// array form and repeated "key=a" parameters.
func (c *call) values(key string) []string {
	var out []string
	for _, k := range []string{key, key + "[]"} {
		for _, v := range c.query[k] {
			if v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// splitValues is like values but also splits comma separated lists.
func (c *call) splitValues(key string) []string {
	var out []string
	for _, v := range c.values(key) {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// value returns the first non-empty value of key (or its array form).
func (c *call) value(key string) string {
	if v := c.values(key); len(v) > 0 {
		return v[0]
	}
	return ""
}

// intParam parses an optional integer query parameter within [lo, hi].
func (c *call) intParam(key string, def, lo, hi int) (int, *response) {
	v, ok := c.query[key]
	if !ok || len(v) == 0 || v[0] == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v[0])
	if errors.Is(err, strconv.ErrRange) && hi <= 0 && !strings.HasPrefix(v[0], "-") {
		// Too large for an int but within an unbounded range.
		n, err = math.MaxInt, nil
	}
	if err != nil {
		return 0, c.invalidParam(key, "The '"+key+"' parameter must be an integer.")
	}
	if n < lo || (hi > 0 && n > hi) {
		if hi > 0 {
			return 0, c.invalidParam(key, "The '"+key+"' parameter must be between "+itoa(lo)+" and "+itoa(hi)+".")
		}
		return 0, c.invalidParam(key, "The '"+key+"' parameter must be at least "+itoa(lo)+".")
	}
	return n, nil
}

// page validates page[number] and page[size].
func (c *call) page(defSize int) (number, size int, resp *response) {
	if size, resp = c.intParam("page[size]", defSize, 1, maxPageSize); resp != nil {
		return 0, 0, resp
	}
	if number, resp = c.intParam("page[number]", 1, 1, 0); resp != nil {
		return 0, 0, resp
	}
	return number, size, nil
}

// timeRange is a filter[...][gte] and [lte] pair; an end not given is open.
type timeRange struct {
	gte, lte       time.Time
	hasGte, hasLte bool
}

// holds reports whether t is within the range, both ends included.
func (r timeRange) holds(t time.Time) bool {
	return (!r.hasGte || !t.Before(r.gte)) && (!r.hasLte || !t.After(r.lte))
}

// timeRange reads the [gte] and [lte] bounds of the filter key.
func (c *call) timeRange(key string) (timeRange, *response) {
	var r timeRange
	for _, end := range []struct {
		suffix string
		t      *time.Time
		has    *bool
	}{{"[gte]", &r.gte, &r.hasGte}, {"[lte]", &r.lte, &r.hasLte}} {
		k := key + end.suffix
		v := c.value(k)
		if v == "" {
			continue
		}
		if *end.t, *end.has = parseTime(v); !*end.has {
			return r, c.invalidParam(k, "The '"+k+"' parameter must be an ISO 8601 date-time.")
		}
	}
	return r, nil
}

// equalFilters returns the filter[name] values given for the names of eq,
// refusing one of uuids that is not a UUID.
func equalFilters[T any](c *call, eq map[string]func(T) string, uuids ...string) (map[string]string, *response) {
	want := map[string]string{}
	for k := range eq {
		if v := c.value("filter[" + k + "]"); v != "" {
			want[k] = v
		}
	}
	for _, k := range uuids {
		if v, ok := want[k]; ok && !route.IsUUID(v) {
			return nil, c.invalidParam("filter["+k+"]", "The 'filter["+k+"]' parameter must be a UUID.")
		}
	}
	return want, nil
}

// paginate returns the requested page of items and the matching meta. A
// page past the last one is empty; number and size are at least 1.
func paginate[T any](items []T, number, size int) ([]T, paginationMeta) {
	total := len(items)
	pages := (total + size - 1) / size
	meta := paginationMeta{PageNumber: number, PageSize: size, TotalPages: pages, TotalResults: total}
	if number < 1 || number > pages {
		return []T{}, meta
	}
	// number <= pages, so start < total and the product cannot overflow.
	start := (number - 1) * size
	end := min(start+size, total)
	out := make([]T, end-start)
	copy(out, items[start:end])
	return out, meta
}

// filterList keeps the items for which keep returns true.
func filterList[T any](items []T, keep func(T) bool) []T {
	out := make([]T, 0, len(items))
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// parseTime accepts RFC 3339 timestamps and plain dates.
func parseTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
