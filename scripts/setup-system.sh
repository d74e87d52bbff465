#!/usr/bin/env bash
# Checks that the system tools the build needs are present. When some are missing and we are root on Debian,
# installs their packages with apt-get (one `apt-get update`, then one `apt-get install -y`); otherwise prints
# what to install and exits 1. Prints nothing but one line and exits 0 at once when everything is present.
#
#   tool                       Debian package           needed for
#   emcc, em++                 emscripten               the WebAssembly build of core/ (wasm/)
#   cmake                      cmake                    the native build (build/native)
#   g++                        g++                      the native build
#   protoc                     protobuf-compiler        C++ classes from proto/ (tsnn_proto)
#   grpc_cpp_plugin            protobuf-compiler-grpc   gRPC C++ stubs from proto/
#   gRPC C++ headers + cmake   libgrpc++-dev            linking tsnn_proto, the round-trip tool and the server
#   protobuf C++ headers       libprotobuf-dev          the same
#   chromium                   chromium                 the browser test (playwright-core drives it)
#   numpy for /usr/bin/python3 python3-numpy            tests that load our .npz/.npy output with numpy
#   openssl                    openssl                  the TLS test makes a self-signed certificate
set -euo pipefail

missing_tools=()
missing_packages=()

need() {   # need <description> <debian package> <check command...>
  local what=$1 package=$2
  shift 2
  if ! "$@" >/dev/null 2>&1; then
    missing_tools+=("$what")
    case " ${missing_packages[*]-} " in *" $package "*) ;; *) missing_packages+=("$package") ;; esac
  fi
}

has_file() { [ -e "$1" ]; }
has_glob() { compgen -G "$1" >/dev/null; }

check_all() {
  missing_tools=()
  missing_packages=()
  need "emcc" emscripten command -v emcc
  need "em++" emscripten command -v em++
  need "cmake" cmake command -v cmake
  need "g++" g++ command -v g++
  need "protoc" protobuf-compiler command -v protoc
  need "grpc_cpp_plugin" protobuf-compiler-grpc command -v grpc_cpp_plugin
  need "gRPC C++ headers (grpcpp/grpcpp.h)" libgrpc++-dev has_file /usr/include/grpcpp/grpcpp.h
  need "gRPC CMake package (gRPCConfig.cmake)" libgrpc++-dev has_glob "/usr/lib/*/cmake/grpc/gRPCConfig.cmake"
  need "protobuf C++ headers (google/protobuf/message.h)" libprotobuf-dev has_file /usr/include/google/protobuf/message.h
  need "chromium" chromium command -v chromium
  need "numpy for /usr/bin/python3" python3-numpy /usr/bin/python3 -c "import numpy"
  need "openssl" openssl command -v openssl
}

check_all
if [ ${#missing_tools[@]} -eq 0 ]; then
  echo "setup-system: all system tools present"
  exit 0
fi

echo "setup-system: missing: ${missing_tools[*]}"
is_debian=false
if [ -r /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then is_debian=true; fi

if [ "$(id -u)" -eq 0 ] && $is_debian; then
  echo "setup-system: apt-get update"
  apt-get update
  echo "setup-system: apt-get install -y ${missing_packages[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing_packages[@]}"
  check_all
  if [ ${#missing_tools[@]} -ne 0 ]; then
    echo "setup-system: still missing after installing: ${missing_tools[*]}" >&2
    exit 1
  fi
  echo "setup-system: all system tools present"
  exit 0
fi

{
  echo "setup-system: cannot install them here (this needs root on Debian or Ubuntu)."
  echo "Install these packages, then run the command again:"
  echo "  apt-get install -y ${missing_packages[*]}"
  echo "(all needed: emscripten cmake g++ libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler chromium python3-numpy openssl)"
} >&2
exit 1
