package org.pmm.cli;

import org.pmm.base.ExitCodes;
import org.pmm.base.StatusLine;
import org.pmm.base.Terminal;
import org.pmm.base.UserError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pmm.data.DefaultData;
import org.pmm.data.LinearProbe;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.experiment.probe.OverfitProbe;
import org.pmm.infer.NonFiniteLossException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pmm data probe [FILE.h5]}: what a data file asks of a model, on the official split.
 * First a linear probe (logistic regression on text only, image only and both; test weighted
 * F1), which shows whether fusion beats one modality; then a wide deterministic fusion network
 * without regularisation, scored after every epoch on its training rows and on the validation
 * rows, which shows whether it overfits. Results on standard output, progress on standard error.
 *
 * <pre>{@code
 * ./pmm data probe                              # the embedded surrogate
 * ./pmm data probe /tmp/s.h5 --width 512 --epochs 8
 * }</pre>
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = "Linear probe per modality and the train/validation F1 of a wide "
        + "unregularised network, on the official split.")
final class DataProbeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE.h5", arity = "0..1",
      description = "An MM-IMDb-layout HDF5 file (default: the embedded surrogate).")
  Path file;

  @Option(names = "--width", paramLabel = "W", defaultValue = "" + OverfitProbe.DEFAULT_WIDTH,
      description = "Hidden width of the fusion layers and of the maxout classifier "
          + "(default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--epochs", paramLabel = "E", defaultValue = "" + OverfitProbe.DEFAULT_EPOCHS,
      description = "Training epochs of the wide network (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of the wide network's initialisation and shuffling "
          + "(default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  @Option(names = "--verbose", description = "A progress line on standard error for every"
      + " training step of the wide network.")
  boolean verbose;

  private StatusLine status;

  @Override
  public Integer call() {
    // the per-step progress is rewritten in place on a terminal, one line per step with
    // --verbose, and left out elsewhere (the epochs' rows on standard output say as much)
    status = quiet || verbose || !Terminal.standardError() ? null : new StatusLine(System.err);
    if (width <= 0) {
      throw new UserError("--width must be positive, got " + width, ExitCodes.USAGE);
    }
    if (epochs <= 0) {
      throw new UserError("--epochs must be positive, got " + epochs, ExitCodes.USAGE);
    }
    PrintStream out = System.out;
    Path path = file != null ? file : DefaultData.ensure(line -> say("surrogate data: " + line));
    say("loading " + path);
    MmImdbData data = MmImdbData.load(path);
    data.warnings().forEach(w -> say("warning: " + w));
    Split split = Split.create(Split.OFFICIAL, data, 0);
    split.requireEveryPart(data, "to probe");
    data.standardizeInPlace(split.train());
    out.printf(Locale.ROOT, "data: %s (%d movies; official split: train %d, dev %d, test %d)%n",
        path, data.rows(), split.train().length, split.dev().length, split.test().length);

    say("linear probe: fitting text only, image only, both");
    long start = System.nanoTime();
    LinearProbe.Result linear = LinearProbe.defaults().runStandardised(data, split);
    out.printf(Locale.ROOT, "linear probe (logistic regression; test weighted F1): text %.3f, "
        + "image %.3f, both %.3f (%.0f s)%n", linear.text(), linear.image(), linear.both(),
        (System.nanoTime() - start) / 1e9);

    OverfitProbe.Settings settings = new OverfitProbe.Settings(width, epochs,
        OverfitProbe.Settings.defaults().batchSize(), OverfitProbe.Settings.defaults().lr(), seed);
    out.printf(Locale.ROOT, "wide network (GMU fusion + maxout classifier, width %d; no "
        + "batchnorm, max-norm or dropout; Adam lr %s, batch %d, seed %d):%n", width,
        settings.lr(), settings.batchSize(), seed);
    out.println("epoch  train_loss  train_wF1  val_wF1     gap  seconds");
    OverfitProbe.Result result;
    try {
      result = new OverfitProbe(settings).run(data, split, e -> {
        clearProgress();
        out.printf(Locale.ROOT, "%5d  %10.4f  %9.3f  %7.3f  %6.3f  %7.1f%n", e.epoch(),
            e.trainLoss(), e.trainWeightedF1(), e.valWeightedF1(), e.gap(), e.seconds());
      }, this::progress);
    } catch (NonFiniteLossException e) {
      clearProgress();
      throw new UserError("training the wide network stopped: " + e.getMessage(),
          ExitCodes.TRAINING_STOPPED);
    }
    OverfitProbe.Epoch best = result.bestValidation();
    OverfitProbe.Epoch last = result.last();
    out.printf(Locale.ROOT, "best validation weighted F1 %.3f at epoch %d; last epoch: train "
        + "%.3f, validation %.3f, gap %.3f%n", best.valWeightedF1(), best.epoch(),
        last.trainWeightedF1(), last.valWeightedF1(), last.gap());
    return ExitCodes.OK;
  }

  private long lastDraw;

  /** A step's progress: in place at most four times a second, or a line of its own. */
  private void progress(String line) {
    if (quiet) {
      return;
    }
    if (verbose) {
      System.err.println("pmm: " + line);
      return;
    }
    long now = System.nanoTime();
    if (status == null || now - lastDraw < 250_000_000L) {
      return;
    }
    lastDraw = now;
    status.draw("pmm: " + line);
  }

  private void clearProgress() {
    if (status != null) {
      status.clear();
    }
  }

  private void say(String line) {
    if (!quiet) {
      clearProgress();
      System.err.println("pmm: " + line);
    }
  }
}
