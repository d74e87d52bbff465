#!/bin/bash
# Packs into .gpu/ what one call on a borrowed GPU machine needs (docs/server.md, "GPU commands"). That machine
# has nvcc, Python and compute-sanitizer but neither Node nor the gRPC libraries, reaches no package registry,
# and takes at most 64 MiB of working tree: so the binaries built here, their shared libraries, this machine's
# node binary, the tests and benchmarks bundled into single files and the benchmark networks travel compressed
# (about 33 MB). scripts/gpu-device.sh unpacks them there.
#   scripts/gpu-pack.sh [--baseline TSNN_RUN]     (--baseline: another tsnn-run build, for the 'compare' step)
# Needs build/native and build/native-cuda (node scripts/build.mjs --only=native,cuda) and wasm/dist.
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=""
if [ "${1:-}" = "--baseline" ]; then baseline="$2"; fi
for f in build/native/gpu-server/tsnn-run build/native/gpu-server/tsnn-server build/native-cuda/gpu-server/tsnn-run \
         build/native-cuda/gpu-server/tsnn-server wasm/dist/tsnn-core.mjs; do
  [ -e "$f" ] || { echo "gpu-pack: $f is missing: run node scripts/build.mjs --only=native,cuda,wasm" >&2; exit 2; }
done
mkdir -p .git/info .gpu
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo /.gpu/ >> .git/info/exclude
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp build/native-cuda/gpu-server/tsnn-run "$stage/tsnn-run"
cp build/native/gpu-server/tsnn-run "$stage/tsnn-run-cpu"
cp build/native-cuda/gpu-server/tsnn-server "$stage/tsnn-server-cuda"
cp build/native/gpu-server/tsnn-server "$stage/tsnn-server-cpu"
[ -n "$baseline" ] && cp "$baseline" "$stage/tsnn-run-baseline"
mkdir -p "$stage/wasm" "$stage/b" "$stage/lib"
cp -r wasm/dist "$stage/wasm/"
echo "gpu-pack: the benchmark networks (--export-network)"
npx tsx bench/vogels_abbott.ts CUBA --threads 16 --export-network "$stage/cuba.bin" >/dev/null
npx tsx bench/vogels_abbott.ts COBA --threads 16 --export-network "$stage/coba.bin" >/dev/null
npx tsx bench/brunel.ts --threads 16 --export-network "$stage/brunel.bin" >/dev/null
npx tsx bench/device_models.ts --export-network "$stage/models.bin" >/dev/null
npx tsx bench/device_features.ts --export-network "$stage/features.bin" >/dev/null
npx tsx bench/microcircuit.ts --threads 16 --duration 1 --export-network "$stage/mc05.bin" >/dev/null
npx tsx bench/microcircuit.ts --threads 16 --duration 1 --neuron-scale 1 --connectivity-scale 1 --export-network "$stage/mc10.bin" >/dev/null
echo "gpu-pack: tests and benchmarks bundled (esbuild)"
for f in test/server/cuda-engine.test.ts test/server/tsnn-run.test.ts bench/microcircuit.ts bench/vogels_abbott.ts bench/brunel.ts; do
  # The bundles sit two folders below the repository (.gpu/b), as the sources do, so their paths to build/ hold.
  npx esbuild "$f" --bundle --platform=node --format=esm --target=node20 --log-level=warning \
    --outfile="$stage/b/$(basename "$f" .ts).mjs" \
    --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
done
tar -C "$stage" -cJf .gpu/payload.tar.xz $(cd "$stage" && ls | grep -v '^lib$')
echo "gpu-pack: the servers' shared libraries"
for b in build/native-cuda/gpu-server/tsnn-server build/native/gpu-server/tsnn-server; do ldd "$b" | awk '{print $3}' | grep / ; done |
  sort -u | grep -v -E 'lib(c|m|stdc\+\+|gcc_s|pthread|dl|rt)\.so|ld-linux' | xargs -I{} cp -L {} "$stage/lib/"
tar -C "$stage" -cJf .gpu/lib.tar.xz lib
node_binary=$(command -v node)
if [ ! -e .gpu/node.xz ] || [ "$node_binary" -nt .gpu/node.xz ]; then
  echo "gpu-pack: $node_binary ($(node --version)), compressed"
  xz -T0 -6 -c "$node_binary" > .gpu/node.xz
fi
du -ch .gpu/*.xz | tail -1
