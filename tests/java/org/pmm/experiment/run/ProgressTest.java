package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Progress written to something other than a terminal is one line per epoch, without carriage
 * returns or escape sequences; on a terminal the status line is rewritten in place (still without
 * escape sequences); {@code --verbose} adds a line per step; the time left appears only once it
 * has a basis after the warm-up steps.
 */
class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong();

  private Progress progress(Progress.Style style) {
    return new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), style, now::get);
  }

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Two epochs of {@code batches} one-second steps. */
  private void train(Progress run, int batches) {
    run.plan(2);
    Progress p = run.unit("gmu cycle 1/1", 1);
    for (int e = 0; e < 2; e++) {
      for (int b = 1; b <= batches; b++) {
        now.addAndGet(1_000_000_000L);
        p.step(e, 2, b, batches, 0.5);
      }
      p.epoch(e, 2, 0.5, 0.4, batches);
    }
  }

  @Test
  void theEpochLineSplitsALossOfSeveralObjectives() {
    Progress p = progress(Progress.Style.LINES).unit("pmmo cycle 1/1", 1);
    p.plan(1);
    java.util.Map<String, Double> parts = new java.util.LinkedHashMap<>();
    parts.put("fusion", 101.5);
    parts.put("classifier", 0.75);
    p.epoch(0, 1, 102.25, parts, java.util.Map.of(), 0.4, 1);
    assertTrue(text().contains("loss 102.2500 (last step: fusion 101.5000 + classifier 0.7500) "
        + "val weighted-F1 0.4000"), text());
    bytes.reset();
    p.epoch(0, 1, 0.5, java.util.Map.of("classifier", 0.5), java.util.Map.of(), 0.4, 1);
    assertFalse(text().contains("last step"), "one objective: no split: " + text());
  }

  @Test
  void theEpochLineSplitsAnElboIntoItsParts() {
    Progress p = progress(Progress.Style.LINES).unit("pmmo cycle 1/1", 1);
    p.plan(1);
    java.util.Map<String, Double> losses = new java.util.LinkedHashMap<>();
    losses.put("fusion", 101.5);
    losses.put("classifier", 0.75);
    java.util.Map<String, Double> fusion = new java.util.LinkedHashMap<>();
    fusion.put("nll", 90.25);
    fusion.put("kl_beta", 11.25);
    p.epoch(0, 1, 102.25, losses, java.util.Map.of("fusion", fusion), 0.4, 1);
    List<String> lines = text().lines().toList();
    assertEquals(1, lines.size(), text());
    assertTrue(lines.get(0).contains("loss 102.2500 (last step: fusion 101.5000 (nll 90.2500"
        + " + kl_beta 11.2500) + classifier 0.7500) val weighted-F1 0.4000"), text());
    assertFalse(text().contains("\u001b") || text().contains("\r"), text());
    bytes.reset();
    // one objective: its parts alone, its value being the whole loss
    p.epoch(0, 1, 101.5, java.util.Map.of("elbo", 101.5),
        java.util.Map.of("elbo", fusion), 0.4, 1);
    assertTrue(text().contains("loss 101.5000 (last step: nll 90.2500 + kl_beta 11.2500) val"),
        text());
  }

  @Test
  void toAFileOneLinePerEpochWithoutCarriageReturnsOrEscapes() {
    Progress p = progress(Progress.Style.LINES);
    p.say("data: loaded");
    train(p, 40);
    String out = text();
    assertFalse(out.contains("\r"), out);
    assertFalse(out.contains("\u001b"), out);
    List<String> lines = out.lines().toList();
    assertEquals(3, lines.size(), out);
    assertTrue(lines.get(1).startsWith("gmu cycle 1/1 epoch 1/2 loss 0.5000"), out);
    assertTrue(lines.get(2).startsWith("gmu cycle 1/1 epoch 2/2 loss 0.5000"), out);
  }

  @Test
  void theTimeLeftWaitsForItsBasis() {
    Progress p = progress(Progress.Style.LINES);
    // an epoch of no more steps than the warm-up has no timed step after it: no estimate
    train(p, Progress.WARMUP_STEPS);
    List<String> lines = text().lines().toList();
    assertFalse(lines.get(0).contains("left"), lines.get(0));
    assertTrue(lines.get(1).endsWith("— about 0s left"), lines.get(1));
  }

  @Test
  void theTimeLeftLeavesOutTheWarmUp() {
    Progress p = progress(Progress.Style.LINES).unit("pmmo cycle 1/1", 1);
    p.plan(2);
    for (int b = 1; b <= 10; b++) {
      // the warm-up's steps take a minute each, the others a second
      now.addAndGet(b <= Progress.WARMUP_STEPS ? 60_000_000_000L : 1_000_000_000L);
      p.step(0, 2, b, 10, 0.5);
    }
    p.epoch(0, 2, 0.5, 0.4, 305);
    assertTrue(text().strip().endsWith("— about 10s left"), text());
  }

  @Test
  void onATerminalTheStatusLineIsRewrittenInPlaceWithoutEscapes() {
    Progress p = progress(Progress.Style.IN_PLACE);
    train(p, 3);
    String out = text();
    assertTrue(out.contains("\rgmu cycle 1/1 epoch 1/2 step 1/3 loss 0.5000"), out);
    assertFalse(out.contains("\u001b"), out);
    assertEquals(2, out.lines().filter(l -> l.contains("val weighted-F1")).count(), out);
  }

  /**
   * Two cycles training at once, each with its own unit: each epoch line has its own cycle's
   * label, both count towards one time left (two units of work in the time of one here), and
   * the terminal's status line shows both cycles until one has finished its last epoch.
   */
  @Test
  void cyclesTrainingAtOnceEachWriteTheirOwnLinesAndShareTheStatusLine() {
    Progress p = progress(Progress.Style.IN_PLACE);
    p.plan(4);
    Progress a = p.unit("gmu cycle 1/2", 1);
    Progress b = p.unit("gmu cycle 2/2", 1);
    for (int step = 1; step <= 10; step++) {
      now.addAndGet(1_000_000_000L);
      a.step(0, 2, step, 10, 0.5);
      b.step(0, 2, step, 10, 0.25);
    }
    String out = text();
    assertTrue(out.contains("gmu cycle 1/2 epoch 1/2 step 10/10 loss 0.5000  |  gmu cycle 2/2"
        + " epoch 1/2 step 10/10 loss 0.2500"), out);
    a.epoch(0, 2, 0.5, 0.4, 10);
    b.epoch(0, 2, 0.25, 0.4, 10);
    List<String> lines = text().lines().map(l -> l.substring(l.lastIndexOf('\r') + 1).strip())
        .filter(l -> l.contains("val weighted-F1")).toList();
    assertEquals(2, lines.size(), text());
    assertTrue(lines.get(0).startsWith("gmu cycle 1/2 epoch 1/2 loss 0.5000"), lines.get(0));
    assertTrue(lines.get(1).startsWith("gmu cycle 2/2 epoch 1/2 loss 0.2500"), lines.get(1));
    // one rate for both: the 15 steps after the warm-up's five (1.5 units) took 7 s; 2 of the
    // 4 units are left: 9.3 s
    assertTrue(lines.get(1).endsWith("— about 9s left"), lines.get(1));
    bytes.reset();
    a.step(1, 2, 1, 10, 0.5);
    a.epoch(1, 2, 0.5, 0.4, 10);
    now.addAndGet(1_000_000_000L);
    b.step(1, 2, 1, 10, 0.25);
    assertFalse(text().contains("cycle 1/2 epoch 2/2 step"), "a finished cycle stays in the"
        + " status line: " + text());
  }

  @Test
  void verboseWritesALinePerStep() {
    Progress p = progress(Progress.Style.VERBOSE);
    train(p, 4);
    String out = text();
    assertFalse(out.contains("\r"), out);
    assertEquals(10, out.lines().count(), out);
  }

  @Test
  void quietWritesNothing() {
    Progress p = progress(Progress.Style.QUIET);
    p.say("data: loaded");
    train(p, 4);
    assertEquals("", text());
  }
}
