package org.pmm.cli;

import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.bench.SmallModelBenchmark;
import org.pmm.fit.BoundProgram;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.program.CheckedProgram;
import java.util.concurrent.Callable;
import org.pmm.bench.BenchResult;
import org.pmm.bench.MemoryBreakdown;
import org.pmm.bench.PythonFinder;
import org.pmm.bench.PytorchComparison;
import org.pmm.bench.PytorchReference;
import org.pmm.bench.PytorchReferenceException;
import org.pmm.bench.StepBenchmark;
import org.pmm.io.AtomicFiles;
import org.pmm.tensor.kernels.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pmm bench}: training-step timings against the GEMM bound and, with {@code
 * --compare-pytorch}, against the PyTorch reference of the same steps (docs/cli.md, bench;
 * docs/performance.md).
 *
 * <pre>{@code
 * ./pmm bench --config bench --steps 20 --compare-pytorch --out bench.json
 * }</pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time training steps of the paper's systems against their GEMM bound.")
final class BenchCommand implements Callable<Integer> {
  private static final List<String> PAPER_SYSTEMS = List.of("gmu", "pmmo", "mmo");
  /** The small models' rows: model file and data file (null for inline data). */
  private static final Map<String, String[]> SMALL_MODELS = Map.of(
      "coin", new String[] {"models/beta_bernoulli.pmm", null},
      "schools", new String[] {"models/eight_schools.pmm", "models/eight_schools.json"});

  @Option(names = "--out", paramLabel = "FILE.json", description = "write the results here")
  Path out;

  @Option(names = "--systems", split = ",", paramLabel = "gmu,pmmo",
      description = "systems to time (default: gmu,pmmo; also mmo, and the small models coin"
          + " and schools)")
  List<String> systems = List.of("gmu", "pmmo");

  @Option(names = "--config", paramLabel = "bench|paper|quick", description = "default: bench")
  String config = "bench";

  @Option(names = "--steps", paramLabel = "N",
      description = "timed steps per system (default 30; 2000 for the small models)")
  Integer steps;

  @Option(names = "--compare-pytorch",
      description = "also time bench/pytorch_reference.py, in rounds alternating with pmm's"
          + " (needs PyTorch: Debian's python3-torch; PMM_PYTHON names the interpreter)")
  boolean comparePytorch;

