#!/usr/bin/env bash
# Starts tsnn-server on a Jetson for clients on the local network (docs/jetson.md): listens on all interfaces,
# always with a token, with TLS when a certificate is given.
#
#   scripts/jetson-start.sh [--port N] [--token-file FILE] [--tls-cert FILE --tls-key FILE] [-- more server flags]
#
# The token is read from --token-file (default ~/.config/tsnn/token), created with 48 random hex digits the first
# time; clients pass it to setup({ server: 'jetson.local:PORT', token }).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=50051
token_file="${HOME}/.config/tsnn/token"
tls=()
binary="${TSNN_SERVER:-$root/build/jetson/gpu-server/tsnn-server}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift ;;
    --token-file) token_file="${2:?--token-file needs a path}"; shift ;;
    --tls-cert) tls+=(--tls-cert "${2:?--tls-cert needs a file}"); shift ;;
    --tls-key) tls+=(--tls-key "${2:?--tls-key needs a file}"); shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "jetson-start.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

[[ -x "$binary" ]] || { echo "jetson-start.sh: $binary is missing: run scripts/jetson-build.sh first (or set TSNN_SERVER)" >&2; exit 1; }
if [[ ! -s "$token_file" ]]; then
  mkdir -p "$(dirname "$token_file")"
  (umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$token_file")
  echo "new token written to $token_file"
fi
[[ ${#tls[@]} -eq 0 ]] && echo "note: plain text; the token crosses the network in clear (add --tls-cert/--tls-key)"
exec "$binary" --listen "0.0.0.0:$port" --token "$(cat "$token_file")" "${tls[@]}" "$@"
