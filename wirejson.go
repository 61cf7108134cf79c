package telnyx

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// A request body reaches the wire through json.Marshal, where a Secret
// shows Redacted. So that the API gets the value while every other
// encoding of the same Secret keeps showing Redacted, the engine marks the
// Secrets of the body for the length of one encoding: it walks the body
// (every field, exported or not, and into pointers, interfaces, slices and
// maps), registers each Secret it finds, and encodes. A registered Secret
// encodes as an opaque placeholder, never as its value, and records its
// value in its registration; the engine then swaps each placeholder in its
// own output for the value. A Secret the walk cannot reach (one built
// inside a custom MarshalJSON) encodes as Redacted, and a body holding
// Redacted is refused before anything is sent.

// sealed is the registration of one Secret's storage while some body that
// holds it is being encoded.
type sealed struct {
	mu    sync.Mutex
	users int    // encodings in progress that hold this Secret
	token string // placeholder text, unguessable, unique to this registration
	value string // recorded by MarshalJSON or MarshalText
	seen  bool
}

var (
	sealMu sync.Mutex
	seals  = map[*string]*sealed{}
)

// sealedFor returns the registration of a Secret's storage, if a body
// holding it is being encoded.
func sealedFor(p *string) *sealed {
	if p == nil {
		return nil
	}
	sealMu.Lock()
	s := seals[p]
	sealMu.Unlock()
	return s
}

// placeholder records the Secret's value in its registration and returns
// the text written in its place, or false when the Secret is not
// registered.
func (s Secret) placeholder(asJSON bool) (string, bool) {
	reg := sealedFor(s.v)
	if reg == nil {
		return "", false
	}
	reg.mu.Lock()
	reg.value, reg.seen = *s.v, true
	reg.mu.Unlock()
	if asJSON {
		return reg.token + "j", true
	}
	return reg.token + "s", true
}

// secretType is the type the walk looks for.
var secretType = reflect.TypeFor[Secret]()

// mayHold caches, per type, whether a value of it can hold a Secret.
var mayHold sync.Map // reflect.Type -> bool

// canHoldSecret reports whether a value of type t can hold a Secret: t is
// Secret, an interface, or is built of one. Only final answers reach the
// shared cache: a provisional answer for a type still being examined would
// let a concurrent encoding skip the Secrets of that type.
func canHoldSecret(t reflect.Type) bool {
	if v, ok := mayHold.Load(t); ok {
		return v.(bool)
	}
	r := holdsSecret(t, map[reflect.Type]bool{})
	mayHold.Store(t, r)
	return r
}

// holdsSecret is canHoldSecret without the cache; visiting holds the types
// under examination, which a recursive type reaches again through itself.
func holdsSecret(t reflect.Type, visiting map[reflect.Type]bool) bool {
	if v, ok := mayHold.Load(t); ok {
		return v.(bool)
	}
	if visiting[t] {
		return false // what t holds is decided by the examination in progress
	}
	visiting[t] = true
	defer delete(visiting, t)
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsSecret(t.Elem(), visiting)
	case reflect.Map:
		return holdsSecret(t.Key(), visiting) || holdsSecret(t.Elem(), visiting)
	case reflect.Struct:
		if t == secretType {
			return true
		}
		for i := range t.NumField() {
			if holdsSecret(t.Field(i).Type, visiting) {
				return true
			}
		}
	}
	return false
}

// secretWalk finds the storage of every non-empty Secret reachable from a
// value. seen, made on first use, guards against cycles through pointers
// and maps.
type secretWalk struct {
	found []*string
	seen  map[uintptr]bool
}

// secretsIn returns the storages of the Secrets reachable from v.
func secretsIn(v any) []*string {
	var w secretWalk
	w.walk(reflect.ValueOf(v), 0)
	return w.found
}

// visit reports whether the pointer or map p is seen for the first time.
func (w *secretWalk) visit(p uintptr) bool {
	if w.seen == nil {
		w.seen = map[uintptr]bool{}
	}
	if w.seen[p] {
		return false
	}
	w.seen[p] = true
	return true
}

func (w *secretWalk) walk(v reflect.Value, depth int) {
	if !v.IsValid() || depth > 64 || !canHoldSecret(v.Type()) {
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem(), depth+1)
		}
	case reflect.Pointer:
		if !v.IsNil() && w.visit(v.Pointer()) {
			w.walk(v.Elem(), depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			w.walk(v.Index(i), depth+1)
		}
	case reflect.Map:
		w.walkMap(v, depth)
	case reflect.Struct:
		w.walkStruct(v, depth)
	}
}

// walkMap walks the keys and values of the map v, once per map.
func (w *secretWalk) walkMap(v reflect.Value, depth int) {
	if v.IsNil() || !w.visit(v.Pointer()) {
		return
	}
	for it := v.MapRange(); it.Next(); {
		w.walk(it.Key(), depth+1)
		w.walk(it.Value(), depth+1)
	}
}

