#!/bin/sh
# vendor.sh copies the files of the pinned KaTeX that klderive's HTML pages
# embed (render/html_assets.go) from tools/katex/node_modules into
# render/katex: the minified script and stylesheet, the woff2 fonts (every
# browser that runs the script reads woff2, so the woff and ttf copies
# would only add weight) and KaTeX's licence. Run it through go generate:
#
#	npm ci --prefix tools/katex
#	go generate ./render
#
# and commit render/katex. A test in render compares the copies with
# node_modules when it is installed.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tools/katex/node_modules/katex
dst=$root/render/katex
if [ ! -f "$src/dist/katex.min.js" ]; then
	echo "vendor.sh: KaTeX is not installed; run npm ci --prefix tools/katex" >&2
	exit 1
fi
rm -rf "$dst"
mkdir -p "$dst/fonts"
cp "$src/dist/katex.min.js" "$src/dist/katex.min.css" "$dst/"
cp "$src/LICENSE" "$dst/LICENSE"
cp "$src/dist/fonts/"*.woff2 "$dst/fonts/"
