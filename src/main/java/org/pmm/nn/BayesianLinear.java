package org.pmm.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.pmm.Pmm;
import org.pmm.distributions.Independent;
import org.pmm.distributions.Laplace;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * An affine layer whose weights and biases are random variables (sample sites {@code name.W}
 * and {@code name.b}) with an element-wise Laplace prior and a mean-field Laplace guide.
 * The guide's locations start like a deterministic layer's weights (Glorot-uniform W, zero b);
 * its scales, stored through softplus, start at {@code guideScaleInit}.
 *
 * <pre>{@code
 * BayesianLinear layer = new BayesianLinear("A.text", 300, 256, 0.0, 1.0, 0.01, rng);
 * guide: layer.guide();                  // param sites name.W.loc, name.W.scale, ...
 * model: Affine w = layer.model();       // replayed at the guide's draws under an ELBO
 * predict: Affine m = layer.mean();      // the guide's locations
 * }</pre>
 */
public final class BayesianLinear {
  private final String name;
  private final long in;
  private final long out;
  private final double priorLoc;
  private final double priorScale;
  private final double guideScaleInit;
  private final RandomStream rng;

  public BayesianLinear(String name, long in, long out, double priorLoc, double priorScale,
      double guideScaleInit, RandomStream rng) {
    if (!(priorScale > 0) || !(guideScaleInit > 0)) {
      throw new IllegalArgumentException(name + ": prior_scale and guide_scale_init must be"
          + " positive, got " + priorScale + " and " + guideScaleInit);
    }
    this.name = name;
    this.in = in;
    this.out = out;
    this.priorLoc = priorLoc;
    this.priorScale = priorScale;
    this.guideScaleInit = guideScaleInit;
    this.rng = rng;
  }

  /** The prior's sample sites; returns the drawn (or replayed) weights. */
  public Affine model() {
    return new Affine(priorSample(name + ".W", in, out), priorSample(name + ".b", 1, out));
  }

  /** The guide's sample sites for the same names. */
  public Affine guide() {
    Tensor w = Pmm.sample(name + ".W", Independent.of(new Laplace(loc(true), scale(in, out)), 2));
    Tensor b = Pmm.sample(name + ".b", Independent.of(new Laplace(loc(false), scale(1, out)), 2));
    return new Affine(w, b);
  }

  /** The guide's locations (the posterior mean weights), without gradient. */
  public Affine mean() {
    return new Affine(loc(true).detach(), loc(false).detach());
  }

  /** Names of the guide's location parameters (the targets of L1/L2 penalties). */
  public String[] locationNames() {
    return new String[] {name + ".W.loc", name + ".b.loc"};
  }

  private Tensor priorSample(String site, long rows, long cols) {
    Tensor loc = Tensor.scalar(priorLoc, DataType.FLOAT);
    Tensor scale = Tensor.scalar(priorScale, DataType.FLOAT);
    return Pmm.sample(site, Independent.of(new Laplace(loc, scale).expand(rows, cols), 2));
  }

  private Tensor loc(boolean weight) {
    return weight
        ? Pmm.param(name + ".W.loc",
            () -> Init.glorotUniform(rng, DataType.FLOAT, in, out, in, out))
        : Pmm.param(name + ".b.loc", () -> Init.zeros(DataType.FLOAT, 1, out));
  }

  private Tensor scale(long rows, long cols) {
    String site = name + (rows == 1 ? ".b" : ".W") + ".scale";
    // the initial value is built only when the parameter is first created, not at every step
    return Pmm.param(site, () -> Init.filled(DataType.FLOAT, guideScaleInit, rows, cols),
        Constraints.positive());
  }
}
