package contract

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
)

// TestRouteTableMatchesTheSpec checks the table the SDK fills and checks
// path values by, internal/route.Operations, against the spec: every
// operation is there once, with the spec's method, path template and
// operationId, and each path parameter carries the format the spec
// declares for it ("format: uuid", "x-format: int64") as {name:format}.
func TestRouteTableMatchesTheSpec(t *testing.T) {
	t.Parallel()
	sp := loadSpec(t)
	for _, p := range routeTableProblems(sp, route.Operations) {
		t.Error(p)
	}
}

// routeTableProblems lists how table differs from the spec.
func routeTableProblems(sp *spec, table []route.Operation) []string {
	want := map[string]route.Operation{}
	for path, item := range sp.doc.Paths.Map() {
		for method, op := range item.Operations() {
			var answers []string
			if op.Responses != nil {
				answers = slices.Sorted(maps.Keys(op.Responses.Map()))
			}
			want[op.OperationID] = route.Operation{Method: method, Template: annotate(path, item, op), ID: op.OperationID, Answers: answers}
		}
	}
	var problems []string
	got := map[string]route.Operation{}
	for _, op := range table {
		if _, dup := got[op.ID]; dup {
			problems = append(problems, fmt.Sprintf("the route table lists %s twice", op.ID))
		}
		got[op.ID] = op
		if _, ok := want[op.ID]; !ok {
			problems = append(problems, fmt.Sprintf("the route table lists %s %s as %q, an operationId the spec lacks", op.Method, op.Template, op.ID))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(want)) {
		w := want[id]
		g, ok := got[id]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s (%s %s) is missing from the route table", id, w.Method, w.Template))
		case g.Method != w.Method || g.Template != w.Template:
			problems = append(problems, fmt.Sprintf("%s is %s %s in the route table, %s %s in the spec", id, g.Method, g.Template, w.Method, w.Template))
		case !slices.Equal(g.Answers, w.Answers):
			problems = append(problems, fmt.Sprintf("%s answers %v in the route table, %v in the spec", id, g.Answers, w.Answers))
		}
	}
	return problems
}

// annotate writes the spec path with the format of each path parameter in
// the route table's notation: "/a/{id}" becomes "/a/{id:int64}".
func annotate(path string, item *openapi3.PathItem, op *openapi3.Operation) string {
	formats := map[string]string{}
	for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range params {
			if p.Value == nil || p.Value.In != openapi3.ParameterInPath {
				continue
			}
			formats[p.Value.Name] = paramFormat(p.Value)
		}
	}
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if !strings.HasPrefix(seg, "{") || !strings.HasSuffix(seg, "}") {
			continue
		}
		if name := seg[1 : len(seg)-1]; formats[name] != "" {
			segs[i] = "{" + name + ":" + formats[name] + "}"
		}
	}
	return strings.Join(segs, "/")
}

// paramFormat is the format the spec declares for a path parameter: its
// schema's format, else its x-format extension (on the schema or the
// parameter), else "".
func paramFormat(p *openapi3.Parameter) string {
	if p.Schema != nil && p.Schema.Value != nil {
		s := p.Schema.Value
		if s.Format != "" {
			return s.Format
		}
		if f, ok := s.Extensions["x-format"]; ok {
			return fmt.Sprint(f)
		}
	}
	if f, ok := p.Extensions["x-format"]; ok {
		return fmt.Sprint(f)
	}
	return ""
}

// TestRouteTableProblemsReported checks that the route check can fail.
func TestRouteTableProblemsReported(t *testing.T) {
	t.Parallel()
	sp := loadSpec(t)
	assert.Empty(t, routeTableProblems(sp, route.Operations))

	table := slices.Clone(route.Operations)
	var dropped route.Operation
	for i, op := range table {
		switch op.ID {
		case "updateLocation":
			// As every other external connection id, but not as the spec.
			table[i].Template = "/external_connections/{id:int64}/locations/{location_id:uuid}"
		case "GetRecording":
			table[i].Method = "POST"
		case "getSiprecConnector":
			table[i].ID = "GetSiprecConnector"
		case "DownloadMedia":
			dropped = op
		case "RetryUpload":
			table[i].Answers = []string{"202", "401"}
		}
	}
	table = slices.DeleteFunc(table, func(op route.Operation) bool { return op.ID == dropped.ID })
	table = append(table, table[0])

	joined := strings.Join(routeTableProblems(sp, table), "\n")
	for _, want := range []string{
		"updateLocation is PATCH /external_connections/{id:int64}/locations/{location_id:uuid} in the route table, " +
			"PATCH /external_connections/{id:uuid}/locations/{location_id:uuid} in the spec",
		"GetRecording is POST /recordings/{recording_id} in the route table, GET /recordings/{recording_id} in the spec",
		`the route table lists GET /siprec_connectors/{connector_name} as "GetSiprecConnector", an operationId the spec lacks`,
		"getSiprecConnector (GET /siprec_connectors/{connector_name}) is missing from the route table",
		"DownloadMedia (GET /media/{media_name}/download) is missing from the route table",
		"RetryUpload answers [202 401] in the route table, [202 401 404 409 422] in the spec",
		"the route table lists " + table[0].ID + " twice",
	} {
		assert.Contains(t, joined, want)
	}
}
