// Renders every .tex element of the page with the embedded KaTeX, in
// strict mode and without throwing: a formula that fails shows its TeX in
// red (KaTeX's .katex-error), and the status box at the top says how many
// failed. Then it records on <body> what a test reads from the DOM: the
// number of formulas, of errors, of fonts loaded and failed, and the
// page's width.
(function () {
  "use strict";
  var body = document.body;
  var status = document.getElementById("katex-status");
  function report(msg) {
    status.textContent = msg;
    status.hidden = false;
  }
  var nodes = document.querySelectorAll(".tex");
  var errors = 0;
  try {
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      katex.render(el.textContent, el, {
        displayMode: el.classList.contains("display"),
        throwOnError: false,
        strict: "error",
      });
      if (el.querySelector(".katex-error")) {
        errors++;
      }
    }
  } catch (err) {
    errors = nodes.length;
    report("The math could not be rendered: " + err);
  }
  if (errors > 0 && status.hidden) {
    report(errors + " of " + nodes.length + " formulas could not be rendered; their TeX is shown in red.");
  }
  body.setAttribute("data-formulas", String(nodes.length));
  body.setAttribute("data-katex-errors", String(errors));
  function measure() {
    var loaded = 0, failed = 0;
    document.fonts.forEach(function (f) {
      if (f.status === "loaded") loaded++;
      if (f.status === "error") failed++;
    });
    body.setAttribute("data-fonts-loaded", String(loaded));
    body.setAttribute("data-fonts-failed", String(failed));
    body.setAttribute("data-scroll-width", String(document.documentElement.scrollWidth));
    body.setAttribute("data-scroll-height", String(document.documentElement.scrollHeight));
    body.setAttribute("data-rendered", "yes");
  }
  document.fonts.ready.then(measure, measure);
})();
