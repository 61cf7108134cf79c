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
	v *string // first field: the request encoder finds the storage here
	// json marks a value that is JSON text, sent as that JSON value.
	json bool
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

// AsJSON returns the same Secret marked as JSON text: in a request body it
// is sent as the JSON value it holds (such as a service-account object)
// rather than as a string. Every other encoding still shows Redacted.
func (s Secret) AsJSON() Secret { return Secret{v: s.v, json: true} }

// MarshalJSON writes Redacted as a JSON string, so that an application that
// encodes a value holding a Secret never writes the credential. In a
// request body the SDK sends, the value goes on the wire instead; while
// that body is being encoded, another encoding of the same Secret may show
// an opaque placeholder in place of Redacted, never the value.
func (s Secret) MarshalJSON() ([]byte, error) {
	if p, ok := s.placeholder(s.json); ok {
		return json.Marshal(p)
	}
	return json.Marshal(s.String())
}

// MarshalText writes Redacted, as MarshalJSON does.
func (s Secret) MarshalText() ([]byte, error) {
	if p, ok := s.placeholder(false); ok {
		return []byte(p), nil
	}
	return []byte(s.String()), nil
}

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
	// Not a string: keep the raw JSON rather than fail the answer, marked
	// so that sending it again sends the same JSON value.
	raw := string(b)
	*s = Secret{v: &raw, json: true}
	return nil
}
