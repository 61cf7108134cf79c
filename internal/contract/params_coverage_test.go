package contract

import (
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"

	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// paramsCoverage ties an operation to the Go type of its JSON body or of
// its query parameters.
type paramsCoverage struct {
	op string
	// body is the params type encoded as the JSON body (json tags).
	body any
	// query is the params type encoded as the query (url tags).
	query any
	// missing allow-lists spec fields the type has no field for, as
	// "filter.phone_number.eq" or "tags". Ideally empty.
	missing []string
}

// Types whose encoding is hand-written (media's content sources, storage
// credentials' backends, DeleteRecordings' id list) are not listed: their
// cases check the exact body they send.
var coverage = []paramsCoverage{
	{op: "createSiprecConnector", body: siprec.Params{}},
	{op: "updateSiprecConnector", body: siprec.Params{}},
	{op: "CreateDialogflowConnection", body: dialogflow.Params{}},
	{op: "UpdateDialogflowConnection", body: dialogflow.Params{}},
	{op: "CreateExternalConnection", body: ec.CreateParams{}},
	{op: "UpdateExternalConnection", body: ec.UpdateParams{}},
	{op: "updateLocation", body: ec.LocationUpdateParams{}},
	{op: "UpdateExternalConnectionPhoneNumber", body: ec.PhoneNumberUpdateParams{}},
	{op: "CreateExternalConnectionUpload", body: ec.UploadCreateParams{}},
	{op: "ListExternalConnections", query: ec.ListParams{}},
	{op: "ListExternalConnectionLogMessages", query: ec.LogMessageListParams{}},
	{op: "ListCivicAddresses", query: ec.CivicAddressListParams{}},
	{op: "ListExternalConnectionPhoneNumbers", query: ec.PhoneNumberListParams{}},
	{op: "ListExternalConnectionReleases", query: ec.ReleaseListParams{}},
	{op: "ListExternalConnectionUploads", query: ec.UploadListParams{}},
	{op: "ListMediaStorage", query: media.ListParams{}},
	{op: "GetRecordings", query: recordings.ListParams{}},
	{op: "getRecordingTranscriptions", query: recordings.TranscriptionListParams{}},
}

// TestParamsCoverTheSpec checks that every field the spec lets a request
// carry has a field in the SDK's params type: the cases only prove that
// what the SDK sends is valid, not that users can send everything.
func TestParamsCoverTheSpec(t *testing.T) {
	t.Parallel()
	sp := loadSpec(t)
	ops := map[string]*openapi3.Operation{}
	for _, item := range sp.doc.Paths.Map() {
		for _, op := range item.Operations() {
			ops[op.OperationID] = op
		}
	}
	for _, pc := range coverage {
		t.Run(pc.op, func(t *testing.T) {
			t.Parallel()
			op := ops[pc.op]
			if op == nil {
				t.Fatalf("the spec has no operation %q", pc.op)
			}
			var missing []string
			if pc.body != nil {
				rb := op.RequestBody
				if rb == nil || rb.Value == nil || rb.Value.Content["application/json"] == nil {
					t.Fatalf("%s has no JSON body", pc.op)
				}
				for _, path := range schemaPaths(rb.Value.Content["application/json"].Schema, nil) {
					if !typeHasField(reflect.TypeOf(pc.body), "json", path) {
						missing = append(missing, strings.Join(path, "."))
					}
				}
			}
			if pc.query != nil {
				for _, p := range slices.Concat(op.Parameters) {
					if p.Value == nil || p.Value.In != openapi3.ParameterInQuery {
						continue
					}
					paths := [][]string{{p.Value.Name}}
					if p.Value.Style == openapi3.SerializationDeepObject {
						paths = schemaPaths(p.Value.Schema, []string{p.Value.Name})
					}
					for _, path := range paths {
						if !typeHasField(reflect.TypeOf(pc.query), "url", path) {
							missing = append(missing, strings.Join(path, "."))
						}
					}
				}
			}
			var unexpected []string
			for _, m := range missing {
				if !slices.Contains(pc.missing, m) {
					unexpected = append(unexpected, m)
				}
			}
			assert.Empty(t, unexpected, "spec fields of %s the SDK params cannot send", pc.op)
		})
	}
}

// schemaPaths lists the property paths of an object schema, nested
// objects included; arrays of objects add no segment of their own.
func schemaPaths(ref *openapi3.SchemaRef, prefix []string) [][]string {
	if ref == nil || ref.Value == nil || len(prefix) > maxGenDepth {
		return nil
	}
	s := ref.Value
	var out [][]string
	for _, sub := range s.AllOf {
		out = append(out, schemaPaths(sub, prefix)...)
	}
	if s.Items != nil {
		out = append(out, schemaPaths(s.Items, prefix)...)
	}
	for _, name := range sortedKeys(s.Properties) {
		path := append(slices.Clip(prefix), name)
		out = append(out, path)
		out = append(out, schemaPaths(s.Properties[name], path)...)
	}
	return out
}

func sortedKeys(m openapi3.Schemas) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// queryEncoder is go-querystring's Encoder: a type that writes its own
// query parameters.
type queryEncoder interface {
	EncodeValues(key string, v *url.Values) error
}

var queryEncoderType = reflect.TypeFor[queryEncoder]()

// typeHasField reports whether t has a field tagged (with tagKey) along
// path. Types that encode themselves (as JSON for "json", as a query for
// "url"), maps and interfaces are taken to carry anything below them.
func typeHasField(t reflect.Type, tagKey string, path []string) bool {
	self := marshalerType
	if tagKey == "url" {
		self = queryEncoderType
	}
	for _, seg := range path {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			t = t.Elem()
		}
		if t.Implements(self) || reflect.PointerTo(t).Implements(self) {
			return true
		}
		switch t.Kind() {
		case reflect.Map, reflect.Interface:
			return true
		case reflect.Struct:
		default:
			return false
		}
		f, ok := fieldByTag(t, tagKey, seg)
		if !ok {
			return false
		}
		t = f
	}
	return true
}

func fieldByTag(t reflect.Type, tagKey, name string) (reflect.Type, bool) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, _, _ := strings.Cut(sf.Tag.Get(tagKey), ",")
		if tag == "-" || !sf.IsExported() {
			continue
		}
		if sf.Anonymous && tag == "" {
			inner := sf.Type
			if inner.Kind() == reflect.Pointer {
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				if f, ok := fieldByTag(inner, tagKey, name); ok {
					return f, true
				}
			}
			continue
		}
		if tag == "" {
			tag = sf.Name
		}
		if tag == name {
			return sf.Type, true
		}
	}
	return nil, false
}
