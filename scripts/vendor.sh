#!/usr/bin/env bash
# Copies the front-end packages pinned in package-lock.json into static/vendor/, each with its
# licence, so that pages load nothing from a CDN. Run `make vendor` after changing a version.
set -euo pipefail
cd "$(dirname "$0")/.."
out=static/vendor
rm -rf "$out" && mkdir -p "$out"/{designsystemet,htmx}
ds=node_modules/@digdir
cp "$ds/designsystemet-css/dist/src/index.css" "$out/designsystemet/designsystemet.css"
cp "$ds/designsystemet-css/LICENSE" "$out/designsystemet/LICENSE-designsystemet-css"
cp "$ds/designsystemet-theme/brand/digdir.css" "$out/designsystemet/theme-digdir.css"
cp "$ds/designsystemet-theme/LICENSE" "$out/designsystemet/LICENSE-designsystemet-theme"
cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE "$out/htmx/"
node -e '
const lock = require("./package-lock.json").packages;
for (const [path, p] of Object.entries(lock)) if (path) console.log(path.replace("node_modules/", "") + " " + p.version + " " + (p.license || ""));
' > "$out/VERSIONS"
echo "vendored into $out:"; cat "$out/VERSIONS"
