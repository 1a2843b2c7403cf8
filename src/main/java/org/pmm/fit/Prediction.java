package org.pmm.fit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import org.pmm.io.AtomicFiles;
import org.pmm.lang.compile.CompiledProgram;
import org.pmm.lang.compile.PosteriorDraws;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions;
import org.pmm.params.ParamStoreFile;

/**
 * {@code pmm predict MODEL.pmm --params RUN_DIR [--data FILE]}: the posterior predictive of a
 * trained program. Loads the parameters {@code pmm train} wrote, binds the data (the observed
 * entries may be left out: they are what is predicted; when given, only their sizes are used),
 * draws {@code samples} times from the guide and then from the model conditioned on the draw,
 * and writes {@code predictive.csv} ({@code site,mean,sd,q5,q50,q95}, one row per element of each
 * observed site), which it also prints.
 *
 * <pre>{@code
 * new Prediction(program, Path.of("runs/coin"), null, Path.of("runs/coin"), 1000, 0, System.err).run();
 * }</pre>
 */
public final class Prediction {
  private final CheckedProgram program;
  private final Path params;
  private final Path data;
  private final Path out;
  private final int samples;
  private final long seed;
  private final PrintStream progress;

  /**
   * @param params a directory {@code pmm train} wrote to (holding {@code params}), or the
   *     parameter file itself
   * @param data the data file, or null for the program's inline data
   * @param out where {@code predictive.csv} goes
   */
  public Prediction(CheckedProgram program, Path params, Path data, Path out, int samples,
      long seed, PrintStream progress) {
    if (samples < 2) {
      throw new UserError("--samples must be at least 2, got " + samples, ExitCodes.USAGE);
    }
    this.program = program;
    this.params = Files.isDirectory(params) ? params.resolve("params") : params;
    this.data = data;
    this.out = out;
    this.samples = samples;
    this.seed = seed;
    this.progress = progress;
  }

  /** Draws, writes and prints the predictive summary; returns its rows. */
  public List<PosteriorSummary.Row> run() {
    if (!Files.isRegularFile(this.params)) {
      throw new UserError("no trained parameters at '" + this.params + "': give --params the "
          + "directory pmm train wrote (it holds a file 'params')");
    }
    BoundProgram bound = BoundProgram.of(program, data, seed, observedEntries());
    CompiledProgram compiled = bound.compiled();
    try {
      ParamStoreFile.load(this.params, compiled.store(), Map.of());
    } catch (IOException e) {
      throw new UserError("cannot read the trained parameters: " + e.getMessage());
    }
    Set<String> trained = new TreeSet<>(compiled.store().parameters().keySet());
    // one draw first: parameters the file lacks are created on first use, so that draw shows
    // whether the file belongs to the program before S draws are spent on it
    PosteriorDraws.predictive(compiled, bound.binding(), 1, seed);
    Set<String> created = new LinkedHashSet<>(compiled.store().parameters().keySet());
    created.removeAll(trained);
    if (!created.isEmpty()) {
      throw new UserError("the parameters in '" + this.params + "' were not trained for "
          + program.file() + ": it needs " + String.join(", ", created) + ", which the file "
          + "does not hold (it holds " + String.join(", ", trained) + ")");
    }
    Map<String, PosteriorDraws.Samples> draws =
        PosteriorDraws.predictive(compiled, bound.binding(), samples, seed);
    if (draws.isEmpty()) {
      throw new UserError(program.file() + " observes nothing: there is no site to predict");
    }
    List<PosteriorSummary.Row> rows = PosteriorSummary.of(draws);
    try {
      AtomicFiles.writeString(out.resolve("predictive.csv"), PosteriorSummary.csv(rows));
    } catch (IOException e) {
      throw new UserError("cannot write to '" + out + "': " + e.getMessage());
    }
    if (progress != null) {
      progress.printf("posterior predictive from %d draws:%n%s", samples,
          PosteriorSummary.table(rows));
      progress.println("wrote " + out.resolve("predictive.csv"));
    }
    return rows;
  }

  /** The data entries some model observes: a prediction's data file may leave them out. */
  private Set<String> observedEntries() {
    Set<String> names = new LinkedHashSet<>();
    for (Definitions.ModelDefinition m : program.models().values()) {
      for (Definitions.Site s : m.observedSites()) {
        names.add(s.name());
      }
    }
    return names;
  }
}
