package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var texElement = regexp.MustCompile(`<(span|div) class="tex( display)?">([^<]*)</(span|div)>`)

// The page has the title, givens, derivation, result, verdict and rules,
// each formula as the escaped text of a .tex element, and carries
// everything it needs: no URL but data: URLs.
func TestHTMLPage(t *testing.T) {
	var b bytes.Buffer
	opt := Options{Context: []string{"p(x) = Normal(x; m, s^2)", "derive KL(p || q) # <b>&</b>"}}
	require.NoError(t, HTML(&b, small(), opt))
	page := b.String()

	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\"en\">\n"))
	assert.Contains(t, page, "<title>KL divergence KL(p ‖ q)</title>")
	assert.Contains(t, page, `content="`+htmlPolicy+`"`)
	assert.Contains(t, page, "<p class=\"verdict\">Verified: 8 points × 3 steps, result agrees with direct integration; largest relative error 2.0e-16.</p>")
	assert.Contains(t, page, "<li><code>linearity</code>: linearity of E_p &amp; sums</li>")
	assert.Contains(t, page, "<pre>p(x) = Normal(x; m, s^2)\nderive KL(p || q) # &lt;b&gt;&amp;&lt;/b&gt;</pre>")
	assert.Contains(t, page, `<p id="katex-status" hidden></p>`)

	var tex []string
	for _, m := range texElement.FindAllStringSubmatch(page, -1) {
		tex = append(tex, m[3])
	}
	// The goal, two givens, the derivation and the result line.
	require.Len(t, tex, 5)
	assert.Equal(t, `D_{\mathrm{KL}}(p \,\|\, q)`, tex[0])
	assert.Equal(t, `p(x) = \mathcal{N}(x;\, m, s^{2})`, tex[1])
	assert.True(t, strings.HasPrefix(tex[3], `\begin{aligned}`+"\n"+`D_{\mathrm{KL}}(p \,\|\, q) &amp;= `), tex[3])
	assert.Contains(t, tex[3], `\text{linearity of E\_p \&amp; sums}`)
	assert.Equal(t, `D_{\mathrm{KL}}(p \,\|\, q) = \mathbb{E}_{x \sim p}[\log p(x)] - \mathbb{E}_{x \sim p}[\log q(x)]`, tex[4])

	// Every font is inline; nothing is fetched.
	assert.NotContains(t, page, "url(fonts/")
	for _, u := range regexp.MustCompile(`url\(([^)]{0,40})`).FindAllStringSubmatch(page, -1) {
		assert.True(t, strings.HasPrefix(u[1], "data:font/woff2;base64,"), "a URL that is not a data: URL: %s", u[1])
	}
	assert.Equal(t, strings.Count(page, "@font-face"), strings.Count(page, "url(data:font/woff2;base64,"))
	// Nor does a tag of the page's own (outside the embedded script
	// and styles) name a source.
	own := regexp.MustCompile(`(?s)<(script|style)>.*?</(script|style)>`).ReplaceAllString(page, "")
	assert.NotRegexp(t, `(?i)\b(src|href)=`, own)
}

// Every user-provided name and text is escaped: a density or variable
// name reaches the page only through the escaped TeX, and a bound's
// message and a step's title as escaped text.
func TestHTMLEscapes(t *testing.T) {
	d := small()
	d.Bound = `step limit <script>alert("x")</script> & more`
	d.Steps[2].Title = `a <title> & "quotes"`
	d.Givens = append(d.Givens, &expr.Rel{Op: "<", L: expr.MustParse("a"), R: expr.MustParse("b")})
	var b bytes.Buffer
	require.NoError(t, HTML(&b, d, Options{}))
	page := b.String()
	assert.Contains(t, page, "<p>Stopped: step limit &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more.</p>")
	assert.Contains(t, page, "<li><code>linearity</code>: a &lt;title&gt; &amp; &#34;quotes&#34;</li>")
	assert.Contains(t, page, `<span class="tex">a &lt; b</span>`)
	// Outside the embedded script and styles, every < opens one of the
	// page's own tags.
	body := page[strings.Index(page, "<body>"):strings.Index(page, "<script>\n")]
	for _, m := range regexp.MustCompile(`<[^/a-z!]`).FindAllString(body, -1) {
		t.Errorf("unescaped < in the page body: %q", m)
	}
	for _, tag := range regexp.MustCompile(`</?([a-z0-9]+)`).FindAllStringSubmatch(body, -1) {
		assert.Contains(t, []string{"body", "p", "noscript", "section", "h1", "h2", "span", "ul", "li", "div", "code", "details", "summary", "pre"}, tag[1])
	}
}

// Several goals are one page with a section each.
func TestHTMLSeveralGoals(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, All(&b, "html", []Outcome{{D: small()}, {D: kl()}}, Options{}))
	page := b.String()
	assert.Equal(t, 1, strings.Count(page, "<!DOCTYPE html>"))
	assert.Equal(t, 2, strings.Count(page, "<section>"))
	assert.Contains(t, page, "<title>KL divergence KL(p ‖ q); KL divergence KL(p ‖ q)</title>")
}
