// Command treegen writes rules/trees_gen.go: the trees of every rule's
// one-liner, in the tables of package rules and package family, as Go
// values, so that start-up does not parse them. Run it with
// go generate ./rules; its test fails when the file is not current.
package main

import (
	"fmt"
	"os"

	"github.com/klderive/klderive/family"
	"github.com/klderive/klderive/rules"
)

// allSources lists the one-liners of every rule. The tables are built on
// first use, so it builds them all first.
func allSources() []rules.Source {
	family.AllRules()
	return rules.Sources()
}

func main() {
	src, err := generate(allSources())
	if err == nil {
		// go generate runs this in the directory of rules/tree.go.
		if _, statErr := os.Stat("tree.go"); statErr != nil {
			err = fmt.Errorf("run me with go generate ./rules")
		} else {
			err = os.WriteFile("trees_gen.go", src, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "treegen:", err)
		os.Exit(1)
	}
}
