package org.pmm.fit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import org.pmm.experiment.report.LossFigure;
import org.pmm.experiment.run.LossSplit;
import org.pmm.infer.NonFiniteLossException;
import org.pmm.io.AtomicFiles;
import org.pmm.lang.compile.CompiledProgram;
import org.pmm.lang.compile.DataBinding;
import org.pmm.lang.compile.PosteriorDraws;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.params.ParamStoreFile;

/**
 * {@code pmm train MODEL.pmm [--data FILE]} for a program outside the experiment suite: binds
 * its data (inline, or the file's arrays by name), trains it for its {@code train} block's
 * epochs (steps per epoch from the data plate's subsample, one without; the progress lines give
 * the step's loss, split by objective and ELBO part, {@link LossSplit}), then writes to the
 * output directory {@code loss.csv} ({@code step,loss}), {@code loss.png}, {@code params} (the
 * trained parameters and optimiser state, {@link ParamStoreFile}) and {@code summary.csv}, the
 * posterior summary of every latent site from {@code summarySamples} guide draws, which it also
 * prints.
 *
 * <pre>{@code
 * new GeneralTraining(program, null, Path.of("runs/coin"), 1000, 0, System.err).run();
 * }</pre>
 */
public final class GeneralTraining {
  /** Seconds between progress lines. */
  private static final double PROGRESS_SECONDS = 2;

  private final CheckedProgram program;
  private final Path data;
  private final Path out;
  private final int summarySamples;
  private final long seed;
  private final PrintStream progress;
  private boolean everyStep;

  /** {@code data} may be null (inline data only); {@code progress} null for none. */
  public GeneralTraining(CheckedProgram program, Path data, Path out, int summarySamples,
      long seed, PrintStream progress) {
    if (summarySamples < 2) {
      throw new UserError("--summary-samples must be at least 2, got " + summarySamples,
          ExitCodes.USAGE);
    }
    this.program = program;
    this.data = data;
    this.out = out;
    this.summarySamples = summarySamples;
    this.seed = seed;
    this.progress = progress;
  }

  /** A progress line for every step ({@code --verbose}) instead of one every 2 seconds. */
  public GeneralTraining verbose(boolean verbose) {
    this.everyStep = verbose;
    return this;
  }

  /** Trains and writes the outputs; returns the posterior summary's rows. */
  public List<PosteriorSummary.Row> run() {
    BoundProgram bound = BoundProgram.of(program, data, seed);
    CompiledProgram compiled = bound.compiled();
    DataBinding binding = bound.binding();
    long perEpoch = program.models().keySet().stream()
        .mapToLong(compiled::stepsPerEpoch).max().orElse(1);
    long steps = compiled.epochs() * perEpoch;
    double[] loss = new double[(int) Math.min(steps, Integer.MAX_VALUE)];
    long start = System.nanoTime();
    long lastSaid = start;
    try {
      for (int s = 0; s < loss.length; s++) {
        loss[s] = compiled.step(binding, s);
        long now = System.nanoTime();
        if (progress != null && (everyStep
            || now - lastSaid > PROGRESS_SECONDS * 1e9 || s == loss.length - 1)) {
          lastSaid = now;
          String split = LossSplit.text(compiled.lastLosses(), compiled.lastLossParts());
          progress.printf("%s: step %d/%d, loss %.4f%s%n", program.file(), s + 1, loss.length,
              loss[s], split.isEmpty() ? "" : " (" + split + ")");
        }
      }
    } catch (NonFiniteLossException e) {
      throw new UserError("training stopped: " + e.getMessage() + "; nothing was written to "
          + out, ExitCodes.TRAINING_STOPPED);
    }
    List<PosteriorSummary.Row> rows = PosteriorSummary.of(
        PosteriorDraws.draw(compiled, binding, summarySamples, seed));
    write(compiled, loss, rows);
    if (progress != null) {
      progress.printf("posterior summary from %d guide draws:%n%s", summarySamples,
          PosteriorSummary.table(rows));
      progress.println("wrote " + out.resolve("summary.csv") + ", loss.csv, loss.png, params");
    }
    return rows;
  }

  private void write(CompiledProgram compiled, double[] loss, List<PosteriorSummary.Row> rows) {
    try {
      StringBuilder csv = new StringBuilder("step,loss\n");
      for (int s = 0; s < loss.length; s++) {
        csv.append(s).append(',').append(loss[s]).append('\n');
      }
      AtomicFiles.writeString(out.resolve("loss.csv"), csv.toString());
      LossFigure.write(out.resolve("loss.png"), loss, program.file());
      AtomicFiles.write(out.resolve("params"),
          tmp -> ParamStoreFile.save(tmp, compiled.store(), compiled.optimizers()));
      AtomicFiles.writeString(out.resolve("summary.csv"), PosteriorSummary.csv(rows));
    } catch (IOException e) {
      throw new UserError("cannot write to '" + out + "': " + e.getMessage());
    }
  }
}
