package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

func TestComplexityCountsEveryBranch(t *testing.T) {
	t.Parallel()
	src := `package p
func f(a, b bool, xs []int, ch chan int) {
	if a && b || a {}
	for range xs {}
	for i := 0; i < 1; i++ {}
	switch {
	case a:
	case b:
	default:
	}
	select {
	case <-ch:
	default:
	}
	_ = func() { if b {} }
}`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	// 1 + if + && + || + range + for + 2 cases + 1 select case + the
	// literal's if.
	if got := complexity(f.Decls[0].(*ast.FuncDecl).Body); got != 10 {
		t.Fatalf("complexity = %d, want 10", got)
	}
}

func TestScanReportsLongFunctionsAndSkipsTests(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	long := "package p\n\nfunc (s *S[T]) Long() {\n"
	for range 60 {
		long += "\t_ = 1\n"
	}
	long += "}\n\nfunc Short() {}\n"
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("p.go", long)
	write("p_test.go", long)
	if err := os.Mkdir(filepath.Join(dir, "testdata"), 0o700); err != nil {
		t.Fatal(err)
	}
	write("testdata/q.go", long)
	found, err := scan(dir, 60, 15)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].name != "(*S).Long" || found[0].lines != 62 || found[0].complexity != 1 {
		t.Fatalf("found %+v, want only (*S).Long with 62 lines", found)
	}
}
