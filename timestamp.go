package telnyx

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"time"
)

// Timestamp is an instant read from or sent to the API. It embeds
// time.Time, so every method of time.Time works on it, and a Timestamp read
// from one answer can be passed to the date filter of another call.
//
// Decoding is tolerant: RFC 3339 with or without fractional seconds, a
// date and time without a zone (taken as UTC), a bare date (midnight UTC),
// and "" or null (the zero time) are accepted; any other value decodes as
// the zero time rather than failing the whole answer. Encoding writes RFC
// 3339 with the precision the value has, and null for the zero time.
type Timestamp struct {
	time.Time
}

// NewTimestamp returns t as a Timestamp.
func NewTimestamp(t time.Time) Timestamp { return Timestamp{t} }

// Date returns midnight UTC of the given day, for date filters.
func Date(year int, month time.Month, day int) Timestamp {
	return Timestamp{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// timestampLayouts are tried in order; the first three cover what the API
// sends, the rest what hand-written fixtures and other tools produce.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

// ParseTimestamp reads s in any of the forms Timestamp decodes. An empty
// string is the zero time; an unknown form is an error.
func ParseTimestamp(s string) (Timestamp, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Timestamp{}, nil
	}
	var first error
	for _, layout := range timestampLayouts {
		t, err := time.Parse(layout, s)
		if err == nil {
			return Timestamp{t}, nil
		}
		if first == nil {
			first = err
		}
	}
	return Timestamp{}, first
}

// UnmarshalJSON accepts the forms listed on Timestamp. A value that is not
// a string, or a string in no known form, leaves the zero time.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		*t = Timestamp{} // null, a number, an object: no time
		return nil
	}
	raw := b[1 : len(b)-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		// The common case: no escapes, parse the bytes in place.
		t.parse(raw)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		t.parse([]byte(s))
		return nil
	}
	*t = Timestamp{} // an odd value never fails the answer
	return nil
}

// parse sets t from b in any known form, or to the zero time. RFC 3339,
// the form the API sends, is tried first without converting b.
func (t *Timestamp) parse(b []byte) {
	if len(b) == 0 {
		*t = Timestamp{}
		return
	}
	var tt time.Time
	if tt.UnmarshalText(b) == nil { // RFC 3339, allocation-free
		*t = Timestamp{tt}
		return
	}
	ts, err := ParseTimestamp(string(b))
	if err != nil {
		ts = Timestamp{}
	}
	*t = ts
}

// MarshalJSON writes the time in RFC 3339, or null for the zero time.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + t.Format(time.RFC3339Nano) + `"`), nil
}

// MarshalText writes the time in RFC 3339, or nothing for the zero time.
func (t Timestamp) MarshalText() ([]byte, error) {
	if t.IsZero() {
		return nil, nil
	}
	return []byte(t.Format(time.RFC3339Nano)), nil
}

// UnmarshalText reads the forms listed on Timestamp; unlike UnmarshalJSON
// it reports an unknown form as an error.
func (t *Timestamp) UnmarshalText(b []byte) error {
	ts, err := ParseTimestamp(string(b))
	if err != nil {
		return err
	}
	*t = ts
	return nil
}

// String formats the time in RFC 3339, or "" for the zero time.
func (t Timestamp) String() string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// Equal reports whether t and u are the same instant.
func (t Timestamp) Equal(u Timestamp) bool { return t.Time.Equal(u.Time) }

// EncodeValues adds the time in RFC 3339 to a query under key, so that a
// Timestamp works as a filter field (it implements go-querystring's
// Encoder). The zero time adds nothing.
func (t Timestamp) EncodeValues(key string, v *url.Values) error {
	if !t.IsZero() {
		v.Set(key, t.Format(time.RFC3339Nano))
	}
	return nil
}
