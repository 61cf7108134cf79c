// Command funcsize reports the functions of library code (every .go file
// below the given directories but tests and testdata) that are longer than
// a number of lines or more complex than a cyclomatic complexity, and fails
// when it finds one:
//
//	go run ./scripts/funcsize [-lines 60] [-complexity 15] dir...
//
// A function's lines run from its func keyword to its closing brace.
// Its complexity is one plus each if, for, range, case, select case, &&
// and || in its body, function literals included.
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// finding is one function over a limit.
type finding struct {
	pos               token.Position
	name              string
	lines, complexity int
}

func main() {
	maxLines := flag.Int("lines", 60, "most lines a function may have")
	maxComplexity := flag.Int("complexity", 15, "highest cyclomatic complexity a function may have")
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"."}
	}
	var found []finding
	for _, dir := range dirs {
		fs, err := scan(dir, *maxLines, *maxComplexity)
		if err != nil {
			fmt.Fprintln(os.Stderr, "funcsize:", err)
			os.Exit(2)
		}
		found = append(found, fs...)
	}
	for _, f := range found {
		fmt.Printf("%s:%d: %s: %d lines, complexity %d\n", f.pos.Filename, f.pos.Line, f.name, f.lines, f.complexity)
	}
	fmt.Printf("%d functions over %d lines or complexity %d\n", len(found), *maxLines, *maxComplexity)
	if len(found) > 0 {
		os.Exit(1)
	}
}

// scan reports the functions over the limits in the library code below dir.
func scan(dir string, maxLines, maxComplexity int) ([]finding, error) {
	fset := token.NewFileSet()
	var found []finding
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			if path != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		case !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			start := fset.Position(fd.Pos())
			lines := fset.Position(fd.End()).Line - start.Line + 1
			if c := complexity(fd.Body); lines > maxLines || c > maxComplexity {
				found = append(found, finding{pos: start, name: funcName(fd), lines: lines, complexity: c})
			}
		}
		return nil
	})
	return found, err
}

// complexity is one plus the branches of body.
func complexity(body *ast.BlockStmt) int {
	c := 1
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			c++
		case *ast.CaseClause:
			if n.List != nil {
				c++
			}
		case *ast.CommClause:
			if n.Comm != nil {
				c++
			}
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				c++
			}
		}
		return true
	})
	return c
}

// funcName is "Name" or "(Recv).Name".
func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	return "(" + typeName(fd.Recv.List[0].Type) + ")." + fd.Name.Name
}

// typeName names a receiver type, without its type parameters.
func typeName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return "*" + typeName(t.X)
	case *ast.IndexExpr:
		return typeName(t.X)
	case *ast.IndexListExpr:
		return typeName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}
