package org.pmm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pmm.bench.BenchResult;
import org.pmm.bench.StepBenchmark;
import org.pmm.io.AtomicFiles;
import org.pmm.tensor.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pmm bench}: training-step timings against the GEMM bound (SPEC §7). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time training steps of the paper's systems against their GEMM bound.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "FILE.json", description = "write the results here")
  Path out;

  @Option(names = "--systems", split = ",", paramLabel = "gmu,pmmo",
      description = "systems to time (default: gmu,pmmo)")
  List<String> systems = List.of("gmu", "pmmo");

  @Option(names = "--config", paramLabel = "bench|paper", description = "default: bench")
  String config = "bench";

  @Option(names = "--steps", paramLabel = "N", description = "timed steps per system (default 30)")
  int steps = 30;

  @Option(names = "--compare-pytorch",
      description = "also time bench/pytorch_reference.py (needs python3-torch)")
  boolean comparePytorch;

  @Override
  public Integer call() throws IOException {
    if (steps < 1) {
      throw new UserError("--steps must be at least 1, got " + steps, ExitCodes.USAGE);
    }
    try {
      StepBenchmark.configuration(config);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), ExitCodes.USAGE);
    }
    for (String s : systems) {
      if (!List.of("gmu", "pmmo", "mmo").contains(s)) {
        throw new UserError("unknown system '" + s + "' in --systems; known: gmu, pmmo, mmo",
            ExitCodes.USAGE);
      }
    }
    if (comparePytorch) {
      throw new UserError("--compare-pytorch: the PyTorch reference is not available in this"
          + " version (bench/pytorch_reference.py is missing)");
    }
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("backend", Backend.name());
    System.err.println("pmm bench: measuring the GEMM rate...");
    machine.put("gemm_gflops", round(StepBenchmark.gemmGflops()));
    List<BenchResult> results = new ArrayList<>();
    for (String s : systems) {
      System.err.printf("pmm bench: %s at the %s config, %d steps...%n", s, config, steps);
      BenchResult r = StepBenchmark.run(s, config, steps);
      System.err.printf("pmm bench: %s: %.3f s per step (min %.3f, max %.3f), GEMM bound %.3f s,"
          + " ratio %.2f%n", s, r.stepSeconds(), r.stepSecondsMin(), r.stepSecondsMax(),
          r.gemmBoundSeconds(), r.ratioToGemmBound());
      results.add(r);
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

  private static double round(double x) {
    return Math.round(x * 10) / 10.0;
  }
}
