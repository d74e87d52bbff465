#!/usr/bin/env bash
# Builds tsnn-server on an NVIDIA Jetson (docs/jetson.md). Run from anywhere inside the repository:
#
#   scripts/jetson-build.sh [--install-deps] [--grpc-prefix DIR] [--build-dir DIR] [--jobs N] [--no-cuda]
#                           [--dry-run] [--force]
#
#   --install-deps   apt-get the build dependencies first (JetPack 6 / Ubuntu 22.04; needs sudo)
#   --grpc-prefix    where a gRPC + protobuf built from source is installed (JetPack 4.6 / Nano: see docs/jetson.md)
#   --build-dir      build tree (default build/jetson)
#   --jobs           parallel compilers (default: CPUs, at most 2 when less than 6 GB of memory)
#   --no-cuda        the CPU engine only, even where nvcc exists
#   --dry-run        print what would run, run nothing
#   --force          build even when this is not a Jetson (for checking the script on a PC)
#
# Builds tsnn-server and tsnn-run with the CUDA engine when JetPack's nvcc is there ($CUDACXX, else
# /usr/local/cuda/bin/nvcc) and the board is known (sm_87 Orin, sm_72 Xavier, sm_62 TX2, sm_53 Nano/TX1, from the
# device-tree model; TSNN_JETSON_MODEL overrides it), with the CPU engine only otherwise (and says why).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/build/jetson"
grpc_prefix=""
install_deps=0
dry_run=0
force=0
jobs=""
no_cuda=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --install-deps) install_deps=1 ;;
    --grpc-prefix) grpc_prefix="${2:?--grpc-prefix needs a directory}"; shift ;;
    --build-dir) build_dir="${2:?--build-dir needs a directory}"; shift ;;
    --jobs) jobs="${2:?--jobs needs a number}"; shift ;;
    --no-cuda) no_cuda=1 ;;
    --dry-run) dry_run=1 ;;
    --force) force=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "jetson-build.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

run() {
  echo "+ $*"
  if [[ $dry_run -eq 0 ]]; then "$@"; fi
}

# Which Jetson: /etc/nv_tegra_release says "# R36 (release), REVISION: 3.0, ..." on JetPack 6.
l4t_major=""
if [[ -r /etc/nv_tegra_release ]]; then
  l4t_major="$(sed -n 's/^# R\([0-9]*\) .*/\1/p' /etc/nv_tegra_release)"
fi
model="${TSNN_JETSON_MODEL:-$( { tr -d '\0' < /proc/device-tree/model; } 2>/dev/null || true)}"
case "$l4t_major" in
  36|35) echo "L4T R$l4t_major (JetPack 6 / 5): ${model:-Jetson}" ;;
  32) echo "L4T R32 (JetPack 4.x): ${model:-Jetson}. Ubuntu 18.04 lacks a usable gRPC and CMake >= 3.18: see docs/jetson.md" ;;
  "")
    if [[ $force -eq 0 ]]; then
      echo "jetson-build.sh: this is not a Jetson (/etc/nv_tegra_release is missing); use --force to build anyway" >&2
      exit 2
    fi
    echo "not a Jetson; building anyway (--force)" ;;
  *) echo "L4T R$l4t_major: not a release this script knows; trying the JetPack 6 path" ;;
esac

# Compute capability for the CUDA engine, from the model string.
cuda_arch=""
case "$model" in
  *Orin*) cuda_arch=87 ;;
  *Xavier*) cuda_arch=72 ;;
  *Nano*|*TX1*) cuda_arch=53 ;;
  *TX2*) cuda_arch=62 ;;
esac
[[ -n "$cuda_arch" ]] && echo "GPU: sm_$cuda_arch"

if [[ $install_deps -eq 1 ]]; then
  if [[ "$l4t_major" == "32" ]]; then
    echo "jetson-build.sh: --install-deps covers Ubuntu 20.04/22.04 only; on JetPack 4.x build gRPC from source (docs/jetson.md)" >&2
    exit 2
  fi
  run sudo apt-get update
  run sudo apt-get install -y build-essential cmake pkg-config libssl-dev \
    libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
fi

for tool in cmake g++; do
  command -v "$tool" >/dev/null || { echo "jetson-build.sh: $tool is missing (try --install-deps)" >&2; exit 1; }
done
cmake_version="$(cmake --version | sed -n 's/^cmake version \([0-9]*\.[0-9]*\).*/\1/p')"
if [[ "$(printf '%s\n3.19\n' "$cmake_version" | sort -V | head -1)" != "3.19" ]]; then
  echo "jetson-build.sh: CMake $cmake_version is too old (3.19 or newer; 'pip3 install cmake' gives a current one)" >&2
  exit 1
fi

if [[ -z "$jobs" ]]; then
  jobs="$(nproc)"
  mem_kb="$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
  # gRPC's generated code takes about 1 GB per compiler: a 4 GB Nano swaps itself to a standstill with -j4.
  if [[ -n "$mem_kb" && "$mem_kb" -lt 6000000 && "$jobs" -gt 2 ]]; then jobs=2; fi
fi

configure=(cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DTSNN_BUILD_TESTS=OFF)
[[ -n "$grpc_prefix" ]] && configure+=("-DCMAKE_PREFIX_PATH=$grpc_prefix")
# The CUDA engine: JetPack's nvcc and the board's architecture only (a build for other GPUs is wasted time here).
nvcc="${CUDACXX:-/usr/local/cuda/bin/nvcc}"
if [[ $no_cuda -eq 1 ]]; then
  echo "CUDA engine: not built (--no-cuda)"
elif [[ ! -x "$nvcc" ]]; then
  echo "CUDA engine: not built ($nvcc is missing; JetPack's CUDA toolkit installs it)"
elif [[ -z "$cuda_arch" ]]; then
  echo "CUDA engine: not built (unknown board '${model:-none}'; set TSNN_JETSON_MODEL, e.g. 'Jetson AGX Orin')"
else
  echo "CUDA engine: $nvcc for sm_$cuda_arch"
  configure+=(-DTSNN_WITH_CUDA=ON "-DCMAKE_CUDA_COMPILER=$nvcc" "-DTSNN_CUDA_ARCHITECTURES=$cuda_arch")
  # CUDA 10.2 (JetPack 4.6) accepts g++ up to 8 as its host compiler (docs/jetson.md).
  if [[ "$l4t_major" == "32" ]] && command -v g++-8 >/dev/null; then configure+=(-DCMAKE_CUDA_HOST_COMPILER=g++-8); fi
fi
run "${configure[@]}"
run cmake --build "$build_dir" --target tsnn-server tsnn-run -j "$jobs"
if [[ $dry_run -eq 0 ]]; then echo "built: $build_dir/gpu-server/tsnn-server (start it with scripts/jetson-start.sh)"; fi
