#!/usr/bin/env bash
# Installs what the browser and HTML-checker tests of `openaccess publish` need, from
# Debian and npm only: Chromium (driven by Playwright with executable_path, never
# `playwright install`), a Java runtime and the Nu HTML Checker (npm package vnu-jar);
# and the site generators whose real builds are the link ground truth
# (tests/test_link_truth.py): Debian's hugo and jekyll (MkDocs comes from PyPI).
# Idempotent: anything already installed is left as it is.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v hugo >/dev/null 2>&1 || need+=(hugo)
command -v jekyll >/dev/null 2>&1 || need+=(jekyll)
# The Jekyll test site uses jekyll-redirect-from (redirect_from in front matter).
dpkg -s ruby-jekyll-redirect-from >/dev/null 2>&1 || need+=(ruby-jekyll-redirect-from)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${need[@]}"
fi

# --ignore-scripts: vnu-jar's postinstall would fetch a Java runtime; Debian's is used.
if [ ! -f "$(npm root -g)/vnu-jar/build/dist/vnu.jar" ]; then
  npm install -g --ignore-scripts --no-audit --no-fund vnu-jar
fi

/usr/bin/chromium --version
java -version 2>&1 | head -n 1
echo "vnu.jar: $(npm root -g)/vnu-jar/build/dist/vnu.jar"
hugo version
jekyll --version
