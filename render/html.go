package render

import (
	"errors"
	"html"
	"io"
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// HTML writes d as one self-contained web page: a heading naming the goal,
// the givens, the derivation, the result line, the verdict and the rules
// used, with the problem's statements (opt.Context) in a closed details
// box. The math is TeX in the page, rendered when it loads by the KaTeX
// embedded in it (html_assets.go), so the page needs no network: a content
// security policy forbids it any.
func HTML(w io.Writer, d *derive.Derivation, opt Options) error {
	return htmlAll(w, []*derive.Derivation{d}, opt)
}

// The page's column and its math, in CSS pixels (html/page.css): the rows
// are broken to fit the column as LaTeX rows are to fit a page, so that
// the page reads at 800px without sideways scrolling.
const (
	htmlColumnPx = 46 * 16   // max-width 46em of a 16px font
	htmlMathPx   = 1.21 * 16 // KaTeX sets math at 1.21em
)

// htmlPolicy lets the page run and style only what it carries: no
// request leaves it, and fonts come only from its own data: URLs.
const htmlPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; font-src data:"

// htmlAll writes derivations as one page with a section each.
func htmlAll(w io.Writer, ds []*derive.Derivation, opt Options) error {
	css, err := katexCSS()
	if err != nil {
		return err
	}
	var assets [3]string
	for i, name := range []string{"katex/katex.min.js", "html/page.css", "html/render.js"} {
		fs := pageFiles
		if strings.HasPrefix(name, "katex/") {
			fs = katexFiles
		}
		if assets[i], err = embedded(fs, name); err != nil {
			return err
		}
	}
	js, pageCSS, renderJS := assets[0], assets[1], assets[2]
	if strings.Contains(strings.ToLower(js), "</script") {
		// It would end the inline script early.
		return errors.New("html: the embedded KaTeX script contains </script")
	}
	// The page width is the column's; --width does not apply.
	opt.WidthPt = htmlColumnPx

	titles := make([]string, len(ds))
	for i, d := range ds {
		titles[i] = goalWords(d) + " " + expr.Format(goal(d), expr.Unicode)
	}
	title := strings.Join(titles, "; ")
	if title == "" {
		title = "klderive"
	}

	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"" + htmlPolicy + "\">\n")
	b.WriteString("<meta name=\"generator\" content=\"klderive\">\n")
	b.WriteString("<title>" + html.EscapeString(title) + "</title>\n")
	b.WriteString("<style>\n" + css + "\n</style>\n<style>\n" + pageCSS + "</style>\n</head>\n<body>\n")
	b.WriteString("<p id=\"katex-status\" hidden></p>\n")
	b.WriteString("<noscript><p>The math on this page is TeX, which its script renders.</p></noscript>\n")
	for _, d := range ds {
		htmlSection(&b, d, opt)
	}
	if len(opt.Context) > 0 {
		b.WriteString("<details>\n<summary>The problem in klderive's input syntax</summary>\n<pre>" +
			html.EscapeString(strings.Join(opt.Context, "\n")) + "</pre>\n</details>\n")
	}
	b.WriteString("<script>\n" + js + "\n</script>\n<script>\n" + renderJS + "</script>\n</body>\n</html>\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// htmlSection is one derivation of the page.
func htmlSection(b *strings.Builder, d *derive.Derivation, opt Options) {
	b.WriteString("<section>\n<h1>" + html.EscapeString(goalWords(d)) + " " + texSpan(tex(goal(d), opt)) + "</h1>\n")
	if gs := givens(d, expr.LaTeX, opt.Notation); len(gs) > 0 {
		b.WriteString("<p>Given</p>\n<ul>\n")
		for _, g := range gs {
			b.WriteString("<li>" + texSpan(g) + "</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	math := func(e expr.Expr) string { return texSpan(tex(e, opt)) }
	if as := assumptions(d, math, html.EscapeString); len(as) > 0 {
		b.WriteString("<p>Assuming " + strings.Join(as, "; ") + ".</p>\n")
	}
	rows := latexRows(d, opt, htmlMathPx, false)
	b.WriteString(texDisplay(`\begin{aligned}` + "\n" + rows + "\n" + `\end{aligned}`))
	if d.Bound != "" {
		b.WriteString("<p>Stopped: " + html.EscapeString(d.Bound) + ".</p>\n")
	} else {
		eq, broken := resultRows(d, opt, htmlMathPx)
		if broken != "" {
			eq = `\begin{aligned}` + "\n" + broken + "\n" + `\end{aligned}`
		}
		b.WriteString("<p>Result:</p>\n" + texDisplay(eq))
	}
	v := verdict(d.Verification, "×", sciPlain, titleText, titleText)
	class := "verdict"
	if !strings.HasPrefix(v, "verified") {
		class += " failed"
	}
	b.WriteString("<p class=\"" + class + "\">" + html.EscapeString(strings.ToUpper(v[:1])+v[1:]) + ".</p>\n")
	if rules := rulesUsed(d); len(rules) > 0 {
		b.WriteString("<h2>Rules used</h2>\n<ul>\n")
		for _, r := range rules {
			b.WriteString("<li><code>" + html.EscapeString(r.name) + "</code>")
			if r.title != "" {
				b.WriteString(": " + htmlTitle(r.title, opt.Notation))
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</section>\n")
}

// texSpan is inline math, its TeX escaped as the element's text, which
// render.js reads back unescaped and hands to KaTeX.
func texSpan(tex string) string {
	return `<span class="tex">` + html.EscapeString(tex) + `</span>`
}

// texDisplay is display math, as texSpan.
func texDisplay(tex string) string {
	return `<div class="tex display">` + html.EscapeString(tex) + "</div>\n"
}

// htmlTitle is a rule's title as text, or, when it has math in it
// (tr(inv(S)*S) = k), as words whose math is math: a formula for each
// word, so that a long title wraps between its words as text does
// (KaTeX never breaks inside a \text).
func htmlTitle(title string, n expr.Notation) string {
	if t := titleLaTeX(title, n); t != escapeText(title) {
		words := textWords(t)
		for i, w := range words {
			words[i] = texSpan(`\text{` + w + `}`)
		}
		return strings.Join(words, " ")
	}
	return html.EscapeString(title)
}
