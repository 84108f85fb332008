// Progressive enhancement: tell the feedback form which seksjon the reader was looking at
// (the last seksjon they clicked in, or the #anchor they came to). The server validates it.
(function () {
  let sist = "";
  function seksjon() {
    if (sist) return sist;
    const hash = decodeURIComponent(location.hash.slice(1));
    const mal = hash && document.getElementById(hash);
    return mal && mal.matches("section.seksjon[id]") ? hash : "";
  }
  document.addEventListener("click", function (e) {
    const s = e.target.closest && e.target.closest("section.seksjon[id]");
    if (s) sist = s.id;
  });
  document.addEventListener("htmx:configRequest", function (e) {
    if (e.detail.elt.matches("[data-tilbakemelding-lenke]") && seksjon()) {
      e.detail.parameters.seksjon = seksjon();
    }
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    const felt = e.detail.target.querySelector("#tb-tekst");
    if (felt && e.detail.target.id === "tilbakemelding") felt.focus();
  });
})();
