package org.pmm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import org.pmm.io.AtomicFiles;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.render.ModelGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pmm render MODEL.pmm [--out FILE.dot|.svg|.png]}: the model's sample sites, parameters,
 * data and plates with their dependencies, as Graphviz DOT on standard output or in a file; SVG
 * and PNG through Graphviz's {@code dot} when it is installed.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Draw a .pmm program's models: sample sites (observed ones filled), parameters"
        + " (boxes), data, plates and what depends on what, as Graphviz DOT, or SVG/PNG with"
        + " Graphviz's dot.")
final class RenderCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.pmm", description = "the model file")
  Path model;

  @Option(names = "--out", paramLabel = "FILE",
      description = "FILE.dot, FILE.svg or FILE.png (default: DOT on standard output)")
  Path out;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "override a hyperparameter (repeatable)")
  List<String> sets = List.of();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String format = out == null ? "dot" : extension(out);
    if (!List.of("dot", "svg", "png").contains(format)) {
      throw new UserError("--out '" + out + "': write .dot, .svg or .png", ExitCodes.USAGE);
    }
    CheckedProgram program = ModelFiles.check(model, RunOptions.overrides(sets), spec);
    if (program == null) {
      return ExitCodes.BAD_INPUT;
    }
    String dot = ModelGraph.dot(program);
    if (out == null) {
      System.out.print(dot);
    } else if (format.equals("dot")) {
      AtomicFiles.writeString(out, dot);
    } else {
      AtomicFiles.write(out, tmp -> Files.write(tmp, graphviz(dot, format)));
    }
    return ExitCodes.OK;
  }

  private static String extension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
  }

  /** The graph drawn by Graphviz's {@code dot}, or a clear error where it is not installed. */
  private static byte[] graphviz(String dot, String format) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder("dot", "-T" + format).start();
    } catch (IOException e) {
      throw new UserError("writing ." + format + " needs Graphviz's 'dot' (Debian: apt-get install"
          + " graphviz); --out FILE.dot writes the graph without it");
    }
    try (var in = p.getOutputStream()) {
      in.write(dot.getBytes(StandardCharsets.UTF_8));
    }
    byte[] image = p.getInputStream().readAllBytes();
    String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new UserError("Graphviz's dot failed: " + errors.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while Graphviz's dot ran", ExitCodes.INTERRUPTED);
    }
    return image;
  }
}
