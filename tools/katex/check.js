#!/usr/bin/env node
// check.js reads a JSON array of LaTeX strings on stdin, renders each with
// the pinned KaTeX, and prints one JSON array of results to stdout:
//
//   [{"ok": true}, {"ok": false, "error": "KaTeX parse error: ..."}]
//
// A string that fails to render is a result, not a failure of this script:
// it exits 0 whenever it could read the input and write the results, and
// non-zero only when it could not (bad input, KaTeX not installed).
// internal/texcheck runs it; install with `npm ci --prefix tools/katex`.
"use strict";

const katex = require("katex");

// The strictest settings: an error must not be rendered as red text, and
// anything KaTeX only tolerates (a LaTeX incompatibility) counts as an error,
// because the same output is also compiled by pdflatex.
const options = { displayMode: true, throwOnError: true, strict: "error" };

function check(src) {
  try {
    katex.renderToString(src, options);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: String(err && err.message ? err.message : err) };
  }
}

function main(input) {
  const exprs = JSON.parse(input);
  if (!Array.isArray(exprs) || !exprs.every((s) => typeof s === "string")) {
    throw new Error("input must be a JSON array of strings");
  }
  process.stdout.write(JSON.stringify(exprs.map(check)) + "\n");
}

const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", () => {
  try {
    main(Buffer.concat(chunks).toString("utf8"));
  } catch (err) {
    process.stderr.write("check.js: " + err.message + "\n");
    process.exitCode = 2;
  }
});
