#!/usr/bin/env bash
# Runs every test suite (typecheck, unit + golden + CLI via Vitest, Playwright in Debian's Chromium, the
# kernel suite: the lab's network exported to real namespaces) and ends with one line: "N passed, N failed"
# summing all suites. Exit status 1 if anything failed.
set -u
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/*.json

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's Chromium, never a test tool's own browser download.
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium from Debian's packages"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

tc_pass=0; tc_fail=0
echo "== typecheck (tsc -b)"
if npx tsc -b; then tc_pass=1; else tc_fail=1; fi

echo "== build (vite build)"
build_ok=1
npx vite build --logLevel warn || build_ok=0

echo "== unit, golden and CLI tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json

echo "== browser tests (playwright, /usr/bin/chromium)"
if [ "$build_ok" = 1 ]; then
  PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json
else
  echo "build failed: browser tests not run"
fi

echo "== kernel suite (the lab's network in real Linux namespaces; skipped scenarios say why)"
# as root when we are or sudo works without a password; otherwise it runs unprivileged and reports skips
if [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null; then
  sudo -n env "PATH=$PATH" npx tsx scripts/verify-kernel/run.ts
else
  npx tsx scripts/verify-kernel/run.ts
fi

node scripts/summary.mjs "$tc_pass" "$tc_fail" "$build_ok"
