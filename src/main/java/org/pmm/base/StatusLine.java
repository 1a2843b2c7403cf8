package org.pmm.base;

import java.io.PrintStream;

/**
 * A line of a terminal rewritten in place with a carriage return, for progress. A shorter text
 * is padded with spaces over the longer one before it, so that no ANSI escape sequence is needed
 * (they reach log files and dumb terminals as garbage). Meant for a terminal only: to anything
 * else write whole lines instead.
 *
 * <pre>{@code
 * StatusLine status = new StatusLine(System.err);
 * status.draw("epoch 1/10 step 3/31");
 * status.clear();                       // before printing a line of its own
 * }</pre>
 */
public final class StatusLine {
  private final PrintStream out;
  private int drawn;

  public StatusLine(PrintStream out) {
    this.out = out;
  }

  /** Replaces the line's text. */
  public void draw(String text) {
    out.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
    out.flush();
    drawn = text.length();
  }

  /** Replaces the line's text and ends the line, so that the text stays. */
  public void finish(String text) {
    draw(text);
    out.println();
    drawn = 0;
  }

  /** Blanks the line and returns to its start, if anything was drawn. */
  public void clear() {
    if (drawn > 0) {
      out.print("\r" + " ".repeat(drawn) + "\r");
      out.flush();
      drawn = 0;
    }
  }
}
