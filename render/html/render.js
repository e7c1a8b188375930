// Renders every .tex element of the page with the embedded KaTeX, in
// strict mode: a formula that fails is set again without throwing, so
// that it shows its TeX in red, is marked .tex-error with KaTeX's message
// as its title, and the status box at the top says how many failed.
// Then it records on <body> what a test reads from the DOM: the number
// of formulas, of errors, of fonts loaded and failed, and the page's
// size.
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
      var el = nodes[i], src = el.textContent;
      var opts = { displayMode: el.classList.contains("display"), throwOnError: true, strict: "error" };
      try {
        katex.render(src, el, opts);
      } catch (err) {
        // Without throwing, KaTeX sets the faulty part in red but does
        // not always say so (an unknown command is just red text): the
        // first, throwing render is what counts the error.
        errors++;
        opts.throwOnError = false;
        el.textContent = src;
        katex.render(src, el, opts);
        el.classList.add("tex-error");
        el.title = String(err && err.message ? err.message : err);
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
    body.setAttribute("data-client-width", String(document.documentElement.clientWidth));
    body.setAttribute("data-scroll-width", String(document.documentElement.scrollWidth));
    body.setAttribute("data-scroll-height", String(document.documentElement.scrollHeight));
    body.setAttribute("data-rendered", "yes");
  }
  document.fonts.ready.then(measure, measure);
})();
