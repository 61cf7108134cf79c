package telnyx_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExportedAPINamesNoInternalType walks the exported API of every public
// package of the module (every exported declaration, method, struct field,
// embedded type, alias, type parameter and the value of an exported var or
// const) and fails on any that names an internal package, which users could
// neither name nor read in go doc.
func TestExportedAPINamesNoInternalType(t *testing.T) {
	t.Parallel()
	var dirs []string
	require.NoError(t, filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "internal" || name == "examples" || name == "scripts") {
			return filepath.SkipDir
		}
		if path != "." {
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module
			}
		}
		dirs = append(dirs, path)
		return nil
	}))
	checked := 0
	for _, dir := range dirs {
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, pkg := range pkgs {
			if pkg.Name == "main" {
				continue
			}
			for _, f := range pkg.Files {
				internal := map[string]string{} // local name -> import path
				for _, imp := range f.Imports {
					p, _ := strconv.Unquote(imp.Path.Value)
					if !strings.Contains(p, "/internal/") && !strings.HasSuffix(p, "/internal") {
						continue
					}
					local := p[strings.LastIndex(p, "/")+1:]
					if imp.Name != nil {
						local = imp.Name.Name
					}
					internal[local] = p
				}
				for _, decl := range f.Decls {
					for _, e := range exportedExprs(decl) {
						checked++
						ast.Inspect(e.node, func(n ast.Node) bool {
							sel, ok := n.(*ast.SelectorExpr)
							if !ok {
								return true
							}
							if id, ok := sel.X.(*ast.Ident); ok {
								if p, bad := internal[id.Name]; bad {
									t.Errorf("%s: exported %s names %s.%s from %s", fset.Position(sel.Pos()), e.name, id.Name, sel.Sel.Name, p)
								}
							}
							return true
						})
					}
				}
			}
		}
	}
	assert.Greater(t, checked, 200, "the walk must have seen the API")
}

type exported struct {
	name string
	node ast.Node
}

// exportedExprs returns the parts of decl that belong to the exported API.
func exportedExprs(decl ast.Decl) []exported {
	var out []exported
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if !d.Name.IsExported() {
			return nil
		}
		if d.Recv != nil {
			recv := d.Recv.List[0].Type
			for {
				switch r := recv.(type) {
				case *ast.StarExpr:
					recv = r.X
					continue
				case *ast.IndexExpr:
					recv = r.X
					continue
				case *ast.IndexListExpr:
					recv = r.X
					continue
				}
				break
			}
			if id, ok := recv.(*ast.Ident); !ok || !id.IsExported() {
				return nil
			}
		}
		out = append(out, exported{d.Name.Name, d.Type})
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				if !s.Name.IsExported() {
					continue
				}
				if s.TypeParams != nil {
					out = append(out, exported{s.Name.Name, s.TypeParams})
				}
				out = append(out, exportedType(s.Name.Name, s.Type)...)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					if n.IsExported() {
						if s.Type != nil {
							out = append(out, exported{n.Name, s.Type})
						}
						for _, v := range s.Values { // go doc prints the value too
							out = append(out, exported{n.Name, v})
						}
					}
				}
			}
		}
	}
	return out
}

// exportedType keeps the exported fields and methods of a struct or
// interface, and the whole of any other type expression.
func exportedType(name string, e ast.Expr) []exported {
	switch t := e.(type) {
	case *ast.StructType:
		var out []exported
		for _, f := range t.Fields.List {
			if len(f.Names) == 0 { // embedded: its promoted API is exported
				out = append(out, exported{name + " (embedded)", f.Type})
				continue
			}
			for _, n := range f.Names {
				if n.IsExported() {
					out = append(out, exported{name + "." + n.Name, f.Type})
				}
			}
		}
		return out
	case *ast.InterfaceType:
		var out []exported
		for _, m := range t.Methods.List {
			if len(m.Names) == 0 || m.Names[0].IsExported() {
				out = append(out, exported{name, m.Type})
			}
		}
		return out
	}
	return []exported{{name, e}}
}

// TestPublicPackagesLinkOnlyGoQuerystring holds the README's claim: a
// program importing any public package of the SDK compiles in no module but
// go-querystring; the test-only modules stay out of it.
func TestPublicPackagesLinkOnlyGoQuerystring(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go list")
	}
	pkgs := []string{".", "./option", "./externalconnections", "./media", "./recordings", "./siprec",
		"./dialogflow", "./storagecredentials", "./telnyxtest", "./webhooks", "./cmd/telnyx-fake"}
	out, err := exec.CommandContext(t.Context(), "go", append([]string{"list", "-deps", "-f", "{{if .Module}}{{.Module.Path}}{{end}}"}, pkgs...)...).Output()
	require.NoError(t, err)
	mods := map[string]bool{}
	for _, m := range strings.Fields(string(out)) {
		mods[m] = true
	}
	delete(mods, "github.com/telnyx-sip-integrations/telnyx-go")
	assert.Equal(t, map[string]bool{"github.com/google/go-querystring": true}, mods)
}
