#!/usr/bin/env bash
# Install Chromium, the browser the browser tests drive (tests/browser/), where this machine
# lets us (root with apt-get; Debian's package). Elsewhere say how; those tests then skip.
found() { command -v chromium >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromium ] \
    || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1; }
found && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium (for the browser tests) ..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
        >/tmp/install-chromium.log 2>&1 && exit 0
    cat /tmp/install-chromium.log >&2
fi
echo "warning: Chromium is not installed; the browser tests will be skipped." >&2
echo "Install it as root: apt-get install chromium (or set COURSE_CHROMIUM to a Chrome binary)." >&2
exit 0
