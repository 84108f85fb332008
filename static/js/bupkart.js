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
