package check

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on its first use. Most
// runs of klderive derive or evaluate and never read a hand derivation;
// compiling this package's patterns at start-up was a third of the
// process's package initialisation.
type lazyRegexp struct {
	src      string
	once     sync.Once
	compiled *regexp.Regexp
}

// re is the compiled pattern.
func (l *lazyRegexp) re() *regexp.Regexp {
	l.once.Do(func() { l.compiled = regexp.MustCompile(l.src) })
	return l.compiled
}

// lazy defers compiling src until the pattern is first used. It only
// builds the struct, so that the compiler lays a pattern declared with
// a constant source out at link time and start-up does nothing for it;
// TestPatternsCompile finds every call in the source and compiles it.
func lazy(src string) *lazyRegexp { return &lazyRegexp{src: src} }

func (l *lazyRegexp) MatchString(s string) bool { return l.re().MatchString(s) }

func (l *lazyRegexp) FindStringIndex(s string) []int { return l.re().FindStringIndex(s) }

func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.re().FindStringSubmatch(s) }

func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.re().FindStringSubmatchIndex(s)
}

func (l *lazyRegexp) FindAllIndex(b []byte, n int) [][]int { return l.re().FindAllIndex(b, n) }

func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return l.re().FindAllStringIndex(s, n)
}

func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.re().FindAllStringSubmatchIndex(s, n)
}

func (l *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.re().FindAllStringSubmatch(s, n)
}

func (l *lazyRegexp) FindIndex(b []byte) []int { return l.re().FindIndex(b) }

func (l *lazyRegexp) Match(b []byte) bool { return l.re().Match(b) }
