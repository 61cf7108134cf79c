package telnyx

import (
	"encoding/json"
	"strconv"
)

// Nullable is an optional field that can also be cleared: its zero value
// is left out of a request, [Null] sends JSON null, and [NewNullable] sends a
// value. In an answer it tells an absent field, null and a value apart.
type Nullable[T any] struct {
	value T
	set   bool
	null  bool
}

// NewNullable returns a Nullable that sends v.
func NewNullable[T any](v T) Nullable[T] { return Nullable[T]{value: v, set: true} }

// Null returns a Nullable that sends JSON null, clearing the field.
func Null[T any]() Nullable[T] { return Nullable[T]{set: true, null: true} }

// IsZero reports whether the field is left out of the request.
func (n Nullable[T]) IsZero() bool { return !n.set }

// IsNull reports whether the field is sent as null.
func (n Nullable[T]) IsNull() bool { return n.set && n.null }

// Get returns the value and whether one is set (false for null or unset).
func (n Nullable[T]) Get() (T, bool) { return n.value, n.set && !n.null }

// MarshalJSON writes null or the value.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.set || n.null {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

// UnmarshalJSON reads null or a value.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = Null[T]()
		return nil
	}
	var v T
	if !decodePlain(&v, b) {
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
	}
	*n = NewNullable(v)
	return nil
}

// decodePlain decodes the plain forms of a string (no escape, ASCII), an
// int and a bool into p, the values answers hold, without the cost of
// [json.Unmarshal]. It reports false for anything else, which [json.Unmarshal]
// then decodes, or refuses, as it would have.
func decodePlain(p any, b []byte) bool {
	switch v := p.(type) {
	case *string:
		return plainString(v, b)
	case *int:
		return plainInt(v, b)
	case *bool:
		return plainBool(v, b)
	}
	return false
}

// plainString decodes a quoted string with no escape and only printable
// ASCII into v.
func plainString(v *string, b []byte) bool {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return false
	}
	inner := b[1 : len(b)-1]
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 || c >= 0x80 {
			return false
		}
	}
	*v = string(inner)
	return true
}

// plainInt decodes an integer of at most 18 digits into v.
func plainInt(v *int, b []byte) bool {
	digits := b
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 18 || (digits[0] == '0' && len(digits) > 1) {
		return false // empty, too long to be sure of, or a leading zero JSON refuses
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return false
	}
	*v = n
	return true
}

// plainBool decodes true or false into v.
func plainBool(v *bool, b []byte) bool {
	switch string(b) {
	case "true":
		*v = true
	case "false":
		*v = false
	default:
		return false
	}
	return true
}

// Ptr returns a pointer to v, for optional fields of params.
func Ptr[T any](v T) *T { return &v }

// String returns a pointer to s.
func String(s string) *string { return &s }

// Int returns a pointer to n.
func Int(n int) *int { return &n }

// Bool returns a pointer to b.
func Bool(b bool) *bool { return &b }
