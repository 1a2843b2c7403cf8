#!/usr/bin/env bash
# pmm on an NVIDIA GPU, in one command: checks the GPU and its driver, builds pmm with the Maven
# profile cuda (ND4J's CUDA 11.6 backend; the first build downloads about 2.4 GB), checks that
# ./pmm really runs on the GPU, runs the engine's gradient checks on the CUDA backend, and times
# the paper configuration with `pmm bench --config paper`, writing its JSON.
#
#   bench/gpu-check.sh                          # writes gpu-bench.json
#   bench/gpu-check.sh --out k80.json --steps 30
#
# Needs: an NVIDIA GPU of compute capability 3.7 (K80) to 8.x (ND4J 1.0.0-M2.1's CUDA build has
# kernels for 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6, no PTX), its driver (450.80.02 or
# newer), Java 17 and Maven. Afterwards ./pmm keeps using the GPU build
# (target/classpath-cuda.txt); PMM_BACKEND=cpu ./pmm ... runs on the CPU again.
# NVIDIA_SMI names the nvidia-smi to ask (default: the one on the path).
set -euo pipefail

usage() {
  echo "usage: bench/gpu-check.sh [--out FILE.json] [--steps N]"
  echo "  --out FILE.json  where pmm bench writes its results (default: gpu-bench.json)"
  echo "  --steps N        timed steps per system (default: 20)"
}

# Shows another program's lines under ours, on standard error.
indent() {
  while IFS= read -r line; do
    echo "gpu-check:   $line" >&2
  done <<< "$1"
}

fail() {
  echo "gpu-check: FAILED: $*" >&2
  exit 1
}

out="gpu-bench.json"
steps=20
while [ $# -gt 0 ]; do
  case "$1" in
    --out|--steps)
      [ $# -ge 2 ] || { echo "gpu-check: $1 needs a value" >&2; usage >&2; exit 2; }
      if [ "$1" = --out ]; then out="$2"; else steps="$2"; fi
      shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "gpu-check: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
case "$steps" in
  ''|*[!0-9]*|0) echo "gpu-check: --steps needs a positive integer, got '$steps'" >&2; exit 2 ;;
esac

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
smi="${NVIDIA_SMI:-nvidia-smi}"

# 1. The GPU and its driver, before anything is downloaded or built.
echo "gpu-check: 1/5 looking for an NVIDIA GPU..." >&2
command -v "$smi" >/dev/null 2>&1 \
  || fail "no NVIDIA driver: '$smi' not found. This check needs a machine with an NVIDIA GPU and its driver."
if ! gpus="$("$smi" --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1)"; then
  fail "'$smi' could not talk to the driver: $gpus"
fi
[ -n "$gpus" ] || fail "'$smi' lists no GPU."
indent "$gpus"
driver="$(echo "$gpus" | head -n 1 | cut -d, -f2 | tr -d ' ')"
driver_major="${driver%%.*}"
case "$driver_major" in
  ''|*[!0-9]*) fail "cannot read the driver version from '$smi': '$driver'" ;;
esac
[ "$driver_major" -ge 450 ] \
  || fail "driver $driver is too old for CUDA 11.6 (needs 450.80.02 or newer)."
# Older drivers cannot report the compute capability; then the gradient checks will tell.
cap="$("$smi" --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -n 1 | tr -d ' ')" || cap=""
if [[ "$cap" =~ ^([0-9]+)\.([0-9]+)$ ]]; then
  major="${BASH_REMATCH[1]}"
  minor="${BASH_REMATCH[2]}"
  if [ "$major" -lt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -lt 7 ]; } || [ "$major" -ge 9 ]; then
    fail "compute capability $cap: ND4J's CUDA 11.6 build has kernels for 3.7 to 8.6 only."
  fi
fi

# 2. The CUDA build.
echo "gpu-check: 2/5 building with the cuda profile (the first time downloads about 2.4 GB)..." >&2
mvn -B -q -f "$home/pom.xml" -Pcuda -DskipTests package >&2 || fail "the -Pcuda build failed (see above)."

# 3. ./pmm must run on the GPU, not silently on the CPU.
echo "gpu-check: 3/5 checking the backend in use..." >&2
version="$(PMM_BACKEND=cuda "$home/pmm" --version 2>&1)" || fail "pmm --version failed: $version"
indent "$version"
echo "$version" | grep -q '^backend: CUDA (device ' \
  || fail "pmm does not run on the CUDA backend (see 'backend:' above)."

# 4. The engine's gradient checks (finite differences) and the backend report, on the GPU.
echo "gpu-check: 4/5 gradient checks on the GPU..." >&2
mvn -B -q -f "$home/pom.xml" -Pcuda test -Dtest='GradientCheckTest,GradCheckSelfTest,BackendTest' \
  -Dsurefire.failIfNoSpecifiedTests=false >&2 || fail "gradient checks failed on the CUDA backend."

# 5. The paper configuration's steps. Paper, one K80: 5.25 s per epoch (PM+MO), 1.10 s (GMU).
echo "gpu-check: 5/5 pmm bench --config paper --steps $steps..." >&2
PMM_BACKEND=cuda "$home/pmm" bench --config paper --steps "$steps" --out "$out" \
  || fail "pmm bench failed (see above)."
echo "gpu-check: done; results in $out (compare epoch_seconds with the paper's K80: 5.25 s PM+MO, 1.10 s GMU)" >&2
