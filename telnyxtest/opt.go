package telnyxtest

import (
	"encoding/json"
	"net/url"
)

// opt is a request field that remembers whether it was present and null.
type opt[T any] struct {
	set  bool
	null bool
	v    T
}

// UnmarshalJSON records presence and null before decoding the value.
func (o *opt[T]) UnmarshalJSON(b []byte) error {
	o.set = true
	if string(b) == "null" {
		o.null = true
		return nil
	}
	return json.Unmarshal(b, &o.v)
}

// given reports whether the field was present with a non-null value.
func (o opt[T]) given() bool { return o.set && !o.null }

func isURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}
