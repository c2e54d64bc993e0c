package clock_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// readsTheMachineClock lists the calls in src that read the machine's clock:
// time.Now, time.Since and time.Until, whatever name "time" is imported as.
func readsTheMachineClock(t *testing.T, fset *token.FileSet, f *ast.File) []string {
	t.Helper()
	var names []string
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "time" {
			name := "time"
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		for _, name := range names {
			if id.Name == name && (sel.Sel.Name == "Now" || sel.Sel.Name == "Since" || sel.Sel.Name == "Until") {
				found = append(found, fset.Position(sel.Pos()).String()+": time."+sel.Sel.Name)
			}
		}
		return true
	})
	return found
}

// TestOnlyTheClockReadsTheTime fails when any Go file outside cmd/ and this
// package (tests included) reads the machine's clock: such code hides time
// from tests, and a test that reads the real date fails on a later day.
func TestOnlyTheClockReadsTheTime(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var bad []string
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "cmd" || rel == "app/clock" || strings.HasPrefix(d.Name(), ".") && rel != "." || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files++
		bad = append(bad, readsTheMachineClock(t, fset, f)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("read only %d Go files under %s: is the walk broken?", files, root)
	}
	for _, b := range bad {
		t.Errorf("%s reads the machine's clock: take a clock.Clock instead", b)
	}
}

// TestTheCheckFindsACall makes sure the walk above can fail.
func TestTheCheckFindsACall(t *testing.T) {
	src := `package x
import tm "time"
func f() { _ = tm.Now(); _ = tm.Since(tm.Time{}) }`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := readsTheMachineClock(t, fset, f); len(got) != 2 {
		t.Fatalf("found %v, want time.Now and time.Since", got)
	}
}
