package telnyxtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
)

// operationConstants reads operations.go and returns its constants of type
// Operation, value by name.
func operationConstants(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "operations.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Operation" || len(vs.Values) != len(vs.Names) {
				continue
			}
			for i, name := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("%s is not a string literal", name.Name)
				}
				v, _ := strconv.Unquote(lit.Value)
				consts[name.Name] = v
			}
		}
	}
	return consts
}

// TestOperationConstantsAreTheGeneratedTable: every exported Operation
// constant names an operation of the table generated from the spec, under
// the name "Op" and its operationId, and every operation of the table has
// its constant and its behaviour in the fake.
func TestOperationConstantsAreTheGeneratedTable(t *testing.T) {
	t.Parallel()
	consts := operationConstants(t)
	if len(consts) < 40 {
		t.Fatalf("read only %d Operation constants from operations.go", len(consts))
	}
	fromConsts := map[string]bool{}
	for name, v := range consts {
		if _, ok := route.Lookup(v); !ok {
			t.Errorf("%s = %q is not an operation of the spec", name, v)
		}
		if want := "Op" + strings.ToUpper(v[:1]) + v[1:]; name != want {
			t.Errorf("the constant for %q is %s, want %s", v, name, want)
		}
		fromConsts[v] = true
	}
	served := map[string]bool{}
	for _, op := range AllOperations() {
		served[string(op)] = true
	}
	for _, op := range route.Operations {
		if !fromConsts[op.ID] {
			t.Errorf("%s (%s %s) has no Operation constant", op.ID, op.Method, op.Template)
		}
		if !served[op.ID] {
			t.Errorf("%s (%s %s) has no behaviour in the fake", op.ID, op.Method, op.Template)
		}
	}
	if len(served) != len(route.Operations) || len(AllOperations()) != len(route.Operations) {
		t.Errorf("the fake serves %v, the spec has %d operations", slices.Sorted(maps.Keys(served)), len(route.Operations))
	}
}

// TestEveryOperationIsRoutedToItsBehaviour: a request to each operation
// of the generated table, with values of the declared formats, reaches the
// fake's behaviour for that operation.
func TestEveryOperationIsRoutedToItsBehaviour(t *testing.T) {
	t.Parallel()
	sample := map[route.Format]string{route.Any: "name-1", route.Int64: "12", route.UUID: "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6"}
	for _, op := range route.Operations {
		path := "/v2"
		for _, s := range op.Segments() {
			if s.Param != "" {
				path += "/" + sample[s.Format]
				continue
			}
			path += "/" + s.Literal
		}
		got, _, _ := matchRoute(op.Method, path)
		if got == nil || string(got.op) != op.ID {
			t.Errorf("%s %s reached %v, want %s", op.Method, path, got, op.ID)
		}
	}
}

func TestEndpointsPanicsOnAnOperationTheSpecLacks(t *testing.T) {
	t.Parallel()
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "ListRecordings") {
			t.Fatalf("recovered %v", r)
		}
	}()
	endpoints([]behaviour{{op: "ListRecordings"}})
}