// walkStruct records the storage of a set Secret, or walks the fields of
// any other struct.
func (w *secretWalk) walkStruct(v reflect.Value, depth int) {
	if v.Type() != secretType {
		for i := range v.NumField() {
			w.walk(v.Field(i), depth+1)
		}
	} else if p := v.Field(0); !p.IsNil() {
		// Field 0 is Secret.v, read through reflect, even from an
		// unexported field.
		w.found = append(w.found, secretStorage(p))
	}
}

// secretStorage returns the *string held by Secret.v, given as a
// reflect.Value of it (possibly read-only, from an unexported field).
func secretStorage(p reflect.Value) *string {
	return reflect.NewAt(reflect.TypeFor[string](), p.UnsafePointer()).Interface().(*string)
}

// register marks the given storages for one encoding and returns the
// function that unmarks them.
func register(ptrs []*string) ([]*sealed, func()) {
	regs := make([]*sealed, 0, len(ptrs))
	sealMu.Lock()
	for _, p := range ptrs {
		s := seals[p]
		if s == nil {
			s = &sealed{token: newToken()}
			seals[p] = s
		}
		s.users++
		regs = append(regs, s)
	}
	sealMu.Unlock()
	return regs, func() {
		sealMu.Lock()
		for i, p := range ptrs {
			if regs[i].users--; regs[i].users == 0 {
				delete(seals, p)
			}
		}
		sealMu.Unlock()
	}
}

// newToken returns an unguessable placeholder prefix. It starts with a
// NUL, which no Secret placeholder shares with text a caller would send.
func newToken() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return tokenPrefix + hex.EncodeToString(b[:]) + "-"
}

// tokenPrefix starts every placeholder; tokenJSON is how it appears inside
// encoded JSON.
const tokenPrefix = "\x00telnyx-secret-"

var tokenJSON = []byte(`\u0000telnyx-secret-`)

// redactedJSON is how Redacted appears inside encoded JSON.
var redactedJSON = []byte(strconv.Quote(Redacted))

// marshalBody encodes v as the JSON sent to the API: Secrets carry their
// values. It refuses a body whose encoding holds Redacted, the mark of a
// Secret it could not reach.
func marshalBody(v any) ([]byte, error) {
	ptrs := secretsIn(v)
	if len(ptrs) == 0 {
		data, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("telnyx: encoding the request body: %w", err)
		}
		return data, checkNoRedacted("body", data)
	}
	regs, done := register(ptrs)
	data, err := json.Marshal(v)
	done()
	if err != nil {
		return nil, fmt.Errorf("telnyx: encoding the request body: %w", err)
	}
	if data, err = reveal(data, regs); err != nil {
		return nil, err
	}
	return data, checkNoRedacted("body", data)
}

// reveal swaps each placeholder in data for its Secret's value: a JSON
// string, or the JSON value itself for a Secret marked by AsJSON.
func reveal(data []byte, regs []*sealed) ([]byte, error) {
	for _, s := range regs {
		s.mu.Lock()
		value, seen := s.value, s.seen
		s.mu.Unlock()
		if !seen {
			continue // registered but not encoded, such as an unexported field
		}
		quoted, err := json.Marshal(s.token + "s")
		if err != nil {
			return nil, err
		}
		if bytes.Contains(data, quoted) {
			enc, err := json.Marshal(value)
			if err != nil {
				return nil, err
			}
			data = bytes.ReplaceAll(data, quoted, enc)
		}
		rawToken, _ := json.Marshal(s.token + "j")
		if bytes.Contains(data, rawToken) {
			raw := bytes.TrimSpace([]byte(value))
			if !json.Valid(raw) {
				return nil, &ValidationError{Field: "body", Reason: "holds a Secret marked AsJSON whose value is not valid JSON"}
			}
			data = bytes.ReplaceAll(data, rawToken, raw)
		}
	}
	return data, nil
}

// checkNoRedacted refuses an encoded body, form or query that holds
// Redacted: a Secret that reached it through a path the engine cannot
// reveal, such as a Secret built inside a custom MarshalJSON or a Secret
// in a query. Sending it would store the text "[REDACTED]" as the
// credential.
//
// It also refuses a placeholder left in place: a Secret this encoding did
// not reach while a concurrent one had it registered.
func checkNoRedacted(what string, data []byte) error {
	if bytes.Contains(data, redactedJSON) || bytes.Contains(data, tokenJSON) {
		return redactedError(what)
	}
	return nil
}

// checkNoSecret refuses a query or a form built from a value that holds a
// Secret: its encoder would drop it or write Redacted, and the API would
// never see the value.
func checkNoSecret(what string, v any) error {
	if len(secretsIn(v)) > 0 {
		return redactedError(what)
	}
	return nil
}

// checkValuesNoRedacted is checkNoRedacted for a query or a form.
func checkValuesNoRedacted(what string, q url.Values) error {
	for _, vs := range q {
		for _, v := range vs {
			if strings.Contains(v, Redacted) || strings.Contains(v, tokenPrefix) {
				return redactedError(what)
			}
		}
	}
	return nil
}

func redactedError(what string) error {
	return &ValidationError{Field: what, Reason: "holds a telnyx.Secret (or " + Redacted + ", its mark) that the SDK cannot send from there: " +
		"put Secrets in JSON body fields, not in a query, a form or a value built inside a custom MarshalJSON"}
}
