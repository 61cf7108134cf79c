package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const small = `{
 "paths": {
  "/things/{id}/parts/{part}": {
   "parameters": [{"name": "id", "in": "path", "schema": {"type": "string", "x-format": "int64"}}],
   "get": {"operationId": "GetPart", "parameters": [{"$ref": "#/components/parameters/Part"}, {"name": "q", "in": "query", "schema": {"format": "uuid"}}]}
  },
  "/things": {
   "post": {"operationId": "CreateThing", "responses": {"422": {}, "201": {}, "default": {}}},
   "get": {"operationId": "ListThings"}
  },
  "/things/{name}": {
   "delete": {"operationId": "DeleteThing", "parameters": [{"name": "name", "in": "path", "x-format": "int64", "schema": {"type": "string"}}]},
   "summary": "not an operation"
  }
 },
 "components": {"parameters": {"Part": {"name": "part", "in": "path", "schema": {"type": "string", "format": "uuid"}}}}
}`

func TestOperationsReadsMethodsPathsFormatsAndAnswers(t *testing.T) {
	t.Parallel()
	ops, err := operations([]byte(small))
	require.NoError(t, err)
	assert.Equal(t, []op{
		{"GET", "/things", "/things", "ListThings", nil},
		{"POST", "/things", "/things", "CreateThing", []string{"201", "422", "default"}},
		{"GET", "/things/{id}/parts/{part}", "/things/{id:int64}/parts/{part:uuid}", "GetPart", nil},
		{"DELETE", "/things/{name}", "/things/{name:int64}", "DeleteThing", nil},
	}, ops)
}

func TestOperationsRefusesWhatTheTableCannotSay(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ spec, want string }{
		{`{"paths": {"/a/{d}": {"get": {"operationId": "A", "parameters": [{"name": "d", "in": "path", "schema": {"format": "date"}}]}}}}`, `format "date"`},
		{`{"paths": {"/a/{d}": {"get": {"operationId": "A"}}}}`, "d is not declared"},
		{`{"paths": {"/a/{d}": {"get": {"operationId": "A", "parameters": [{"$ref": "#/components/parameters/D"}]}}}}`, "#/components/parameters/D is not defined"},
		{`{"paths": {"/a/{d}": {"get": {"operationId": "A", "parameters": [{"$ref": "other.json#/D"}]}}}}`, "not to #/components/parameters"},
		{`{"paths": {"/a": {"get": {"operationId": "A"}}, "/b": {"get": {"operationId": "A"}}}}`, "A is used twice"},
		{`{"paths": {"/a": {"get": {}}}}`, "no operationId"},
		{`{"paths": {"/a/{d": {"get": {"operationId": "A"}}}}`, "malformed segment"},
		{`{"paths": []}`, "cannot unmarshal"},
	} {
		_, err := operations([]byte(tc.spec))
		if assert.Error(t, err, tc.spec) {
			assert.Contains(t, err.Error(), tc.want, tc.spec)
		}
	}
}

func TestRunWritesAGeneratedGoFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	spec, out := filepath.Join(dir, "spec.json"), filepath.Join(dir, "ops.go")
	require.NoError(t, os.WriteFile(spec, []byte(small), 0o600))
	require.NoError(t, run(spec, out))
	src, err := os.ReadFile(out)
	require.NoError(t, err)
	text := string(src)
	assert.True(t, strings.HasPrefix(text, "// Code generated "), text)
	assert.Contains(t, text, "DO NOT EDIT.")
	assert.Contains(t, text, "// Operations are the 4 endpoints of the spec")
	assert.Contains(t, text, `{"GET", "/things/{id:int64}/parts/{part:uuid}", "GetPart", []string(nil)},`)
	assert.Contains(t, text, `{"POST", "/things", "CreateThing", []string{"201", "422", "default"}},`)

	assert.Error(t, run("", out))
	assert.Error(t, run(filepath.Join(dir, "missing.json"), out))
}
