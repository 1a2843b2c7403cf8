package org.pmm.experiment.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.pmm.base.StatusLine;
import org.pmm.base.Terminal;

/**
 * Progress of training on standard error, in one of four {@link Style}s: on a terminal a line
 * rewritten in place during an epoch (at most four times a second); elsewhere (a log file, a
 * pipe) only whole lines; with {@code --verbose} a line per step; nothing with {@code --quiet}.
 * Every style writes one line per finished epoch, with the time left once {@link TimeLeft} has
 * a basis for it. No style writes ANSI escape sequences.
 *
 * <pre>{@code
 * Progress progress = Progress.standardError(quiet, verbose);
 * progress.plan(totalWork);
 * Progress cycle = progress.unit("gmu cycle 1/2", EpochCost.of(config));   // one per cycle
 * }</pre>
 */
public final class Progress {
  /** How progress is written. */
  public enum Style {
    /** Nothing at all. */
    QUIET,
    /** One line per epoch and per message, nothing in between: for files and pipes. */
    LINES,
    /** As LINES, and during an epoch a status line rewritten in place: for a terminal. */
    IN_PLACE,
    /** As LINES, and one line per training step. */
    VERBOSE
  }

  /** Steps at the start of a run whose time says little of the rest (JIT warm-up). */
  static final int WARMUP_STEPS = 5;
  private static final long REDRAW_NANOS = 250_000_000L;

  /** What every view of one run shares: the output, the time left, the status line. */
  private static final class Board {
    final PrintStream out;
    final Style style;
    final LongSupplier clock;
    final StatusLine status;
    final TimeLeft timeLeft;
    /** The status of each cycle training now, in the order they started. */
    final Map<Progress, String> running = new LinkedHashMap<>();
    long lastDraw;

    Board(PrintStream out, Style style, LongSupplier clock) {
      this.out = out;
      this.style = style;
      this.clock = clock;
      this.status = new StatusLine(out);
      this.timeLeft = new TimeLeft(clock, WARMUP_STEPS);
    }

    /** The status line: every running cycle's, side by side. */
    void draw() {
      status.draw(String.join("  |  ", running.values()));
    }
  }

  private final Board board;
  private final String label;
  // the time left is estimated in units of epoch cost (EpochCost), so that rows of different
  // sizes are not counted alike
  private final double epochWeight;
  private double epochCounted;

  public Progress(PrintStream out, Style style, LongSupplier clock) {
    this(new Board(out, style, clock), "", 1);
  }

  private Progress(Board board, String label, double epochWeight) {
    this.board = board;
    this.label = label;
    this.epochWeight = epochWeight;
  }

  public Progress(PrintStream out, Style style) {
    this(out, style, System::nanoTime);
  }

  /** Whole lines to {@code out}, or nothing when quiet. */
  public Progress(PrintStream out, boolean quiet) {
    this(out, quiet ? Style.QUIET : Style.LINES);
  }

  /** Progress on standard error: in place when it is a terminal ({@link Terminal}). */
  public static Progress standardError(boolean quiet, boolean verbose) {
    Style style = quiet ? Style.QUIET : verbose ? Style.VERBOSE
        : Terminal.standardError() ? Style.IN_PLACE : Style.LINES;
    return new Progress(System.err, style);
  }

  /**
   * A view for one labelled unit of work (a system and cycle) of {@code epochCost} per epoch
   * (relative to the others of the run, {@link EpochCost}), writing to the same place and counting towards the same time left: for
   * cycles that train at the same time, each with its own view. On a terminal the status line
   * shows every unit that has taken a step and not finished its last epoch.
   */
  public Progress unit(String label, double epochCost) {
    return new Progress(board, label, epochCost);
  }

  /**
   * Sets the total cost of the whole run in the units of {@link #weigh} (the sum over its
   * epochs), for the time-left estimate.
   */
  public void plan(double totalWeight) {
    synchronized (board) {
      board.timeLeft.plan(totalWeight);
      epochCounted = 0;
    }
  }

  /** {@code epochs} epochs of the current unit were finished before (read from a checkpoint). */
  void finishedBefore(int epochs) {
    synchronized (board) {
      board.timeLeft.doneBefore(epochs * epochWeight);
    }
  }

  void step(int epoch, int epochs, int batch, int batches, double meanLoss) {
    synchronized (board) {
      double work = epochWeight / batches;
      board.timeLeft.step(work);
      epochCounted += work;
      if (board.style != Style.IN_PLACE && board.style != Style.VERBOSE) {
        return;
      }
      String line = String.format(Locale.ROOT, "%s epoch %d/%d step %d/%d loss %.4f", label,
          epoch + 1, epochs, batch, batches, meanLoss);
      if (board.style == Style.VERBOSE) {
        board.out.println(line);
        return;
      }
      board.running.put(this, line);
      long now = board.clock.getAsLong();
      if (now - board.lastDraw < REDRAW_NANOS && batch < batches) {
        return;
      }
      board.lastDraw = now;
      board.draw();
    }
  }

  void epoch(int epoch, int epochs, double loss, double valF1, double seconds) {
    epoch(epoch, epochs, loss, Map.of(), Map.of(), valF1, seconds);
  }

  /**
   * The epoch's line; the last step's loss by objective and, for an ELBO, by part ({@link
   * LossSplit}) follows the mean loss, so that a rising annealed ELBO is told apart from the
   * classifier's BCE, and its rising β-weighted KL from a rising negative log-likelihood.
   *
   * @param losses the last step's loss by objective name
   * @param lossParts the last step's parts by objective name, for objectives whose loss is split
   */
  void epoch(int epoch, int epochs, double loss, Map<String, Double> losses,
      Map<String, Map<String, Double>> lossParts, double valF1, double seconds) {
    synchronized (board) {
      // steps not seen (skipped batches, those before a resume) still belong to the epoch
      board.timeLeft.doneBefore(Math.max(0, epochWeight - epochCounted));
      epochCounted = 0;
      if (board.style == Style.QUIET) {
        return;
      }
      String left = board.timeLeft.seconds().stream()
          .mapToObj(s -> " — about " + duration(s) + " left").findFirst().orElse("");
      String split = LossSplit.text(losses, lossParts);
      split = split.isEmpty() ? "" : " (last step: " + split + ")";
      String line = String.format(Locale.ROOT, "%s epoch %d/%d loss %.4f%s val weighted-F1 %.4f"
          + " (%.1f s)%s", label, epoch + 1, epochs, loss, split, valF1, seconds, left);
      if (epoch + 1 == epochs) {
        board.running.remove(this);
      }
      if (board.style == Style.IN_PLACE) {
        board.status.finish(line);
        if (!board.running.isEmpty()) {
          board.draw();
        }
      } else {
        board.out.println(line);
      }
    }
  }

  /** A message on its own line. */
  public void say(String message) {
    synchronized (board) {
      if (board.style != Style.QUIET) {
        board.status.clear();
        board.out.println(message);
        if (board.style == Style.IN_PLACE && !board.running.isEmpty()) {
          board.draw();
        }
      }
    }
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
