// Progressive enhancement for print: a «Skriv ut» button in the print view, and every
// collapsed <details> opened while printing (and closed again afterwards).
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-utskrift-knapp]").forEach(function (knapp) {
      knapp.hidden = false;
      knapp.addEventListener("click", function () { window.print(); });
    });
  });
  var lukket = [];
  window.addEventListener("beforeprint", function () {
    lukket = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      return !d.closest(".ikke-utskrift, .kontekst");
    });
    lukket.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    lukket.forEach(function (d) { d.open = false; });
    lukket = [];
  });
})();
