package render

import (
	"bytes"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Render reaches the renderer of each listed format with the options.
func TestRenderDispatch(t *testing.T) {
	direct := map[string]func(*bytes.Buffer, *derive.Derivation, Options) error{
		"text":     func(b *bytes.Buffer, d *derive.Derivation, o Options) error { return Text(b, d, o) },
		"latex":    func(b *bytes.Buffer, d *derive.Derivation, o Options) error { return LaTeX(b, d, o) },
		"markdown": func(b *bytes.Buffer, d *derive.Derivation, o Options) error { return Markdown(b, d, o) },
		"html":     func(b *bytes.Buffer, d *derive.Derivation, o Options) error { return HTML(b, d, o) },
		"json":     func(b *bytes.Buffer, d *derive.Derivation, o Options) error { return JSON(b, d, o) },
	}
	for _, lang := range CodeFormats {
		direct[lang] = func(b *bytes.Buffer, d *derive.Derivation, o Options) error {
			return Code(b, lang, []*derive.Derivation{d}, o)
		}
	}
	require.Len(t, Formats, len(direct))
	opt := Options{Fine: true, Standalone: true}
	for _, f := range Formats {
		var got, want bytes.Buffer
		require.NoError(t, Render(&got, f, kl(), opt), f)
		require.NoError(t, direct[f](&want, kl(), opt), f)
		assert.Equal(t, want.String(), got.String(), f)
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	var b bytes.Buffer
	err := Render(&b, "pdf", kl(), Options{})
	require.EqualError(t, err, `unknown format "pdf" (valid formats: text, latex, markdown, html, json, numpy, torch, go)`)
	assert.Empty(t, b.String())
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, assert.AnError }

// A write error reaches the caller from every renderer.
func TestRenderWriteError(t *testing.T) {
	for _, f := range Formats {
		assert.ErrorIs(t, Render(failWriter{}, f, kl(), Options{}), assert.AnError, f)
	}
}
