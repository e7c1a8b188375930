package render

import (
	"embed"
	"encoding/base64"
	"fmt"
	"regexp"
	"sync"
)

// The pinned KaTeX (tools/katex) that every HTML page carries inline, so
// that a page renders its math offline: render/katex holds its minified
// script and stylesheet, its woff2 fonts and its licence, copied from
// node_modules by tools/katex/vendor.sh.
//
//go:generate sh ../tools/katex/vendor.sh
//go:embed katex/katex.min.js katex/katex.min.css katex/fonts/*.woff2 katex/LICENSE
var katexFiles embed.FS

// The page's own stylesheet and the script that renders its math.
//
//go:embed html/page.css html/render.js
var pageFiles embed.FS

var (
	katexCSSOnce sync.Once
	katexCSSText string
	katexCSSErr  error
)

// katexCSS is KaTeX's stylesheet with each font as a data: URL of its
// woff2 file, so the page needs no file beside it.
func katexCSS() (string, error) {
	katexCSSOnce.Do(func() {
		// The src of one of KaTeX's @font-face rules: the woff2 file,
		// then the woff and ttf fallbacks, which are not embedded.
		// Compiled here, as only an HTML page needs it.
		fontFaceSrc := regexp.MustCompile(`src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)(?:,url\(fonts/[A-Za-z0-9_-]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\))*`)
		css, err := katexFiles.ReadFile("katex/katex.min.css")
		if err != nil {
			katexCSSErr = err
			return
		}
		katexCSSText = fontFaceSrc.ReplaceAllStringFunc(string(css), func(src string) string {
			name := fontFaceSrc.FindStringSubmatch(src)[1]
			font, err := katexFiles.ReadFile("katex/fonts/" + name + ".woff2")
			if err != nil {
				katexCSSErr = fmt.Errorf("html: KaTeX's stylesheet names a font that is not embedded: %w", err)
				return src
			}
			return `src:url(data:font/woff2;base64,` + base64.StdEncoding.EncodeToString(font) + `) format("woff2")`
		})
	})
	return katexCSSText, katexCSSErr
}

// embedded reads one of the files embedded above; they are part of the
// binary, so a failure is a build mistake, reported rather than panicking.
func embedded(fs embed.FS, name string) (string, error) {
	b, err := fs.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("html: %w", err)
	}
	return string(b), nil
}
