package org.pmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import org.junit.jupiter.api.Test;
import org.pmm.distributions.Normal;
import org.pmm.handlers.HandlerStack;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.Trace;
import org.pmm.tensor.Tensor;

/**
 * Plates at a chosen batch dimension ({@code plate(name, size, dim)}) and the dimension an
 * automatic plate takes, with Pyro's broadcasting: a site gets each enclosing plate's size at
 * that plate's dimension and 1 at dimensions no plate uses.
 */
class PmmPlateTest {

  @Test
  void aPlateAtMinusTwoGivesAScalarSiteShapeSizeByOne() {
    try (PlateMessenger rows = plate("rows", 3, -2)) {
      assertEquals(-2, rows.dim());
      Tensor x = sample("x", new Normal(0.0, 1.0));
      assertArrayEquals(new long[] {3, 1}, x.shape());
    }
  }

  @Test
  void explicitPlatesBroadcastIntoOneBatchShape() {
    Trace t = Pmm.trace(() -> {
      try (PlateMessenger rows = plate("rows", 3, -2);
          PlateMessenger cols = plate("cols", 4, -1)) {
        sample("x", new Normal(0.0, 1.0));
      }
      try (PlateMessenger far = plate("far", 2, -3)) {
        sample("y", new Normal(0.0, 1.0));
      }
    });
    assertArrayEquals(new long[] {3, 4}, t.site("x").value().shape());
    assertArrayEquals(new long[] {2, 1, 1}, t.site("y").value().shape());
    // every element is its own N(0, 1) draw: the log-density is the sum over 3·4 of them
    double[] x = t.site("x").value().value().reshape(12).toDoubleVector();
    double expected = 0;
    for (double v : x) {
      expected += -0.5 * v * v - 0.5 * Math.log(2 * Math.PI);
    }
    assertEquals(expected, t.site("x").logProbSum().item(), 1e-9);
  }

  /**
   * The inner plate must not take −2 as well: the site would get size 4 where the outer plate
   * puts 3 ("plate 'rows' has size 3 at batch dimension -2 but ... [4, 1] has 4 there").
   */
  @Test
  void anAutomaticPlateInsideAPlateAtMinusTwoTakesMinusOne() {
    try (PlateMessenger rows = plate("rows", 3, -2);
        PlateMessenger cols = plate("cols", 4)) {
      assertEquals(-1, cols.dim());
      assertArrayEquals(new long[] {3, 4}, sample("x", new Normal(0.0, 1.0)).shape());
    }
  }

  @Test
  void automaticPlatesSkipEveryDimensionInUse() {
    try (PlateMessenger a = plate("a", 2);
        PlateMessenger b = plate("b", 3, -3);
        PlateMessenger c = plate("c", 5)) {
      assertEquals(-1, a.dim());
      assertEquals(-2, c.dim());
      assertArrayEquals(new long[] {3, 5, 2}, sample("x", new Normal(0.0, 1.0)).shape());
    }
    try (PlateMessenger outer = plate("outer", 2); PlateMessenger inner = plate("inner", 3)) {
      assertEquals(-1, outer.dim());
      assertEquals(-2, inner.dim());
    }
  }

  @Test
  void aPositiveDimSaysHowToAskForASubsample() {
    int depth = HandlerStack.depth();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plate("rows", 10, 3));
    assertTrue(e.getMessage().contains("plate(\"rows\", 10, 3L)"), e.getMessage());
    assertEquals(depth, HandlerStack.depth());
    try (PlateMessenger rows = plate("rows", 10, 3L)) {
      assertEquals(3, rows.subsampleSize());
    }
  }
}
