package telnyx

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// Redacted is what every way of printing, logging or encoding a Secret
// shows instead of its value.
const Redacted = "[REDACTED]"

// Secret holds a credential: a storage secret key, a service-account
// private key. Printing it with any fmt verb, logging it with log/slog,
// encoding it as JSON or text, in any value that holds it, shows Redacted;
// the resource packages still send the real value to the API. Reveal
// returns the value.
//
// The value sits behind a pointer, so that even a struct printed by
// reflection through an unexported field shows an address, not the value.
type Secret struct {
	v *string
}

// NewSecret returns a Secret holding v.
func NewSecret(v string) Secret { return Secret{v: &v} }

// Reveal returns the value. It is the only way to read it.
func (s Secret) Reveal() string {
	if s.v == nil {
		return ""
	}
	return *s.v
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.v == nil || *s.v == "" }

// String returns Redacted, or "" for an empty secret.
func (s Secret) String() string {
	if s.IsZero() {
		return ""
	}
	return Redacted
}

// GoString returns a redacted Go form.
func (s Secret) GoString() string { return "telnyx.Secret(" + fmt.Sprintf("%q", s.String()) + ")" }

// Format prints String for every verb.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		_, _ = fmt.Fprintf(f, "%q", s.String())
	case 'v':
		if f.Flag('#') {
			_, _ = f.Write([]byte(s.GoString()))
			return
		}
		_, _ = f.Write([]byte(s.String()))
	default:
		_, _ = f.Write([]byte(s.String()))
	}
}

// LogValue logs Redacted.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON writes Redacted as a JSON string, so that an application that
// encodes a value holding a Secret never writes the credential.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// MarshalText writes Redacted.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalJSON reads the value from a JSON string; null leaves it empty.
// A JSON value of another kind (such as an object of service-account
// credentials) is kept as its raw text.
func (s *Secret) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = Secret{}
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err == nil {
		*s = NewSecret(v)
		return nil
	}
	// Not a string: keep the raw JSON rather than fail the answer.
	raw := string(b)
	*s = Secret{v: &raw}
	return nil
}
