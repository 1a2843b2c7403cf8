package org.pmm.experiment.run;

import java.io.PrintStream;

/**
 * Progress of training on standard error: a line rewritten in place during an epoch (at most a
 * few times per second) and one line per finished epoch with the time left; silent when quiet.
 */
public final class Progress {
  private final PrintStream out;
  private final boolean quiet;
  private String label = "";
  private long lastDraw;
  private long started = System.nanoTime();
  private int totalEpochsPlanned = 1;
  private int epochsDone;

  public Progress(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** Starts a labelled unit of work (a system and cycle) of {@code plannedEpochs} in total. */
  public void begin(String label, int plannedEpochsOverall) {
    this.label = label;
    this.totalEpochsPlanned = Math.max(totalEpochsPlanned, plannedEpochsOverall);
  }

  /** Sets the number of epochs of the whole run, for the time-left estimate. */
  public void plan(int totalEpochs) {
    this.totalEpochsPlanned = Math.max(1, totalEpochs);
    this.started = System.nanoTime();
    this.epochsDone = 0;
  }

  void step(int epoch, int epochs, int batch, int batches, double meanLoss) {
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < 250_000_000L && batch < batches) {
      return;
    }
    lastDraw = now;
    out.printf("\r%s epoch %d/%d step %d/%d loss %.4f   ", label, epoch + 1, epochs, batch,
        batches, meanLoss);
    out.flush();
  }

  void epoch(int epoch, int epochs, double loss, double valF1, double seconds) {
    epochsDone++;
    if (quiet) {
      return;
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    double left = elapsed / epochsDone * Math.max(0, totalEpochsPlanned - epochsDone);
    out.printf("\r%s epoch %d/%d loss %.4f val weighted-F1 %.4f (%.1f s) — about %s left%n",
        label, epoch + 1, epochs, loss, valF1, seconds, duration(left));
  }

  /** A message on its own line. */
  public void say(String message) {
    if (!quiet) {
      out.println(message);
    }
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
