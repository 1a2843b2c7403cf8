package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pmm.base.UserError;

/** The registry of estimator names. */
class ElbosTest {
  @Test
  void everyNameCreatesItsEstimator() {
    assertInstanceOf(TraceElbo.class, Elbos.create("trace", 0.2, 10));
    TraceGraphElbo graph = assertInstanceOf(TraceGraphElbo.class, Elbos.create("tracegraph", 0.2, 10));
    assertEquals(0.9, graph.baselineFor("any").decay(), 0.0);
    assertInstanceOf(MeanFieldElbo.class, Elbos.create("meanfield", 0.2, 10));
    IwaeElbo iwae = assertInstanceOf(IwaeElbo.class, Elbos.create("iwae", 0.2, 10));
    assertEquals(Elbos.DEFAULT_BOUND_PARTICLES, iwae.particles());
    assertEquals(8, assertInstanceOf(IwaeElbo.class, Elbos.create("iwae(8)", 0.2, 10)).particles());
    assertEquals(0.5, assertInstanceOf(RenyiElbo.class, Elbos.create("renyi(0.5)", 1, 0)).alpha());
    assertEquals("annealed", Elbos.create("annealed", 0.2, 10).name());
    assertEquals("annealed", Elbos.create("annealed-tracegraph", 0.2, 10).name());
    assertEquals("annealed", Elbos.create("annealed-meanfield", 0.2, 10).name());
  }

  @Test
  void unknownNameListsKnownOnesWithSuggestion() {
    UserError e = assertThrows(UserError.class, () -> Elbos.create("tracegrahp", 0.2, 10));
    assertEquals("unknown estimator 'tracegrahp'; did you mean 'tracegraph'? (known: "
        + String.join(", ", Elbos.usages()) + ")", e.getMessage());
    UserError far = assertThrows(UserError.class, () -> Elbos.create("svgd", 0.2, 10));
    assertTrue(!far.getMessage().contains("did you mean")
        && far.getMessage().contains("known: trace,"), far.getMessage());
    UserError renyi = assertThrows(UserError.class, () -> Elbos.create("reny(0.5)", 0.2, 10));
    assertTrue(renyi.getMessage().contains("did you mean 'renyi(α)'"), renyi.getMessage());
  }

  @Test
  void badNumbersAreUserErrors() {
    assertTrue(assertThrows(UserError.class, () -> Elbos.create("renyi(1)", 0.2, 10))
        .getMessage().contains("other than 1"));
    assertTrue(assertThrows(UserError.class, () -> Elbos.create("renyi(x)", 0.2, 10))
        .getMessage().contains("α must be a number"));
    assertTrue(assertThrows(UserError.class, () -> Elbos.create("iwae(0)", 0.2, 10))
        .getMessage().contains("particles"));
    assertTrue(assertThrows(UserError.class, () -> Elbos.create("annealed", 0, 10))
        .getMessage().contains("kl_lambda"));
  }

  @Test
  void everyRegisteredEstimatorIsBuiltFromItsUsageAndHasHelp() {
    for (Elbos.Estimator e : Elbos.all()) {
      String written = e.parameter() == null ? e.name() : e.name() + "(" + (e.name().equals("renyi") ? "0.5" : "3") + ")";
      assertTrue(Elbos.isKnown(written), written);
      assertTrue(Elbos.help().contains(e.usage()), e.usage());
      assertTrue(!e.help().isBlank(), e.name());
    }
    assertEquals(3, assertInstanceOf(IwaeElbo.class, Elbos.create("iwae(3)")).particles());
    assertTrue(Elbos.problem("renyi").orElseThrow().contains("renyi(α)"));
    assertTrue(Elbos.problem("trace(2)").orElseThrow().contains("takes no parameter"));
  }

  @Test
  void particlesReachTheEstimator() {
    TraceElbo trace = assertInstanceOf(TraceElbo.class,
        Elbos.create("trace", new Elbos.Options(0.2, 0, 5)));
    assertEquals(5, trace.numParticles);
    assertThrows(UserError.class, () -> new Elbos.Options(0.2, 0, 0));
  }
}
