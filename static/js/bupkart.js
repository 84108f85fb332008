// Progressive enhancement only: every page works without this file.
// A link to a seksjon (#bup-henvisning) inside a closed <details> opens it first. Designsystemet
// animates the opening (height over .4 s), so scroll once more when the animation has ended.
const OPNINGSTID_MS = 450;

function openTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  let opened = false;
  for (let el = target.parentElement; el; el = el.parentElement) {
    if (el.tagName === "DETAILS" && !el.open) {
      el.open = true;
      opened = true;
    }
  }
  target.scrollIntoView({ behavior: "instant", block: "start" });
  if (opened) {
    setTimeout(() => target.scrollIntoView({ behavior: "instant", block: "start" }), OPNINGSTID_MS);
  }
}
window.addEventListener("hashchange", openTarget);
document.addEventListener("DOMContentLoaded", openTarget);

// The header's search button (a <details>, which opens without this file) puts the cursor in
// the field it shows. The toggle event does not bubble, so it is caught on its way down.
document.addEventListener(
  "toggle",
  (event) => {
    const sok = event.target;
    if (sok instanceof HTMLDetailsElement && sok.classList.contains("topp__sok") && sok.open) {
      sok.querySelector("input[type=search]")?.focus();
    }
  },
  true,
);
