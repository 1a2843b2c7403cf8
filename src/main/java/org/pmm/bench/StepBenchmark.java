package org.pmm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.experiment.systems.PaperModels;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.tensor.GemmLog;
import org.pmm.tensor.OpProfile;

/**
 * Times training steps of a paper system, compiled from its shipped {@code models/<system>.pmm}
 * at a configuration: a step is forward, backward and the optimiser updates on a fixed random
 * batch of 512 rows (300 + 4096 inputs, 23 outputs); docs/cli.md describes the rows.
 * The GEMMs of one step are recorded and timed again in isolation for the GEMM bound.
 *
 * <pre>{@code
 * BenchResult r = StepBenchmark.run("pmmo", "bench", 30);
 *
 * StepBenchmark.Session s = StepBenchmark.prepare("gmu", "bench");   // in rounds
 * double[] first = s.time(5), second = s.time(5);
 * }</pre>
 */
public final class StepBenchmark {
  private static final int BATCH = 512;
  private static final int TRAIN_ROWS = 15552;

  private StepBenchmark() {}

  /** The hyperparameters of a named configuration: "bench" or "paper". */
  public static Map<String, String> configuration(String config) {
    return switch (config) {
      case "bench" -> Map.of("hidden", "1024", "classifier_width", "512", "maxout_pieces", "2");
      case "paper" -> Map.of();
      case "quick" -> Map.of("hidden", "256", "classifier_width", "256", "maxout_pieces", "2");
      default -> throw new IllegalArgumentException("unknown bench config '" + config
          + "'; known: bench, paper, quick");
    };
  }

  /** Builds, warms up and times {@code steps} steps of a system at a configuration. */
  public static BenchResult run(String system, String config, int steps) {
    Session s = prepare(system, config);
    return s.result(s.time(steps));
  }

  /**
   * A system built at a configuration on the bench batch, warmed up, with one step's GEMMs
   * recorded; its steps can then be timed in several rounds (alternating with another
   * program's, for {@code --compare-pytorch}).
   */
  public static Session prepare(String system, String config) {
    return new Session(system, config);
  }

  /** See {@link #prepare}. */
  public static final class Session implements Stepper {
    private static final long PROGRESS_NANOS = 30_000_000_000L;
    private final String system;
    private final String config;
    private final TrainableSystem trainable;
    private final Batch batch = randomBatch();
    private final List<GemmLog.Gemm> gemms;
    private final long baselineRssMb;
    private final long baselineHeapBytes;
    private final long firstTimedStep;
    private final JitWarmup.Summary warmup;
    private final List<Long> rssAfterStepMb = new ArrayList<>();
    private long step;
    private long lastProgress = System.nanoTime();
    private long heapAllocatedBytes;

    private Session(String system, String config) {
      this.system = system;
      this.config = config;
      baselineRssMb = ProcessMemory.residentMb();
      baselineHeapBytes = Runtime.getRuntime().totalMemory();
      trainable = PaperModels.system(system, configuration(config), TRAIN_ROWS, 0);
      warmup = JitWarmup.run(() -> trainable.trainStep(batch, step++));
      GemmLog.start();
      trainable.trainStep(batch, step++);
      gemms = GemmLog.stop();
      firstTimedStep = step;
      OpProfile.reset();
    }

    /** Seconds of each of {@code steps} further training steps. */
    @Override
    public double[] time(int steps) {
      double[] times = new double[steps];
      long heapBefore = ProcessMemory.heapAllocatedBytes();
      for (int i = 0; i < steps; i++) {
        OpProfile.mark("(between steps)");
        long start = System.nanoTime();
        trainable.trainStep(batch, step++);
        long end = System.nanoTime();
        times[i] = (end - start) / 1e9;
        long rss = ProcessMemory.residentMb();
        rssAfterStepMb.add(rss);
        if (end - lastProgress > PROGRESS_NANOS) {
          lastProgress = end;
          System.err.printf("pmm bench: %s: %d steps timed, last %.3f s, resident %d MB%n",
              system, rssAfterStepMb.size(), times[i], rss);
        }
      }
      heapAllocatedBytes += ProcessMemory.heapAllocatedBytes() - heapBefore;
      return times;
    }

    /** The bench row for these step times; times the recorded GEMMs in isolation. */
    public BenchResult result(double[] times) {
      if (OpProfile.ENABLED) {
        System.err.printf("pmm bench: %s, where the timed steps' time went (-Dpmm.profile):%n%s",
            system, OpProfile.report(25));
      }
      double median = Stats.median(times);
      double flops = gemms.stream().mapToDouble(GemmLog.Gemm::flops).sum();
      double bound = GemmTimer.seconds(gemms, 5);
      long stepsPerEpoch = (TRAIN_ROWS + BATCH - 1) / BATCH;
      MemoryBreakdown memory = MemoryBreakdown.of(trainable, batch, baselineRssMb,
          rssAfterStepMb.stream().mapToLong(Long::longValue).toArray(), firstTimedStep,
          stepsPerEpoch, baselineHeapBytes, heapAllocatedBytes);
      return new BenchResult(system, config, median, Stats.min(times), Stats.max(times),
          times.length, flops / 1e9, bound, median / bound, median * stepsPerEpoch,
          ProcessMemory.peakMb(), memory, warmup, null, null);
    }
  }

  /** The GEMM rate of the machine, in GFLOP/s, on the bench config's largest product. */
  public static double gemmGflops() {
    GemmLog.Gemm g = new GemmLog.Gemm(BATCH, 4096, 1024, false, false);
    return g.flops() / GemmTimer.seconds(List.of(g, g, g), 5) * 3 / 1e9;
  }

  static Batch randomBatch() {
    Nd4j.getRandom().setSeed(1);
    INDArray text = Nd4j.randn(DataType.FLOAT, BATCH, 300);
    INDArray image = Transforms.relu(Nd4j.randn(DataType.FLOAT, BATCH, 4096), false);
    INDArray labels = Nd4j.rand(DataType.FLOAT, BATCH, 23).lt(0.1).castTo(DataType.FLOAT);
    int[] rows = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      rows[i] = i;
    }
    return new Batch(text, image, labels, rows);
  }
}
