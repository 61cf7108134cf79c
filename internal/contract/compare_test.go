package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
)

// diff is what compareServed found between a served document and the
// SDK's re-marshalled result.
type diff struct {
	// Dropped lists the paths of served values the SDK result lacks.
	Dropped []string
	// Mismatched lists served values the SDK holds with another value or
	// type, as "path: served X, SDK Y".
	Mismatched []string
}

// compareServed checks that every leaf of served (a JSON document) is in
// got (any Go value, re-marshalled to JSON) with the same value. Paths are
// JSON pointers ("/connections/0/name"). Served nulls, zero values and
// empty containers may be missing from got: omitempty drops them. A
// telnyx.Secret of got re-marshals as telnyx.Redacted: where got holds
// that, the served value must be what one of got's secrets reveals.
func compareServed(served []byte, got any) (diff, error) {
	var s any
	if err := decodeNumbers(served, &s); err != nil {
		return diff{}, fmt.Errorf("served document: %w", err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		return diff{}, fmt.Errorf("re-marshalling the SDK result: %w", err)
	}
	var g any
	if err := decodeNumbers(b, &g); err != nil {
		return diff{}, fmt.Errorf("SDK result: %w", err)
	}
	d := diff{}
	w := walker{d: &d, result: reflect.ValueOf(got)}
	collectSecrets(w.result, &w.secrets, 0)
	w.walk(nil, s, g, true)
	slices.Sort(d.Dropped)
	slices.Sort(d.Mismatched)
	return d, nil
}

func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

type walker struct {
	d      *diff
	result reflect.Value
	// secrets are the revealed values of the telnyx.Secret values of the
	// result, which marshal as telnyx.Redacted.
	secrets []string
}

var secretType = reflect.TypeFor[telnyx.Secret]()

// collectSecrets appends the revealed value of every telnyx.Secret that v
// holds in an exported place.
func collectSecrets(v reflect.Value, out *[]string, depth int) {
	if !v.IsValid() || depth > 2*maxGenDepth {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectSecrets(v.Elem(), out, depth+1)
		}
	case reflect.Struct:
		if v.Type() == secretType {
			if v.CanInterface() {
				*out = append(*out, v.Interface().(telnyx.Secret).Reveal())
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				collectSecrets(v.Field(i), out, depth+1)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectSecrets(v.Index(i), out, depth+1)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			collectSecrets(it.Value(), out, depth+1)
		}
	}
}

// revealedAs reports whether served, a value the result shows redacted, is
// what one of the result's secrets holds: the same string, or the same
// JSON document for a secret that holds one (a service account).
func (w walker) revealedAs(served any) bool {
	var want string
	if s, ok := served.(string); ok {
		want = s
	} else {
		b, err := json.Marshal(served)
		if err != nil {
			return false
		}
		want = string(b)
	}
	for _, s := range w.secrets {
		if s == want || jsonEqual(s, want) {
			return true
		}
	}
	return false
}

func jsonEqual(a, b string) bool {
	var x, y any
	if decodeNumbers([]byte(a), &x) != nil || decodeNumbers([]byte(b), &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// walk compares served against got at segs; present tells whether got
// exists at all (a missing key, as opposed to a JSON null).
func (w walker) walk(segs []string, served, got any, present bool) {
	d := w.d
	path := "/" + strings.Join(segs, "/")
	if present && got == telnyx.Redacted && served != telnyx.Redacted {
		if !w.revealedAs(served) {
			d.Mismatched = append(d.Mismatched, fmt.Sprintf("%s: served %s, SDK a secret holding another value", path, short(served)))
		}
		return
	}
	if !present || got == nil {
		switch {
		case served == nil:
			// null and absent tell the user the same
		case !present && isContainer(served) && modelsField(w.result, segs):
			// The SDK has the field but left it out: look at each member.
			w.walkAbsent(segs, served)
		case !isZeroJSON(served):
			if !present {
				d.Dropped = append(d.Dropped, path)
			} else {
				d.Mismatched = append(d.Mismatched, fmt.Sprintf("%s: served %s, SDK null", path, short(served)))
			}
		case !present && !modelsField(w.result, segs):
			// A zero value may be left out by omitempty, but only from a
			// field the SDK has.
			d.Dropped = append(d.Dropped, path)
		}
		return
	}
	switch s := served.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			d.Mismatched = append(d.Mismatched, fmt.Sprintf("%s: served an object, SDK %s", path, short(got)))
			return
		}
		for k, sv := range s {
			gv, ok := g[k]
			w.walk(append(slices.Clip(segs), k), sv, gv, ok)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			d.Mismatched = append(d.Mismatched, fmt.Sprintf("%s: served an array, SDK %s", path, short(got)))
			return
		}
		for i, sv := range s {
			if i >= len(g) {
				if !isZeroJSON(sv) {
					d.Dropped = append(d.Dropped, path+"/"+strconv.Itoa(i))
				}
				continue
			}
			w.walk(append(slices.Clip(segs), strconv.Itoa(i)), sv, g[i], true)
		}
	default:
		if !sameScalar(served, got) {
			d.Mismatched = append(d.Mismatched, fmt.Sprintf("%s: served %s, SDK %s", path, short(served), short(got)))
		}
	}
}

// walkAbsent checks the members of a served container the SDK result
// lacks although its type has a field for it.
func (w walker) walkAbsent(segs []string, served any) {
	switch s := served.(type) {
	case map[string]any:
		for k, sv := range s {
			w.walk(append(slices.Clip(segs), k), sv, nil, false)
		}
	case []any:
		for i, sv := range s {
			w.walk(append(slices.Clip(segs), strconv.Itoa(i)), sv, nil, false)
		}
	}
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// sameScalar compares two JSON scalars: numbers by value, and strings that
// are both RFC 3339 times by instant (time.Time re-marshals differently).
func sameScalar(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		fx, _, err1 := big.ParseFloat(string(x), 10, 128, big.ToNearestEven)
		fy, _, err2 := big.ParseFloat(string(y), 10, 128, big.ToNearestEven)
		return err1 == nil && err2 == nil && fx.Cmp(fy) == 0
	case string:
		y, ok := b.(string)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		tx, err1 := time.Parse(time.RFC3339Nano, x)
		ty, err2 := time.Parse(time.RFC3339Nano, y)
		return err1 == nil && err2 == nil && tx.Equal(ty)
	default:
		return a == b
	}
}

// isZeroJSON reports whether v is what omitempty would leave out: null,
// false, 0, "", or an empty object or array.
func isZeroJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case string:
		return x == ""
	case json.Number:
		f, err := x.Float64()
		return err == nil && f == 0
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	}
	return false
}

