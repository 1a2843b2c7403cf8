package org.pmm.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Broadcasting;
import org.pmm.tensor.Memory;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.Tensor;

/**
 * Element-wise binary arithmetic with broadcasting, and its gradients.
 *
 * <pre>{@code
 * Tensor z = ArithmeticOps.mul(x, y);   // x.mul(y); backward: g·y to x, g·x to y
 * }</pre>
 */
public final class ArithmeticOps {
  private ArithmeticOps() {}

  public static Tensor add(Tensor a, Tensor b) {
    INDArray[] v = operands("add", a, b);
    INDArray out = v[0].add(v[1]);
    return Tensor.result("add", out, g -> {
      a.accumulate(g, false);
      b.accumulate(g, false);
    }, a, b);
  }

  public static Tensor sub(Tensor a, Tensor b) {
    INDArray[] v = operands("sub", a, b);
    INDArray out = v[0].sub(v[1]);
    return Tensor.result("sub", out, g -> {
      a.accumulate(g, false);
      if (b.requiresGrad()) {
        b.accumulate(g.neg(), true);
      }
    }, a, b);
  }

  public static Tensor mul(Tensor a, Tensor b) {
    INDArray[] v = operands("mul", a, b);
    INDArray out = v[0].mul(v[1]);
    return Tensor.result("mul", out, g -> {
      if (a.requiresGrad()) {
        a.accumulateProduct(g, v[1]);
      }
      if (b.requiresGrad()) {
        b.accumulateProduct(g, v[0]);
      }
    }, a, b);
  }

  public static Tensor div(Tensor a, Tensor b) {
    INDArray[] v = operands("div", a, b);
    INDArray out = v[0].div(v[1]);
    return Tensor.result("div", out, g -> {
      INDArray ga = g.div(v[1]);
      if (b.requiresGrad()) {
        // d(a/b)/db = -a/b^2 = -(g/b) * (a/b)
        b.accumulate(ga.mul(out).negi(), true);
      }
      if (a.requiresGrad()) {
        a.accumulate(ga, true);
      } else {
        Memory.release(ga);
      }
    }, a, b);
  }

  public static Tensor add(Tensor a, double c) {
    INDArray out = a.value().add(c);
    return Tensor.result("add", out, g -> a.accumulate(g, false), a);
  }

  public static Tensor mul(Tensor a, double c) {
    INDArray out = a.value().mul(c);
    return Tensor.result("mul", out, g -> a.accumulateScaled(g, c), a);
  }

  /**
   * The operands' values, ready for ND4J: when both would need broadcasting (e.g. [4, 1] and
   * [3]), which ND4J 1.0.0-M2.1 cannot do in one operation (Nd4jBehaviourTest), the first is
   * expanded to the result shape first.
   */
  static INDArray[] operands(String op, Tensor a, Tensor b) {
    check(op, a, b);
    long[] out = Broadcasting.shape(op, a.shape(), b.shape());
    INDArray va = a.value();
    if (!java.util.Arrays.equals(out, a.shape()) && !java.util.Arrays.equals(out, b.shape())) {
      va = Broadcasting.expand(va, out);
    }
    return new INDArray[] {va, b.value()};
  }

  static void check(String op, Tensor a, Tensor b) {
    if (a.dataType() != b.dataType()) {
      throw new ShapeException(op + ": data types " + a.dataType() + " and " + b.dataType()
          + " differ (shapes " + Tensor.shapeString(a.shape()) + " and "
          + Tensor.shapeString(b.shape()) + ")");
    }
    Broadcasting.shape(op, a.shape(), b.shape());
  }
}
