#!/usr/bin/env bash
# Install Debian's Chromium for the browser test (tests/test_serve_browser.py) when it is missing.
# Playwright drives this browser through executable_path; it never downloads one of its own.
# Where it cannot be installed (no apt-get, no rights), that one test module is skipped, with its
# reason in pytest's summary; the rest of the suite runs.
set -uo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: no apt-get here; the browser test will be skipped" \
         "(install Chromium at /usr/bin/chromium to run it)" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "ensure-chromium: installing Debian's chromium package" >&2
if $SUDO apt-get update -qq && \
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; then
    /usr/bin/chromium --version >&2
else
    echo "ensure-chromium: could not install chromium; the browser test will be skipped" >&2
fi
exit 0
