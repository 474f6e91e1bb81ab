#!/usr/bin/env bash
# Captures real kubectl's client-side outputs (stdout, stderr, exit code) for the command lines in
# scripts/oracle/{kubectl-cases,printer-pending,lab-pending}.txt into src/shell/kubectl/golden/{client,printer-pending,lab-pending}/NNN.json,
# then regenerates src/shell/kubectl/help-texts.ts from the captured --help texts.
# stdout is a 120-column pty (the lab's terminal), stderr a pipe. Needs a real kubectl v1.32 in /usr/bin (KUBECTL_DIR)
# and python3; see scripts/oracle/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
KUBECTL_DIR=${KUBECTL_DIR:-/usr/bin}
WORK=/tmp/oracle-files
HOME_DIR=/tmp/oracle-home
PTY=$(pwd)/scripts/oracle/run-pty.py
PYTHON=${PYTHON:-/usr/bin/python3}

[ -x "$KUBECTL_DIR/kubectl" ] || { echo "no kubectl in $KUBECTL_DIR" >&2; exit 1; }

# the input files the cases reference (relative paths resolve in $WORK; the lab test copies the same files)
rm -rf "$WORK" "$HOME_DIR"
mkdir -p "$WORK" "$HOME_DIR"
cp -r scripts/oracle/files/. "$WORK/"

capture() { # list-file out-dir
  local list=$1 out=$2 n=0
  rm -rf "$out"
  mkdir -p "$out"
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) continue ;; esac
    n=$((n + 1))
    local id
    id=$(printf '%03d' "$n")
    local so se rc
    so=$(mktemp) se=$(mktemp)
    set +e
    (cd "$WORK" && env -i HOME="$HOME_DIR" PATH="$KUBECTL_DIR:/bin" KUBECONFIG=/dev/null "$PYTHON" "$PTY" "$line" "$so" "$se") </dev/null
    rc=$?
    set -e
    if grep -q 'memcache.go\|connection to the server' "$se"; then
      echo "warning: $id needs a server: $line" >&2
    fi
    # the build suffix of this kubectl (v1.32.4-dispatcher) is not part of upstream's output
    sed -i 's/\(v1\.[0-9]*\.[0-9]*\)-dispatcher/\1/g' "$so" "$se"
    jq -n --arg command "$line" --rawfile stdout "$so" --rawfile stderr "$se" --argjson exitCode "$rc" \
      '{command: $command, stdout: $stdout, stderr: $stderr, exitCode: $exitCode}' >"$out/$id.json"
    rm -f "$so" "$se"
  done <"$list"
  echo "$list: $n cases -> $out"
}

capture scripts/oracle/kubectl-cases.txt src/shell/kubectl/golden/client
capture scripts/oracle/printer-pending.txt src/shell/kubectl/golden/printer-pending
capture scripts/oracle/lab-pending.txt src/shell/kubectl/golden/lab-pending
node scripts/oracle/gen-help-texts.mjs
