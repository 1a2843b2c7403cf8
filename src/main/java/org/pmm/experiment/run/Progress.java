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
  // the time left is estimated in units of epoch cost (EpochCost), so that rows of different
  // sizes are not counted alike; 1 per epoch unless weighed
  private double weightPlanned = 1;
  private double weightDone;
  private double epochWeight = 1;

  public Progress(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** Starts a labelled unit of work (a system and cycle) of {@code plannedEpochs} in total. */
  public void begin(String label, int plannedEpochsOverall) {
    this.label = label;
    this.weightPlanned = Math.max(weightPlanned, plannedEpochsOverall);
  }

  /** Sets the number of epochs of the whole run, for the time-left estimate. */
  public void plan(int totalEpochs) {
    plan((double) totalEpochs);
  }

  /**
   * Sets the total cost of the whole run in the units of {@link #weigh} (the sum over its
   * epochs), for the time-left estimate.
   */
  public void plan(double totalWeight) {
    this.weightPlanned = Math.max(Double.MIN_VALUE, totalWeight);
    this.started = System.nanoTime();
    this.weightDone = 0;
  }

  /** The cost of each following epoch, relative to the others of the run (1 by default). */
  public void weigh(double epochCost) {
    this.epochWeight = epochCost;
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
    weightDone += epochWeight;
    if (quiet) {
      return;
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    double left = elapsed / weightDone * Math.max(0, weightPlanned - weightDone);
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
