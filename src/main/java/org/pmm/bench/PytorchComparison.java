package org.pmm.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One row of {@code pmm bench --compare-pytorch}: pmm's steps of a system and the PyTorch
 * reference's steps of the same system, timed in alternating rounds ({@link Alternation}); the
 * row gets the reference's median step and pmm's ratio to it.
 *
 * <pre>{@code
 * PytorchComparison c = new PytorchComparison(List.of("python3"), script, 2, System.err::println);
 * BenchResult row = c.run("pmmo", "bench", 20);
 * }</pre>
 */
public final class PytorchComparison {
  private final List<String> python;
  private final Path script;
  private final int threads;
  private final Consumer<String> progress;
  private ReferenceReplies.Ready ready;

  public PytorchComparison(List<String> python, Path script, int threads,
      Consumer<String> progress) {
    this.python = List.copyOf(python);
    this.script = script;
    this.threads = threads;
    this.progress = progress;
  }

  /** Builds both sides, then times {@code steps} steps of each in alternating rounds. */
  public BenchResult run(String system, String config, int steps) {
    progress.accept(system + ": building pmm's system and warming up...");
    StepBenchmark.Session pmm = StepBenchmark.prepare(system, config);
    progress.accept(system + ": starting the PyTorch reference (" + String.join(" ", python)
        + ")...");
    try (PytorchReference torch = PytorchReference.start(python, script, system, config,
        threads)) {
      ready = torch.ready();
      int rounds = Math.min(Alternation.ROUNDS, steps);
      Alternation.Times t = Alternation.run(pmm, torch, steps, rounds,
          round -> progress.accept(system + ": round " + round + " of " + rounds + " done"));
      BenchResult row = pmm.result(t.first()).withPytorch(Stats.median(t.second()));
      progress.accept(String.format("%s: PyTorch %.3f s per step (min %.3f, max %.3f)", system,
          row.pytorchStepSeconds(), Stats.min(t.second()), Stats.max(t.second())));
      return row;
    }
  }

  /** The interpreter command the reference runs with. */
  public List<String> python() {
    return python;
  }

  /** What the last reference started reported (torch version, threads); null before a run. */
  public ReferenceReplies.Ready ready() {
    return ready;
  }
}
