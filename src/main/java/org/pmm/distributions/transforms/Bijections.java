package org.pmm.distributions.transforms;

import org.pmm.tensor.Tensor;

/**
 * The bijections from unconstrained space that supports use.
 *
 * <pre>{@code
 * Bijection toUnit = Bijections.sigmoid();
 * Tensor p = toUnit.forward(u);   // 1 / (1 + exp(-u))
 * }</pre>
 */
public final class Bijections {
  private static final Bijection IDENTITY = new Identity();
  private static final Bijection EXP = new Exp();
  private static final Bijection SIGMOID = new Sigmoid();
  private static final Bijection STICK_BREAKING = new StickBreaking();

  private Bijections() {}

  /** y = u. */
  public static Bijection identity() {
    return IDENTITY;
  }

  /** y = exp(u), onto y > 0. */
  public static Bijection exp() {
    return EXP;
  }

  /** y = sigmoid(u), onto 0 < y < 1. */
  public static Bijection sigmoid() {
    return SIGMOID;
  }

  /** Stick-breaking from K − 1 reals onto the K-simplex. */
  public static Bijection stickBreaking() {
    return STICK_BREAKING;
  }

  private static final class Identity implements Bijection {
    @Override
    public Tensor forward(Tensor u) {
      return u;
    }

    @Override
    public Tensor inverse(Tensor y) {
      return y;
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor y) {
      return u.mul(0.0);
    }

    @Override
    public int eventRank() {
      return 0;
    }

    @Override
    public String describe() {
      return "identity";
    }
  }

  private static final class Exp implements Bijection {
    @Override
    public Tensor forward(Tensor u) {
      return u.exp();
    }

    @Override
    public Tensor inverse(Tensor y) {
      return y.log();
    }

    /** dy/du = exp(u), so log|J| = u. */
    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor y) {
      return u;
    }

    @Override
    public int eventRank() {
      return 0;
    }

    @Override
    public String describe() {
      return "exp";
    }
  }

  private static final class Sigmoid implements Bijection {
    @Override
    public Tensor forward(Tensor u) {
      return u.sigmoid();
    }

    /** logit(y) = log y − log(1 − y). */
    @Override
    public Tensor inverse(Tensor y) {
      return y.log().sub(y.neg().log1p());
    }

    /** dy/du = σ(u)(1 − σ(u)), so log|J| = log σ(u) + log σ(−u). */
    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor y) {
      return u.logSigmoid().add(u.neg().logSigmoid());
    }

    @Override
    public int eventRank() {
      return 0;
    }

    @Override
    public String describe() {
      return "sigmoid";
    }
  }
}
