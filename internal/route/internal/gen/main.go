// Command gen writes the operation table of package route from the vendored
// OpenAPI spec: each operation's id, method and path template, where every
// path parameter carries the format its schema declares ("{id:int64}",
// "{ticket_id:uuid}"), and the answers the operation declares ("200",
// "422", "default").
//
// It runs from package route through go generate:
//
//	go run ./internal/gen -spec ../contract/testdata/openapi.json -out operations_gen.go
package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"maps"
	"os"
	"slices"
	"strings"
)

func main() {
	spec := flag.String("spec", "", "the OpenAPI document (JSON) to read")
	out := flag.String("out", "", "the Go file to write")
	flag.Parse()
	if err := run(*spec, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(specPath, outPath string) error {
	if specPath == "" || outPath == "" {
		return errors.New("both -spec and -out are required")
	}
	raw, err := os.ReadFile(specPath)
	if err != nil {
		return err
	}
	ops, err := operations(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	src, err := render(ops)
	if err != nil {
		return err
	}
	return os.WriteFile(outPath, src, 0o644)
}

// document is the part of an OpenAPI document the table needs.
type document struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Parameters map[string]parameter `json:"parameters"`
	} `json:"components"`
}

type operation struct {
	OperationID string                     `json:"operationId"`
	Parameters  []parameter                `json:"parameters"`
	Responses   map[string]json.RawMessage `json:"responses"`
}

type parameter struct {
	Ref     string  `json:"$ref"`
	Name    string  `json:"name"`
	In      string  `json:"in"`
	XFormat string  `json:"x-format"`
	Schema  *schema `json:"schema"`
}

type schema struct {
	Format  string `json:"format"`
	XFormat string `json:"x-format"`
}

// op is one row of the table.
type op struct {
	method, path, template, id string
	answers                    []string // the response keys, sorted
}

// methods are the keys of a path item that name operations.
var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// knownFormats are the formats package route checks path values against.
var knownFormats = []string{"int64", "uuid"}

// operations reads the table from the spec, ordered by path and method.
func operations(raw []byte) ([]op, error) {
	var doc document
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	var ops []op
	for path, item := range doc.Paths {
		var shared []parameter
		if p, ok := item["parameters"]; ok {
			if err := json.Unmarshal(p, &shared); err != nil {
				return nil, fmt.Errorf("%s: parameters: %w", path, err)
			}
		}
		for _, m := range methods {
			body, ok := item[m]
			if !ok {
				continue
			}
			var o operation
			if err := json.Unmarshal(body, &o); err != nil {
				return nil, fmt.Errorf("%s %s: %w", m, path, err)
			}
			tmpl, err := annotate(path, slices.Concat(shared, o.Parameters), doc.Components.Parameters)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", m, path, err)
			}
			if o.OperationID == "" {
				return nil, fmt.Errorf("%s %s has no operationId", m, path)
			}
			answers := slices.Sorted(maps.Keys(o.Responses))
			ops = append(ops, op{strings.ToUpper(m), path, tmpl, o.OperationID, answers})
		}
	}
	slices.SortFunc(ops, func(a, b op) int {
		return cmp.Or(strings.Compare(a.path, b.path), strings.Compare(a.method, b.method))
	})
	seen := map[string]bool{}
	for _, o := range ops {
		if seen[o.id] {
			return nil, fmt.Errorf("operationId %s is used twice", o.id)
		}
		seen[o.id] = true
	}
	return ops, nil
}

// annotate writes path with the format of each path parameter:
// "/a/{id}" becomes "/a/{id:int64}" when the schema of id declares int64.
func annotate(path string, params []parameter, components map[string]parameter) (string, error) {
	formats := map[string]string{}
	for _, p := range params {
		if name, ok := strings.CutPrefix(p.Ref, "#/components/parameters/"); ok {
			c, found := components[name]
			if !found {
				return "", fmt.Errorf("parameter %s is not defined", p.Ref)
			}
			p = c
		} else if p.Ref != "" {
			return "", fmt.Errorf("parameter reference %s is not to #/components/parameters", p.Ref)
		}
		if p.In == "path" {
			formats[p.Name] = formatOf(p)
		}
	}
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		name, ok := strings.CutPrefix(seg, "{")
		if !ok {
			continue
		}
		name, ok = strings.CutSuffix(name, "}")
		if !ok {
			return "", fmt.Errorf("malformed segment %q", seg)
		}
		f, declared := formats[name]
		switch {
		case !declared:
			return "", fmt.Errorf("path parameter %s is not declared", name)
		case f == "":
		case slices.Contains(knownFormats, f):
			segs[i] = "{" + name + ":" + f + "}"
		default:
			return "", fmt.Errorf("path parameter %s has format %q, which package route does not check", name, f)
		}
	}
	return strings.Join(segs, "/"), nil
}

// formatOf is the format a path parameter declares: its schema's format,
// else its x-format extension, on the schema or on the parameter.
func formatOf(p parameter) string {
	if p.Schema != nil {
		if f := cmp.Or(p.Schema.Format, p.Schema.XFormat); f != "" {
			return f
		}
	}
	return p.XFormat
}

func render(ops []op) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by internal/gen from the vendored OpenAPI spec. DO NOT EDIT.\n\n")
	b.WriteString("package route\n\n")
	fmt.Fprintf(&b, "// Operations are the %d endpoints of the spec, ordered by path and method,\n", len(ops))
	b.WriteString("// with the formats of their path parameters and the answers they declare.\n")
	b.WriteString("var Operations = []Operation{\n")
	for _, o := range ops {
		fmt.Fprintf(&b, "\t{%q, %q, %q, %#v},\n", o.method, o.template, o.id, o.answers)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