func pathOrRoot(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// modelsField reports whether the Go value v has a place for the JSON
// member at segs: a struct field of that JSON name, a map entry, a slice
// element. Values that marshal themselves or hold interfaces count as
// having one, as they cannot be told apart.
func modelsField(v reflect.Value, segs []string) bool {
	for _, seg := range segs {
		for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
			if v.IsNil() {
				if v.Kind() == reflect.Interface {
					return true
				}
				v = reflect.Zero(v.Type().Elem())
				continue
			}
			v = v.Elem()
		}
		if !v.IsValid() {
			return false
		}
		if v.Type().Implements(marshalerType) || reflect.PointerTo(v.Type()).Implements(marshalerType) {
			return true
		}
		switch v.Kind() {
		case reflect.Struct:
			f, ok := jsonField(v, seg)
			if !ok {
				return false
			}
			v = f
		case reflect.Map:
			e := v.MapIndex(reflect.ValueOf(seg).Convert(v.Type().Key()))
			if !e.IsValid() {
				return true
			}
			v = e
		case reflect.Slice, reflect.Array:
			i, err := strconv.Atoi(seg)
			if err != nil {
				return false
			}
			if i < v.Len() {
				v = v.Index(i)
			} else {
				v = reflect.Zero(v.Type().Elem())
			}
		default:
			return false
		}
	}
	return true
}

var marshalerType = reflect.TypeFor[json.Marshaler]()

// jsonField finds the field of struct v that encoding/json names name,
// looking into embedded structs.
func jsonField(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if tag == "-" || (!sf.IsExported() && !sf.Anonymous) {
			continue
		}
		if sf.Anonymous && tag == "" {
			inner := v.Field(i)
			if inner.Kind() == reflect.Pointer {
				if inner.IsNil() {
					inner = reflect.Zero(inner.Type().Elem())
				} else {
					inner = inner.Elem()
				}
			}
			if inner.Kind() == reflect.Struct {
				if f, ok := jsonField(inner, name); ok {
					return f, true
				}
			}
			continue
		}
		if tag == "" {
			tag = sf.Name
		}
		if tag == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

func short(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 60 {
		return string(b[:57]) + "..."
	}
	return string(b)
}

// allowed reports whether path is covered by one of the allow-list
// entries: an entry matches itself and everything under it, and a "*"
// segment matches any one segment (such as an array index).
func allowed(path string, allow []string) bool {
	ps := strings.Split(path, "/")
	for _, a := range allow {
		as := strings.Split(a, "/")
		if len(as) > len(ps) {
			continue
		}
		match := true
		for i, seg := range as {
			if seg != "*" && seg != ps[i] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