  @Override
  public Integer call() throws IOException {
    if (steps != null && steps < 1) {
      throw new UserError("--steps must be at least 1, got " + steps, ExitCodes.USAGE);
    }
    try {
      StepBenchmark.configuration(config);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), ExitCodes.USAGE);
    }
    for (String s : systems) {
      if (!PAPER_SYSTEMS.contains(s) && !SMALL_MODELS.containsKey(s)) {
        throw new UserError("unknown system '" + s + "' in --systems; known: gmu, pmmo, mmo,"
            + " coin, schools", ExitCodes.USAGE);
      }
      if (comparePytorch && SMALL_MODELS.containsKey(s)) {
        throw new UserError("--compare-pytorch has references for gmu, pmmo and mmo only, not '"
            + s + "'", ExitCodes.USAGE);
      }
    }
    if (out != null) {
      try {
        AtomicFiles.probe(out);
      } catch (IOException e) {
        throw new UserError("cannot write --out '" + out + "': " + IoErrors.describe(e));
      }
    }
    PytorchComparison comparison = comparePytorch ? pytorchComparison() : null;
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("backend", Backend.name());
    machine.put("device", Backend.device());
    machine.put("kernels", Backend.kernels());
    System.err.println("pmm bench: backend " + Backend.describe() + ", element-wise kernels "
        + Backend.kernels());
    if (systems.stream().anyMatch(PAPER_SYSTEMS::contains)) {
      System.err.println("pmm bench: measuring the GEMM rate...");
      machine.put("gemm_gflops", round(StepBenchmark.gemmGflops()));
    }
    List<BenchResult> results = new ArrayList<>();
    for (String s : systems) {
      if (SMALL_MODELS.containsKey(s)) {
        results.add(small(s));
        continue;
      }
      int steps = this.steps == null ? 30 : this.steps;
      System.err.printf("pmm bench: %s at the %s config, %d steps%s...%n", s, config, steps,
          comparePytorch ? ", alternating with PyTorch" : "");
      BenchResult r;
      try {
        r = comparePytorch ? comparison.run(s, config, steps) : StepBenchmark.run(s, config, steps);
      } catch (PytorchReferenceException e) {
        throw new UserError("--compare-pytorch: " + e.getMessage(), ExitCodes.BAD_INPUT, e);
      }
      System.err.printf("pmm bench: %s: %.3f s per step (min %.3f, max %.3f), GEMM bound %.3f s,"
          + " ratio %.2f%s; after %d warm-up steps (%.1f s)%n", s, r.stepSeconds(),
          r.stepSecondsMin(), r.stepSecondsMax(), r.gemmBoundSeconds(), r.ratioToGemmBound(),
          r.ratioToPytorch() == null ? "" : String.format(", %.2f x PyTorch's %.3f s",
              r.ratioToPytorch(), r.pytorchStepSeconds()),
          r.warmup().steps(), r.warmup().seconds());
      MemoryBreakdown m = r.memory();
      System.err.printf("pmm bench: %s: resident %d MB, %d above the %d MB before the system was"
          + " built: parameters %.1f, gradients %.1f, optimiser state %.1f, running statistics %.1f,"
          + " step working set %.1f, data %.1f, JVM heap growth %.1f, unaccounted %.1f MB;"
          + " growth %d MB since step %d; Java heap allocated %.1f MB per step%n", s,
          m.rssMb(), m.aboveBaselineMb(), m.baselineRssMb(), m.parametersMb(), m.gradientsMb(),
          m.optimiserStateMb(), m.runningStatisticsMb(), m.stepWorkingSetMb(), m.dataMb(),
          m.jvmHeapGrowthMb(), m.unaccountedMb(), m.rssGrowthMb(), m.rssGrowthFromStep(),
          m.heapAllocatedMbPerStep());
      results.add(r);
    }
    if (comparison != null && comparison.ready() != null) {
      machine.put("pytorch", pytorchInfo(comparison));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", machine);
    json.put("results", results);
    String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(json);
    if (out != null) {
      AtomicFiles.writeString(out, text + "\n");
      System.err.println("pmm bench: wrote " + out);
    } else {
      System.out.println(text);
    }
    return ExitCodes.OK;
  }

  /** One SVI step of a shipped small model, on its inline data or data file. */
  private BenchResult small(String system) {
    int n = steps == null ? 2000 : steps;
    String[] files = SMALL_MODELS.get(system);
    Path home = Path.of(System.getProperty("pmm.home", "."));
    Path model = home.resolve(files[0]);
    System.err.printf("pmm bench: %s (%s), %d steps...%n", system, files[0], n);
    CheckedProgram program;
    try {
      program = ProgramChecker.checkFile(model, files[0], Map.of());
    } catch (CheckFailed failed) {
      throw new UserError("the shipped " + files[0] + " does not check:\n" + failed.rendered());
    }
    BoundProgram bound = BoundProgram.of(program, files[1] == null ? null : home.resolve(files[1]), 0);
    BenchResult r = SmallModelBenchmark.run(system, bound::step, n);
    System.err.printf("pmm bench: %s: %.3f ms per step (min %.3f, max %.3f); after %d warm-up"
        + " steps (%.1f s)%n", system, r.stepSeconds() * 1e3, r.stepSecondsMin() * 1e3,
        r.stepSecondsMax() * 1e3, r.warmup().steps(), r.warmup().seconds());
    return r;
  }

  /** Finds the interpreter and the script before any timing, so that a missing one fails fast. */
  private PytorchComparison pytorchComparison() {
    try {
      List<String> python = List.of(PythonFinder.find(System.getenv()));
      Path script = PytorchReference.script(Path.of(System.getProperty("pmm.home", ".")));
      return new PytorchComparison(python, script,
          Runtime.getRuntime().availableProcessors(),
          message -> System.err.println("pmm bench: " + message));
    } catch (PytorchReferenceException e) {
      throw new UserError("--compare-pytorch: " + e.getMessage(), ExitCodes.BAD_INPUT, e);
    }
  }

  /** The machine entry of the reference: interpreter, torch version and threads. */
  private static Map<String, Object> pytorchInfo(PytorchComparison comparison) {
    Map<String, Object> torch = new LinkedHashMap<>();
    torch.put("python", String.join(" ", comparison.python()));
    torch.put("torch_version", comparison.ready().torchVersion());
    torch.put("threads", comparison.ready().threads());
    return torch;
  }

  private static double round(double x) {
    return Math.round(x * 10) / 10.0;
  }
}
