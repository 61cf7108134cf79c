package core

import (
	"encoding/json"
)

// Nullable is an optional request field that can also be cleared: its zero
// value is left out of the request, Null sends JSON null, and NewNullable
// sends a value. Tag such fields `json:",omitzero"`.
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
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = NewNullable(v)
	return nil
}

// MaxPageSize is the largest page the API serves.
const MaxPageSize = 250

// PageParams selects one page of a numbered list. Zero fields are left out
// and the API's defaults apply (page 1, 20 items).
type PageParams struct {
	Number int `url:"number,omitempty"`
	Size   int `url:"size,omitempty"`
}

// Validate checks the bounds the API sets.
func (p PageParams) Validate() error {
	if p.Number < 0 {
		return Invalid("page[number]", "must be 1 or more, got %d", p.Number)
	}
	return validatePageSize(p.Size)
}

// CursorParams selects one page of a cursor-paged list.
type CursorParams struct {
	Size   int    `url:"size,omitempty"`
	After  string `url:"after,omitempty"`
	Before string `url:"before,omitempty"`
}

// Validate checks the bounds the API sets.
func (p CursorParams) Validate() error {
	if p.After != "" && p.Before != "" {
		return Invalid("page[after]", "cannot be combined with page[before]")
	}
	return validatePageSize(p.Size)
}

func validatePageSize(size int) error {
	if size < 0 || size > MaxPageSize {
		return Invalid("page[size]", "must be between 1 and %d, got %d", MaxPageSize, size)
	}
	return nil
}

// Validator is implemented by params that can check themselves; the engine
// calls it before sending.
type Validator interface {
	Validate() error
}
