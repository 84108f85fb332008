// Progressive enhancement for the referral checklist: the summary follows the ticks at once,
// and the address keeps them (so a reload or a shared link shows the same). Nothing leaves the
// browser. Without this file, the GET form does the same on submit. The print button is
// utskrift.js's (data-utskrift-knapp); data-skriv-ut only styles it.
(function () {
  function init() {
    const skjema = document.querySelector("[data-sjekkliste]");
    const opps = document.querySelector("[data-oppsummering]");
    if (!skjema || !opps) return;
    const mangler = opps.querySelector("[data-mangler]");
    const paPlass = opps.querySelector("[data-pa-plass]");
    const status = opps.querySelector("[data-status]");
    const tekster = document.querySelector("[data-tekster]").content;
    const boksar = Array.from(skjema.querySelectorAll('input[type="checkbox"][name="p"]'));

    function punkt(boks) {
      const li = document.createElement("li");
      li.dataset.nokkel = boks.value;
      li.innerHTML = skjema.querySelector('label[for="' + boks.id + '"]').innerHTML;
      return li;
    }
    function tom(liste, nokkel) {
      const li = document.createElement("li");
      li.className = "tom";
      li.textContent = tekster.querySelector(nokkel).textContent;
      liste.appendChild(li);
    }
    function oppdater() {
      mangler.replaceChildren();
      paPlass.replaceChildren();
      let antall = 0;
      boksar.forEach(function (b) {
        (b.checked ? paPlass : mangler).appendChild(punkt(b));
        if (!b.checked) antall += 1;
      });
      if (!mangler.children.length) tom(mangler, "[data-tom-mangler]");
      if (!paPlass.children.length) tom(paPlass, "[data-tom-pa-plass]");
      status.textContent = tekster.querySelector("[data-status-mal]").textContent
        .replace("%(mangler)s", antall).replace("%(totalt)s", boksar.length);
      const url = new URL(location.href);
      url.searchParams.delete("p");
      url.searchParams.set("vis", "1");
      boksar.filter(function (b) { return b.checked; }).forEach(function (b) { url.searchParams.append("p", b.value); });
      history.replaceState(null, "", url);
    }
    boksar.forEach(function (b) { b.addEventListener("change", oppdater); });
  }
  document.addEventListener("DOMContentLoaded", init);
})();
