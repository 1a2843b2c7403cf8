package org.pmm.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.distributions.Normal;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/** Each handler's own behaviour, and unwinding when a model throws. */
class HandlerSemanticsTest {
  /** log N(x | 0, 1) */
  private static double logNormal(double x) {
    return -0.5 * x * x - 0.5 * Math.log(2 * Math.PI);
  }

  private static Tensor c(double... v) {
    return Tensor.constant(Nd4j.createFromArray(v));
  }

  private static final Function<Object, Object> MODEL = args -> {
    Tensor z = sample("z", new Normal(c(0.0), c(1.0)));
    sample("x", new Normal(z, c(1.0)), c(0.5));
    return z;
  };

  @Test
  void traceRecordsSitesInOrderWithLogDensities() {
    Trace t = Pmm.trace(MODEL, null);
    assertEquals(java.util.List.of("z", "x"),
        t.sites().stream().map(Site::name).toList());
    double z = t.site("z").value().item();
    assertTrue(t.site("x").observed());
    assertFalse(t.site("z").observed());
    assertEquals(logNormal(z) + logNormal(0.5 - z), t.logProbSum().item(), 1e-12);
  }

  @Test
  void replayReusesTheRecordedValues() {
    Trace first = Pmm.trace(MODEL, null);
    Trace second;
    try (TraceMessenger t = new TraceMessenger().enter();
        ReplayMessenger r = new ReplayMessenger(first).enter()) {
      MODEL.apply(null);
      second = t.trace();
    }
    assertSame(first.site("z").value(), second.site("z").value());
  }

  @Test
  void conditionObservesALatentSite() {
    Trace t;
    try (TraceMessenger tr = new TraceMessenger().enter();
        ConditionMessenger cond = new ConditionMessenger(Map.of("z", c(0.25))).enter()) {
      MODEL.apply(null);
      t = tr.trace();
    }
    assertTrue(t.site("z").observed());
    assertEquals(0.25, t.site("z").value().item());
  }

  @Test
  void blockHidesSitesFromOuterHandlers() {
    Trace t;
    try (TraceMessenger tr = new TraceMessenger().enter();
        BlockMessenger b = new BlockMessenger(m -> m.name.equals("z")).enter()) {
      MODEL.apply(null);
      t = tr.trace();
    }
    assertFalse(t.contains("z"));
    assertTrue(t.contains("x"));
  }

  @Test
  void scaleMultipliesLogDensities() {
    Trace plain;
    Trace scaled;
    try (SeedMessenger s = new SeedMessenger(4).enter()) {
      plain = Pmm.trace(MODEL, null);
    }
    try (SeedMessenger s = new SeedMessenger(4).enter();
        ScaleMessenger sc = new ScaleMessenger(3.0).enter()) {
      scaled = Pmm.trace(MODEL, null);
    }
    assertEquals(3 * plain.logProbSum().item(), scaled.logProbSum().item(), 1e-12);
  }

  @Test
  void maskZeroesMaskedElements() {
    Function<Object, Object> model = a -> {
      try (PlateMessenger p = plate("rows", 3)) {
        sample("x", new Normal(c(0.0), c(1.0)), c(0.0, 1.0, 2.0));
      }
      return null;
    };
    Trace t;
    try (TraceMessenger tr = new TraceMessenger().enter();
        MaskMessenger m = new MaskMessenger(Nd4j.createFromArray(1.0, 0.0, 1.0)).enter()) {
      model.apply(null);
      t = tr.trace();
    }
    assertEquals(logNormal(0) + logNormal(2), t.logProbSum().item(), 1e-12);
  }

  @Test
  void seedMakesRunsRepeatable() {
    double a;
    double b;
    double c;
    try (SeedMessenger s = new SeedMessenger(7).enter()) {
      a = Pmm.trace(MODEL, null).site("z").value().item();
    }
    try (SeedMessenger s = new SeedMessenger(7).enter()) {
      b = Pmm.trace(MODEL, null).site("z").value().item();
    }
    try (SeedMessenger s = new SeedMessenger(8).enter()) {
      c = Pmm.trace(MODEL, null).site("z").value().item();
    }
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void plateScalesBySizeOverSubsampleAndBroadcasts() {
    Function<Object, Object> model = a -> {
      try (PlateMessenger p = plate("rows", 10, new long[] {2, 5}, -1)) {
        sample("x", new Normal(c(0.0), c(1.0)), c(1.0, -1.0));
      }
      return null;
    };
    Trace t = Pmm.trace(model, null);
    Site x = t.site("x");
    assertEquals(5.0, x.scale());
    assertEquals(1, x.distribution().batchShape().length);
    assertEquals(2, x.distribution().batchShape()[0]);
    assertEquals(5.0 * 2 * logNormal(1.0), t.logProbSum().item(), 1e-12);
    assertEquals("rows", x.plates().get(0).name());
  }

  @Test
  void deterministicSitesRecordTheirValueWithoutChangingTheDensity() {
    Function<Object, Object> model = a -> {
      Tensor z = sample("z", new Normal(c(0.0), c(1.0)));
      return Pmm.deterministic("twice", z.mul(2.0));
    };
    Trace t = Pmm.trace(model, null);
    double z = t.site("z").value().item();
    assertEquals(2 * z, t.site("twice").value().item(), 1e-12);
    assertEquals(logNormal(z), t.logProbSum().item(), 1e-12);
  }

  @Test
  void substituteGivesParamsFixedValues() {
    Tensor v;
    try (ParamStore.Activation a = new ParamStore().activate();
        SubstituteMessenger s = new SubstituteMessenger(Map.of("w", c(3.0))).enter()) {
      v = param("w", () -> Nd4j.zeros(DataType.DOUBLE, 1));
    }
    assertEquals(3.0, v.item());
  }

  @Test
  void handlersUnwindWhenTheModelThrows() {
    int before = HandlerStack.depth();
    Function<Object, Object> failing = a -> {
      sample("z", new Normal(c(0.0), c(1.0)));
      throw new IllegalStateException("boom");
    };
    assertThrows(IllegalStateException.class, () -> {
      try (TraceMessenger t = new TraceMessenger().enter()) {
        new ScaleMessenger(2.0).enter(); // never closed by the model
        failing.apply(null);
      }
    });
    assertEquals(before, HandlerStack.depth());
    assertNull(null);
  }
}
