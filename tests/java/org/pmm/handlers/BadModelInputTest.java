package org.pmm.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Normal;
import org.pmm.infer.Elbo;
import org.pmm.tensor.Tensor;

/** Model errors name the site and the shapes, before any optimiser step could run. */
class BadModelInputTest {
  private static Tensor c(double... v) {
    return Tensor.constant(Nd4j.createFromArray(v));
  }

  @Test
  void reusingASiteNameIsAnError() {
    Function<Object, Object> model = a -> {
      sample("z", new Normal(c(0.0), c(1.0)));
      sample("z", new Normal(c(0.0), c(1.0)));
      return null;
    };
    SiteException e = assertThrows(SiteException.class, () -> Pmm.trace(model, null));
    assertEquals("site 'z': the name is used twice in one run; site names must be unique",
        e.getMessage());
  }

  @Test
  void plateSizeDisagreeingWithTheDataIsAnError() {
    Function<Object, Object> model = a -> {
      try (PlateMessenger p = plate("rows", 3)) {
        sample("x", new Normal(c(0.0, 0.0), c(1.0, 1.0)), c(1, 2));
      }
      return null;
    };
    SiteException e = assertThrows(SiteException.class, () -> Pmm.trace(model, null));
    assertEquals("site 'x': plate 'rows' has size 3 at batch dimension -1 but the"
        + " distribution's batch shape [2] has 2 there", e.getMessage());
  }

  @Test
  void replayingATraceWithoutTheSiteIsAnError() {
    Function<Object, Object> guide = a -> null;
    Function<Object, Object> model = a -> sample("z", new Normal(c(0.0), c(1.0)));
    SiteException e = assertThrows(SiteException.class, () -> Elbo.run(model, guide, null));
    assertEquals("site 'z': not in the trace being replayed (the guide has no site of this"
        + " name)", e.getMessage());
  }

  @Test
  void observedValueOfTheWrongShapeIsAnError() {
    Function<Object, Object> model = a -> {
      try (PlateMessenger p = plate("rows", 2)) {
        sample("y", Bernoulli.probs(c(0.5, 0.5)), c(1, 0, 1));
      }
      return null;
    };
    SiteException e = assertThrows(SiteException.class, () -> Pmm.trace(model, null));
    assertEquals(true, e.getMessage().startsWith("site 'y': "), e.getMessage());
    assertEquals(true, e.getMessage().contains("[3]") && e.getMessage().contains("[2]"),
        e.getMessage());
  }

  @Test
  void observedValueOutsideTheSupportIsAnError() {
    Function<Object, Object> model = a -> sample("y", Bernoulli.probs(c(0.5)), c(0.5));
    SiteException e = assertThrows(SiteException.class, () -> Pmm.trace(model, null));
    assertEquals(true, e.getMessage().startsWith("site 'y': "), e.getMessage());
  }
}
