package org.pmm.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of {@code pmm bench}'s JSON (docs/cli.md), seconds and GFLOP as measured. The PyTorch
 * fields are absent (null) unless {@code --compare-pytorch} timed the reference; the GEMM, epoch
 * and memory fields are absent for the small models' rows, which have no GEMM to speak of.
 *
 * <pre>{@code
 * BenchResult row = StepBenchmark.run("gmu", "bench", 20).withPytorch(0.29);
 * row.ratioToPytorch();     // pmm's median step over PyTorch's
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResult(
    String system,
    String config,
    @JsonProperty("step_seconds") double stepSeconds,
    @JsonProperty("step_seconds_min") double stepSecondsMin,
    @JsonProperty("step_seconds_max") double stepSecondsMax,
    int steps,
    @JsonProperty("gemm_gflop") Double gemmGflop,
    @JsonProperty("gemm_bound_seconds") Double gemmBoundSeconds,
    @JsonProperty("ratio_to_gemm_bound") Double ratioToGemmBound,
    @JsonProperty("epoch_seconds") Double epochSeconds,
    @JsonProperty("peak_rss_mb") long peakRssMb,
    MemoryBreakdown memory,
    JitWarmup.Summary warmup,
    @JsonProperty("pytorch_step_seconds") Double pytorchStepSeconds,
    @JsonProperty("ratio_to_pytorch") Double ratioToPytorch) {

  /** This row with the PyTorch reference's median step and pmm's median over it. */
  public BenchResult withPytorch(double pytorchSeconds) {
    return new BenchResult(system, config, stepSeconds, stepSecondsMin, stepSecondsMax, steps,
        gemmGflop, gemmBoundSeconds, ratioToGemmBound, epochSeconds, peakRssMb, memory,
        warmup, pytorchSeconds, stepSeconds / pytorchSeconds);
  }
}
