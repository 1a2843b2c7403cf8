package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.ScaleMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * z_i ~ N(0, 1), x_i ~ N(z_i, 1) for data [−0.5, 2.0] in a plate, guide N(loc, scale) at
 * loc = 0, scale = 1. With z = loc + scale·ε, −ELBO's gradient is, per element,
 * d/d loc = 2z − x and d/d scale = (2z − x)·ε − 1/scale; in expectation [0.5, −2.0] and, summed
 * over the two elements, 2·E[ε²] − 1·2 = 2.0.
 */
class ExactGradientTest {
  private static final double[] DATA = {-0.5, 2.0};

  private static Tensor d(double... v) {
    return Tensor.constant(Nd4j.createFromArray(v));
  }

  private static Object model(long[] rows) {
    Tensor x = Tensor.constant(Nd4j.createFromArray(DATA).get(
        org.nd4j.linalg.indexing.NDArrayIndex.indices(rows)));
    try (PlateMessenger p = plate("data", DATA.length, rows, -1)) {
      Tensor z = sample("z", new Normal(d(0.0), d(1.0)));
      sample("x", new Normal(z, d(1.0)), x);
    }
    return null;
  }

  private static Object guide(long[] rows) {
    Tensor loc = param("loc", () -> Nd4j.zeros(DataType.DOUBLE, 2, 1));
    Tensor scale = param("scale", () -> Nd4j.ones(DataType.DOUBLE, 2, 1), Constraints.positive());
    try (PlateMessenger p = plate("data", DATA.length, rows, -1)) {
      sample("z", new Normal(loc.gatherRows(rows).reshape(rows.length),
          scale.gatherRows(rows).reshape(rows.length)));
    }
    return null;
  }

  /** Gradients of −ELBO w.r.t. loc and the constrained scale, from one particle. */
  private static double[][] gradient(ParamStore store, long[] rows, double scaleFactor, long seed) {
    store.clear();
    try (ParamStore.Activation a = store.activate();
        SeedMessenger s = new SeedMessenger(seed).enter();
        ScaleMessenger sc = new ScaleMessenger(scaleFactor).enter()) {
      Elbo.Particle particle = Elbo.run(ExactGradientTest::model, ExactGradientTest::guide, rows);
      ElboResult r = new TraceElbo(1).particleLoss(particle);
      r.surrogateLoss().backward();
      INDArray gLoc = store.entry("loc").unconstrained().grad();
      // scale = softplus(u): dL/dscale = dL/du / sigmoid(u), and u = softplus⁻¹(1)
      INDArray u = store.entry("scale").unconstrained().value();
      INDArray gU = store.entry("scale").unconstrained().grad();
      double[] gScale = new double[2];
      for (int i = 0; i < 2; i++) {
        double sig = 1 / (1 + Math.exp(-u.getDouble(i)));
        gScale[i] = gU.getDouble(i) / sig;
      }
      double[] zs = particle.guide().site("z").value().value().toDoubleVector();
      double[] z = new double[2];
      for (int k = 0; k < rows.length; k++) {
        z[(int) rows[k]] = zs[k];
      }
      return new double[][] {gLoc.toDoubleVector(), gScale, z};
    }
  }

  @Test
  void singleSampleGradientIsExact() {
    double[][] g = gradient(new ParamStore(), new long[] {0, 1}, 1.0, 3);
    double[] z = g[2];
    for (int i = 0; i < 2; i++) {
      assertEquals(2 * z[i] - DATA[i], g[0][i], 1e-9, "d/dloc element " + i);
      double eps = z[i]; // loc = 0, scale = 1
      assertEquals((2 * z[i] - DATA[i]) * eps - 1.0, g[1][i], 1e-9, "d/dscale element " + i);
    }
  }

  @Test
  void expectedGradientMatchesClosedFormAndScalesWithScaleHandler() {
    int n = 1500;
    for (double factor : new double[] {1.0, 2.0}) {
      double[] loc = new double[2];
      double scaleSum = 0;
      ParamStore store = new ParamStore();
      for (int s = 0; s < n; s++) {
        double[][] g = gradient(store, new long[] {0, 1}, factor, s);
        loc[0] += g[0][0] / n;
        loc[1] += g[0][1] / n;
        scaleSum += (g[1][0] + g[1][1]) / n;
      }
      // standard errors (n = 1500): loc ≈ 2/√n = 0.05, scale sum ≈ 0.15; bounds ≈ 4 SE
      assertEquals(0.5 * factor, loc[0], 0.2 * factor);
      assertEquals(-2.0 * factor, loc[1], 0.2 * factor);
      assertEquals(2.0 * factor, scaleSum, 0.6 * factor);
    }
  }

  @Test
  void averageOfSubsampleGradientsEqualsFullGradient() {
    int n = 800;
    double[] full = new double[2];
    double[] sub = new double[2];
    ParamStore store = new ParamStore();
    for (int s = 0; s < n; s++) {
      double[][] g = gradient(store, new long[] {0, 1}, 1.0, s);
      double[][] g0 = gradient(store, new long[] {0}, 1.0, 100_000 + s);
      double[][] g1 = gradient(store, new long[] {1}, 1.0, 200_000 + s);
      for (int i = 0; i < 2; i++) {
        full[i] += g[0][i] / n;
        sub[i] += (g0[0][i] + g1[0][i]) / 2 / n;
      }
    }
    for (int i = 0; i < 2; i++) {
      // per-draw standard deviation ≈ 4 (subsample) and 2 (full): SE of the difference ≈ 0.16
      assertEquals(full[i], sub[i], 0.6, "element " + i);
    }
    assertEquals(0.5, sub[0], 0.5);
    assertEquals(-2.0, sub[1], 0.5);
  }

}
