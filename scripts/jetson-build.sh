#!/usr/bin/env bash
# Builds tsnn-server on an NVIDIA Jetson (docs/jetson.md). Run from anywhere inside the repository:
#
#   scripts/jetson-build.sh [--install-deps] [--grpc-prefix DIR] [--build-dir DIR] [--jobs N] [--dry-run] [--force]
#
#   --install-deps   apt-get the build dependencies first (JetPack 6 / Ubuntu 22.04; needs sudo)
#   --grpc-prefix    where a gRPC + protobuf built from source is installed (JetPack 4.6 / Nano: see docs/jetson.md)
#   --build-dir      build tree (default build/jetson)
#   --jobs           parallel compilers (default: CPUs, at most 2 when less than 6 GB of memory)
#   --dry-run        print what would run, run nothing
#   --force          build even when this is not a Jetson (for checking the script on a PC)
#
# The server built here has the CPU engine; the CUDA engine will be built by the same script once it exists
# (sm_87 for Orin, sm_72 for Xavier, sm_53 for Nano are detected below and passed as CMAKE_CUDA_ARCHITECTURES).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/build/jetson"
grpc_prefix=""
install_deps=0
dry_run=0
force=0
jobs=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --install-deps) install_deps=1 ;;
    --grpc-prefix) grpc_prefix="${2:?--grpc-prefix needs a directory}"; shift ;;
    --build-dir) build_dir="${2:?--build-dir needs a directory}"; shift ;;
    --jobs) jobs="${2:?--jobs needs a number}"; shift ;;
    --dry-run) dry_run=1 ;;
    --force) force=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
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
model="$( { tr -d '\0' < /proc/device-tree/model; } 2>/dev/null || true)"
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
[[ -n "$cuda_arch" ]] && configure+=("-DCMAKE_CUDA_ARCHITECTURES=$cuda_arch")
run "${configure[@]}"
run cmake --build "$build_dir" --target tsnn-server -j "$jobs"
if [[ $dry_run -eq 0 ]]; then echo "built: $build_dir/gpu-server/tsnn-server (start it with scripts/jetson-start.sh)"; fi
