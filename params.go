package telnyx

import "github.com/telnyx-sip-integrations/telnyx-go/internal/core"

// Ptr returns a pointer to v, for optional fields of params.
func Ptr[T any](v T) *T { return &v }

// String returns a pointer to s.
func String(s string) *string { return &s }

// Int returns a pointer to n.
func Int(n int) *int { return &n }

// Bool returns a pointer to b.
func Bool(b bool) *bool { return &b }

// Nullable is an optional field that can also be cleared: left zero it is
// not sent, Null sends JSON null, NewNullable sends a value.
type Nullable[T any] = core.Nullable[T]

// NewNullable returns a Nullable that sends v.
func NewNullable[T any](v T) Nullable[T] { return core.NewNullable(v) }

// Null returns a Nullable that sends JSON null, clearing the field.
func Null[T any]() Nullable[T] { return core.Null[T]() }
