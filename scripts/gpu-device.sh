#!/bin/bash
# The device side of scripts/gpu-pack.sh: unpacks what .gpu carries into /tmp/g, puts the binaries where the tests
# look for them, then runs the named steps, each under its own limit, logging to $OUT/log.txt (docs/server.md).
#   bash scripts/gpu-device.sh STEP...
# Steps: check (the small networks, CPU against CUDA) all (every network) big (the microcircuits) sanitize
# (compute-sanitizer memcheck) nodetests (test/server on the GPU) benches (Vogels-Abbott, Brunel through gRPC)
# grpc (the microcircuit through gRPC) compare (tsnn-run-baseline against tsnn-run) ncu (kernel durations).
set -u
export PYTHONUNBUFFERED=1
G=/tmp/g
OUT=${OUT:-/tmp/out}
mkdir -p $G $OUT
exec > >(tee -a $OUT/log.txt) 2>&1
echo "== $(date -u +%FT%TZ) $(hostname) steps: $*"
if [ ! -x $G/node ]; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem --format=csv
  nproc; free -g | head -2; cat /etc/os-release | head -2; ldd --version | head -1
  tar -C $G -xJf .gpu/payload.tar.xz && tar -C $G -xJf .gpu/lib.tar.xz || exit 3
  (xz -dc .gpu/node.xz > $G/node 2>/dev/null || python3 -c "import lzma,shutil,sys; shutil.copyfileobj(lzma.open('.gpu/node.xz'), open('$G/node','wb'))") && chmod +x $G/node || exit 3
fi
mkdir -p build/native/gpu-server build/native-cuda/gpu-server wasm .gpu/b
cp $G/tsnn-server-cpu build/native/gpu-server/tsnn-server; cp $G/tsnn-run-cpu build/native/gpu-server/tsnn-run
cp $G/tsnn-server-cuda build/native-cuda/gpu-server/tsnn-server; cp $G/tsnn-run build/native-cuda/gpu-server/tsnn-run
cp $G/b/*.mjs .gpu/b/; rm -rf wasm/dist; cp -r $G/wasm/dist wasm/dist
export LD_LIBRARY_PATH=$G/lib TSNN_WASM_DIR=$PWD/wasm/dist
CHECK="python3 scripts/gpu-check.py $G --runner $G/tsnn-run"
SERVER="--backend server --server-binary build/native-cuda/gpu-server/tsnn-server"
$G/node --version
for step in "$@"; do
  echo "== step $step at $(date -u +%T)"
  case $step in
    check) timeout 240 $CHECK --only models,features,cuba,coba,brunel --timeout 60 --bisect $OUT --out $OUT/check.jsonl ;;
    sanitize) for n in models features brunel; do timeout 90 compute-sanitizer --tool memcheck --error-exitcode 9 $G/tsnn-run $G/$n.bin --engine cuda --steps 300 | tail -c 1500; echo "sanitizer $n: exit ${PIPESTATUS[0]}"; done ;;
    nodetests) for t in cuda-engine tsnn-run; do timeout 180 $G/node .gpu/b/$t.test.mjs; echo "node test $t: exit $?"; done ;;
    all) timeout 400 $CHECK --timeout 140 --bisect $OUT --out $OUT/all.jsonl ;;
    benches) for b in "vogels_abbott.mjs CUBA" "vogels_abbott.mjs COBA" "brunel.mjs"; do for e in cuda cpu; do timeout 100 $G/node .gpu/b/$b --threads 16 $SERVER --engine $e | grep -v RESULT | tail -4; done; done ;;
    big) timeout 300 $CHECK --only mc05,mc10 --timeout 140 --out $OUT/big.jsonl ;;
    grpc) for e in cuda cpu; do timeout 120 $G/node .gpu/b/microcircuit.mjs $SERVER --engine $e --threads 16 | tail -4; done
          timeout 150 $G/node .gpu/b/microcircuit.mjs $SERVER --engine cuda --neuron-scale 1 --connectivity-scale 1 | tail -4 ;;
    compare) for v in tsnn-run-baseline tsnn-run tsnn-run-baseline tsnn-run; do [ -x $G/$v ] || continue; for n in cuba coba brunel mc05 mc10; do echo -n "$v $n "; timeout 60 $G/$v $G/$n.bin --engine cuda | python3 -c "import json,sys; t=sys.stdin.read().strip(); r=json.loads(t) if t.startswith('{') else None; print(*(r and [r['seconds_per_biological_second'], r['spikes'], r['recorded_digest']] or ['failed']))"; done; done ;;
    ncu) for n in mc05; do timeout 120 ncu --kernel-name regex:"updateKernel|deliverKernel" --launch-skip 3000 --launch-count 6 --metrics gpu__time_duration.sum $G/tsnn-run $G/$n.bin --engine cuda --steps 1100 2>&1 | grep -E "updateKernel|deliverKernel|duration" ; done ;;
    *) echo "unknown step $step" ;;
  esac
done
echo "== done $(date -u +%T)"
