package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * A Laplace guide's log-density of its own reparameterised sample takes a shortcut
 * (−Σ|ε| − Σ log 2·scale); it must give the value and the gradients (for loc and for the
 * scale's unconstrained ρ, through the sample into a downstream loss as well) of the general
 * density evaluated by a second, identical distribution, for which the sample is not its own.
 */
class LaplaceOwnSampleTest {
  private record Result(double value, double[] locGrad, double[] rhoGrad) {}

  private static Result run(DataType type, long rows, long cols, boolean scalarScale,
      BiFunction<Distribution, Distribution, Distribution> densityOf) {
    Nd4j.getRandom().setSeed(11);
    Tensor loc = Tensor.parameter(Nd4j.rand(type, rows, cols).subi(0.5));
    INDArray rho0 = scalarScale ? Nd4j.scalar(type, -1.3)
        : Nd4j.rand(type, rows, cols).subi(2.0);
    Tensor rho = Tensor.parameter(rho0);
    INDArray data = Nd4j.rand(type, 5, rows);
    try (StepScope step = StepScope.open()) {
      Tensor scale = Constraints.positive().transform(rho);
      Distribution guide = new Laplace(loc, scale).toEvent(2);
      Distribution twin = new Laplace(loc, scale).toEvent(2);
      Tensor w = guide.rsample(new RandomStream(5));
      Tensor logQ = densityOf.apply(guide, twin).logProb(w);
      // a downstream use of the sample, so gradients also arrive through w
      Tensor loss = Tensor.constant(data).matmul(w).square().sum().mul(1e-3).sub(logQ);
      loss.backward();
      return new Result(logQ.item(), flat(loc.grad()), flat(rho.grad()));
    }
  }

  private static double[] flat(INDArray a) {
    return a.reshape(a.length()).castTo(DataType.DOUBLE).toDoubleVector();
  }

  @ParameterizedTest(name = "{0} {1}x{2}, scalar scale {3}")
  @CsvSource({"FLOAT, 97, 211, false", "FLOAT, 130, 70, true", "DOUBLE, 9, 7, false",
      "DOUBLE, 6, 5, true"})
  void ownSampleShortcutEqualsTheGeneralDensity(DataType type, long rows, long cols,
      boolean scalarScale) {
    Result own = run(type, rows, cols, scalarScale, (guide, twin) -> guide);
    Result general = run(type, rows, cols, scalarScale, (guide, twin) -> twin);
    double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
    assertEquals(general.value(), own.value(), tolerance * Math.abs(general.value()));
    assertArrayEquals(general.locGrad(), own.locGrad(), 10 * tolerance * (1 + max(general.locGrad())));
    assertArrayEquals(general.rhoGrad(), own.rhoGrad(), 10 * tolerance * (1 + max(general.rhoGrad())));
  }

  private static double max(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }
}
