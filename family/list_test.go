package family

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every family declared in a file of this package is in the list that
// builds them, with its own numeric side: the list is the one place a
// new family must be added besides its file.
func TestFamiliesListed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	decl := regexp.MustCompile(`(?m)^var ([A-Za-z]+) = once\.Value\[\*Family\]`)
	declared := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllStringSubmatch(string(src), -1) {
			declared[m[1]] = true
		}
	}
	listed := map[string]bool{}
	for _, f := range families {
		fam := f.family.Get()
		if fam.Family != f.numeric.Get() {
			t.Errorf("%s: listed with the numeric side of %s", fam.Name, f.numeric.Get().Name)
		}
		if listed[fam.Name] {
			t.Errorf("%s is listed twice", fam.Name)
		}
		listed[fam.Name] = true
	}
	for name := range declared {
		if !listed[name] {
			t.Errorf("the family %s is declared but not in the list families", name)
		}
	}
	if len(listed) != len(declared) {
		t.Errorf("%d families listed, %d declared", len(listed), len(declared))
	}
}
