package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmm.experiment.systems.SystemConfig;

/**
 * The shares of an experiment's grid partition it (every cell in exactly one share, for any N),
 * depend on nothing but the rows, cycles and N, and are balanced: no share's estimated work
 * exceeds another's by more than the largest single cell (the bound of dealing the largest
 * cells first to the least loaded share).
 */
class GridShareTest {
  private static SystemRun.Row row(String slug, String kind, int hidden, int epochs) {
    SystemConfig c = SystemConfig.fromMap(kind, Map.of("hidden", hidden, "classifier_width",
        hidden, "epochs", epochs));
    return new SystemRun.Row(slug, slug, "models/" + kind + ".pmm", c, (cfg, rows, seed) -> {
      throw new AssertionError("a share does not build systems");
    });
  }

  private static final List<SystemRun.Row> ROWS = List.of(row("big", "pmmo", 1024, 10),
      row("a", "pmmo", 256, 10), row("b", "gmu", 256, 10), row("c", "gmu", 256, 3),
      row("d", "pmmo", 512, 7));

  @Test
  void everyCellBelongsToExactlyOneShareForAnyNumberOfShares() {
    for (int n = 1; n <= 12; n++) {
      Set<GridShare.Cell> seen = new HashSet<>();
      int total = 0;
      for (int k = 1; k <= n; k++) {
        Set<GridShare.Cell> mine = new GridShare(k, n).cells(ROWS, 3);
        total += mine.size();
        seen.addAll(mine);
      }
      assertEquals(ROWS.size() * 3, total, "N = " + n + ": no cell in two shares");
      assertEquals(ROWS.size() * 3, seen.size(), "N = " + n + ": every cell in a share");
    }
  }

  @Test
  void sharesAreTheSameWhenComputedAgainAndListedInGridOrder() {
    List<GridShare.Cell> first = new ArrayList<>(new GridShare(2, 4).cells(ROWS, 5));
    List<GridShare.Cell> again = new ArrayList<>(new GridShare(2, 4).cells(List.copyOf(ROWS), 5));
    assertEquals(first, again);
    List<String> order = ROWS.stream().map(SystemRun.Row::slug).toList();
    for (int i = 1; i < first.size(); i++) {
      GridShare.Cell a = first.get(i - 1);
      GridShare.Cell b = first.get(i);
      int byRow = Integer.compare(order.indexOf(a.slug()), order.indexOf(b.slug()));
      assertTrue(byRow < 0 || byRow == 0 && a.cycle() < b.cycle(), a + " before " + b);
    }
  }

  @Test
  void sharesAreBalancedWithinTheLargestCell() {
    double largest = ROWS.stream().mapToDouble(GridShareTest::cost).max().orElseThrow();
    for (int n = 2; n <= 6; n++) {
      double min = Double.MAX_VALUE;
      double max = 0;
      for (int k = 1; k <= n; k++) {
        double load = new GridShare(k, n).cells(ROWS, 5).stream()
            .mapToDouble(c -> cost(ROWS.stream().filter(r -> r.slug().equals(c.slug()))
                .findFirst().orElseThrow())).sum();
        min = Math.min(min, load);
        max = Math.max(max, load);
      }
      assertTrue(max - min <= largest * (1 + 1e-12), "N = " + n + ": loads " + min + " to "
          + max + ", largest cell " + largest);
    }
  }

  @Test
  void oneShareOfOneIsTheWholeGrid() {
    assertEquals(ROWS.size() * 2, GridShare.ALL.cells(ROWS, 2).size());
  }

  @Test
  void aShareOutsideOneToNIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GridShare(0, 3));
    assertThrows(IllegalArgumentException.class, () -> new GridShare(4, 3));
    assertThrows(IllegalArgumentException.class, () -> new GridShare(1, 0));
  }

  private static double cost(SystemRun.Row r) {
    return EpochCost.of(r.config()) * r.config().epochs();
  }
}
