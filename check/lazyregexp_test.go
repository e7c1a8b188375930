package check

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPatternsCompile compiles every lazily compiled pattern, which a
// run otherwise compiles only when a document needs it. It reads the
// package's source for the calls of lazy, whose arguments must be
// constants: a pattern built from a variable would be built at start-up.
func TestPatternsCompile(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
	}
	// Only the constants are needed: no package is imported, and the
	// errors that causes elsewhere are ignored.
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: noImports{}, Error: func(error) {}}
	conf.Check("check", fset, parsed, info)
	n := 0
	for _, f := range parsed {
		ast.Inspect(f, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "lazy" || len(call.Args) != 1 {
				return true
			}
			n++
			at := fset.Position(call.Pos())
			v := info.Types[call.Args[0]].Value
			if v == nil {
				t.Errorf("%s: the pattern is not a constant", at)
				return true
			}
			src, err := strconv.Unquote(v.ExactString())
			if err != nil {
				t.Errorf("%s: the pattern is not a string: %s", at, v)
				return true
			}
			if _, err := regexp.Compile(src); err != nil {
				t.Errorf("%s: %v", at, err)
			}
			return true
		})
	}
	if n < 30 {
		t.Fatalf("found %d patterns, expected the package's thirty or more", n)
	}
}

// noImports imports nothing.
type noImports struct{}

func (noImports) Import(path string) (*types.Package, error) {
	return nil, errors.New("not imported")
}
