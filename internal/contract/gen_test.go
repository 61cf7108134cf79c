package contract

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxGenDepth bounds the nesting of generated values, so that recursive
// schemas end.
const maxGenDepth = 8

// exampleFor returns a deterministic value for schema: its example, else
// the first of its 3.1 examples, its const, the first enum value, its
// default, and else a value built from its type. Objects get every
// property, arrays one item (or minItems), so that the SDK has as many
// fields as possible to decode.
func exampleFor(ref *openapi3.SchemaRef) any {
	return genValue(ref, 0)
}

func genValue(ref *openapi3.SchemaRef, depth int) any {
	if ref == nil || ref.Value == nil || depth > maxGenDepth {
		return nil
	}
	s := ref.Value
	var example any
	switch {
	case s.Example != nil:
		example = cloneJSON(s.Example)
	case len(s.Examples) > 0 && s.Examples[0] != nil:
		example = cloneJSON(s.Examples[0])
	case s.Const != nil:
		return cloneJSON(s.Const)
	}
	if example != nil {
		// An object's example often shows a few fields only: the other
		// declared properties are generated, so that every field the SDK
		// models gets a value to decode.
		if obj, ok := example.(map[string]any); ok {
			for k, v := range declaredProperties(s, depth) {
				if _, ok := obj[k]; !ok {
					obj[k] = v
				}
			}
		}
		return example
	}
	if v := firstNonNil(s.Enum); v != nil {
		return cloneJSON(v)
	}
	if s.Default != nil {
		return cloneJSON(s.Default)
	}
	if len(s.AllOf) > 0 {
		merged := map[string]any{}
		var other any
		for _, sub := range s.AllOf {
			switch v := genValue(sub, depth+1).(type) {
			case map[string]any:
				maps.Copy(merged, v)
			case nil:
			default:
				other = v
			}
		}
		if len(merged) == 0 && other != nil {
			return other
		}
		if own, ok := genOwnObject(s, depth).(map[string]any); ok {
			maps.Copy(merged, own)
		}
		return merged
	}
	if alt := firstAlternative(s); alt != nil {
		v := genValue(alt, depth+1)
		if obj, ok := v.(map[string]any); ok && len(s.Properties) > 0 {
			if own, ok := genOwnObject(s, depth).(map[string]any); ok {
				maps.Copy(obj, own)
			}
		}
		return v
	}
	return genOwnObject(s, depth)
}

// genOwnObject builds a value from the schema's own type keywords.
func genOwnObject(s *openapi3.Schema, depth int) any {
	switch typeOf(s) {
	case "object":
		obj := map[string]any{}
		for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
			if v := genValue(s.Properties[name], depth+1); v != nil {
				obj[name] = v
			}
		}
		return obj
	case "array":
		n := max(1, int(s.MinItems))
		arr := make([]any, 0, n)
		for range n {
			if v := genValue(s.Items, depth+1); v != nil {
				arr = append(arr, v)
			}
		}
		return arr
	case "integer":
		return genNumber(s, 1)
	case "number":
		return genNumber(s, 1.5)
	case "boolean":
		return true
	case "string":
		return genString(s)
	case "null":
		return nil
	}
	return nil
}

// declaredProperties generates the properties an object schema declares
// itself or through allOf (not the alternatives of oneOf/anyOf).
func declaredProperties(s *openapi3.Schema, depth int) map[string]any {
	out := map[string]any{}
	for _, sub := range s.AllOf {
		if sub != nil && sub.Value != nil {
			maps.Copy(out, declaredProperties(sub.Value, depth+1))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		if v := genValue(s.Properties[name], depth+1); v != nil {
			out[name] = v
		}
	}
	return out
}

// typeOf returns the schema's type, preferring a non-null one, and
// guessing "object" or "array" from the keywords when no type is given.
func typeOf(s *openapi3.Schema) string {
	if s.Type != nil {
		for _, t := range s.Type.Slice() {
			if t != "null" {
				return t
			}
		}
		if s.Type.Includes("null") {
			return "null"
		}
	}
	switch {
	case len(s.Properties) > 0:
		return "object"
	case s.Items != nil:
		return "array"
	}
	return ""
}

// firstAlternative returns the first oneOf/anyOf branch that is not the
// null type.
func firstAlternative(s *openapi3.Schema) *openapi3.SchemaRef {
	for _, alts := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		for _, alt := range alts {
			if alt == nil || alt.Value == nil {
				continue
			}
			if alt.Value.Type != nil && alt.Value.Type.Is("null") {
				continue
			}
			return alt
		}
	}
	return nil
}

func genNumber(s *openapi3.Schema, base float64) any {
	v := base
	if s.Min != nil && v < *s.Min {
		v = *s.Min
		if s.ExclusiveMin.IsTrue() {
			v++
		}
	}
	if s.Max != nil && v > *s.Max {
		v = *s.Max
		if s.ExclusiveMax.IsTrue() {
			v--
		}
	}
	if typeOf(s) == "integer" {
		return int64(v)
	}
	return v
}

func genString(s *openapi3.Schema) string {
	var v string
	switch s.Format {
	case "date-time":
		v = "2024-05-06T07:08:09Z"
	case "date":
		v = "2024-05-06"
	case "time":
		v = "07:08:09Z"
	case "uuid":
		v = "5f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e"
	case "uri", "url", "uri-reference":
		v = "https://example.com/resource"
	case "email":
		v = "user@example.com"
	case "hostname":
		v = "sip.example.com"
	case "ipv4":
		v = "192.0.2.10"
	case "ipv6":
		v = "2001:db8::10"
	case "byte":
		v = "Y29udHJhY3Q="
	case "binary":
		v = "contract-bytes"
	default:
		v = "string-value"
	}
	if n := int(s.MinLength); len(v) < n {
		v += strings.Repeat("x", n-len(v))
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v
}

func firstNonNil(vs []any) any {
	for _, v := range vs {
		if v != nil {
			return v
		}
	}
	return nil
}

// cloneJSON deep-copies a decoded JSON value so that generated documents
// never share maps with the loaded spec.
func cloneJSON(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return v
	}
	return out
}
