# Sourced by the launcher (./pmm). Prints the OpenBLAS kernels pmm asks for on this processor,
# or nothing when OpenBLAS's own choice stands.
#
# OpenBLAS 0.3.19 (ND4J 1.0.0-M2.1's) does not recognise the AMD Zen 5 processors of our machines
# and runs its AVX2 kernels there: SGEMM of 512 x 4096 by 4096 x 1024 on two Zen 5 cores took
# 27.5 ms (156 GFLOP/s) with the detected kernels and 16.5 ms (260 GFLOP/s) with SKYLAKEX's
# (docs/performance.md, launcher and environment). SKYLAKEX's kernels need these AVX-512
# subsets; they are the AVX-512 SGEMM kernels OpenBLAS 0.3.19 uses on Intel's AVX-512
# processors too.
#
#   pmm_openblas_coretype /proc/cpuinfo    # prints SKYLAKEX on an AVX-512 machine
pmm_openblas_coretype() {
  local cpuinfo="$1" flags f
  [ -r "$cpuinfo" ] || return 0
  flags="$(grep -m1 '^flags' "$cpuinfo" || true)"
  for f in avx512f avx512cd avx512bw avx512dq avx512vl; do
    case " $flags " in *" $f "*) ;; *) return 0 ;; esac
  done
  echo SKYLAKEX
}
