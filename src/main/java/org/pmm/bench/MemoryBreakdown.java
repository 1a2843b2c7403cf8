package org.pmm.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.infer.TrainingState;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.optim.Optimizer;
import org.pmm.optim.ParameterState;
import org.pmm.tensor.BatchNormStats;
import org.pmm.tensor.Memory;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * Where a benchmarked system's resident memory goes (issue: memory "resident size minus the
 * JVM/ND4J baseline, with a breakdown"). Parameters, their kept gradient buffers, the
 * optimisers' moments and the batch-norm layers' running statistics persist across steps; the
 * step's working set is what one step's operations produce (freed when it ends); data is the
 * batch. The parts are counted from the system's live arrays;
 * {@code jvm_heap_growth_mb} is how much the JVM's committed heap grew; {@code unaccounted_mb}
 * is what resident memory holds beyond all of these (mostly freed native buffers the allocator
 * keeps for reuse, and the JIT's code). {@code rss_growth_mb} tells whether memory is
 * flat: resident size after the last timed step minus after step {@code rss_growth_from_step}
 * (the first step of the second epoch when the run is that long, else the first timed step).
 * {@code heap_allocated_mb_per_step} is the Java heap a timed step allocates (garbage the
 * collector must clear; pmm keeps tensors off-heap, so a large value points at a kernel whose
 * SIMD code was not compiled and boxes its vectors, or at per-call scratch arrays).
 *
 * <pre>{@code
 * MemoryBreakdown m = MemoryBreakdown.of(system, batch, baselineMb, rssAfterEachStep, firstStep,
 *     stepsPerEpoch, baselineHeapBytes, heapAllocatedBytes);
 * m.aboveBaselineMb();   // resident size minus the baseline before the system was built
 * }</pre>
 */
public record MemoryBreakdown(
    @JsonProperty("baseline_rss_mb") long baselineRssMb,
    @JsonProperty("rss_mb") long rssMb,
    @JsonProperty("above_baseline_mb") long aboveBaselineMb,
    @JsonProperty("parameters_mb") double parametersMb,
    @JsonProperty("gradients_mb") double gradientsMb,
    @JsonProperty("optimiser_state_mb") double optimiserStateMb,
    @JsonProperty("running_statistics_mb") double runningStatisticsMb,
    @JsonProperty("step_working_set_mb") double stepWorkingSetMb,
    @JsonProperty("data_mb") double dataMb,
    @JsonProperty("jvm_heap_growth_mb") double jvmHeapGrowthMb,
    @JsonProperty("unaccounted_mb") double unaccountedMb,
    @JsonProperty("rss_growth_mb") long rssGrowthMb,
    @JsonProperty("rss_growth_from_step") long rssGrowthFromStep,
    @JsonProperty("heap_allocated_mb_per_step") double heapAllocatedMbPerStep) {

  private static final double MB = 1024.0 * 1024.0;

  /**
   * Counts a system's arrays after its timed steps.
   *
   * @param rssMb resident size after each timed step, in MB
   * @param firstTimedStep the global step number of {@code rssMb[0]}
   * @param stepsPerEpoch steps of one epoch, to measure growth from the second epoch on
   * @param baselineHeapBytes the JVM's committed heap when {@code baselineRssMb} was measured
   * @param heapAllocatedBytes Java heap the live threads allocated during the timed steps
   */
  static MemoryBreakdown of(TrainableSystem system, Batch batch, long baselineRssMb,
      long[] rssMb, long firstTimedStep, long stepsPerEpoch, long baselineHeapBytes,
      long heapAllocatedBytes) {
    long parameters = 0;
    long gradients = 0;
    for (Tensor p : system.store().parameters().values()) {
      parameters += bytes(p.value());
      gradients += p.gradientBufferBytes();
    }
    TrainingState state = system.state();
    long optimiser = 0;
    for (Optimizer o : state.optimizers().values()) {
      for (ParameterState s : o.states().values()) {
        for (INDArray b : s.buffers()) {
          optimiser += bytes(b);
        }
      }
    }
    long statistics = 0;
    for (TrainingState.BatchNormSlot slot : state.batchNorms().values()) {
      BatchNormStats stats = slot.stats();
      if (stats != null) {
        statistics += bytes(stats.runningMean()) + bytes(stats.runningVar());
      }
    }
    long data = bytes(batch.text()) + bytes(batch.image()) + bytes(batch.labels());
    long step = StepScope.lastStepBytes();
    long last = rssMb[rssMb.length - 1];
    long above = last - baselineRssMb;
    long secondEpoch = stepsPerEpoch - firstTimedStep;
    int from = secondEpoch > 0 && secondEpoch < rssMb.length ? (int) secondEpoch : 0;
    long heap = Runtime.getRuntime().totalMemory() - baselineHeapBytes;
    double counted = (parameters + gradients + optimiser + statistics + step + data + heap) / MB;
    return new MemoryBreakdown(baselineRssMb, last, above, round(parameters / MB),
        round(gradients / MB), round(optimiser / MB), round(statistics / MB), round(step / MB),
        round(data / MB), round(heap / MB),
        round(above - counted), last - rssMb[from], firstTimedStep + from,
        round(heapAllocatedBytes / MB / rssMb.length));
  }

  private static long bytes(INDArray a) {
    return a == null ? 0 : Memory.bytes(a);
  }

  private static double round(double mb) {
    return Math.round(mb * 10) / 10.0;
  }
}
