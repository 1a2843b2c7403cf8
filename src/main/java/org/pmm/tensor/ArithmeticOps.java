package org.pmm.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise binary arithmetic with broadcasting, and its gradients. */
final class ArithmeticOps {
  private ArithmeticOps() {}

  static Tensor add(Tensor a, Tensor b) {
    check("add", a, b);
    INDArray out = a.value().add(b.value());
    return Tensor.result("add", out, g -> {
      a.accumulate(g, false);
      b.accumulate(g, false);
    }, a, b);
  }

  static Tensor sub(Tensor a, Tensor b) {
    check("sub", a, b);
    INDArray out = a.value().sub(b.value());
    return Tensor.result("sub", out, g -> {
      a.accumulate(g, false);
      if (b.requiresGrad()) {
        b.accumulate(g.neg(), true);
      }
    }, a, b);
  }

  static Tensor mul(Tensor a, Tensor b) {
    check("mul", a, b);
    INDArray out = a.value().mul(b.value());
    return Tensor.result("mul", out, g -> {
      if (a.requiresGrad()) {
        a.accumulate(g.mul(b.value()), true);
      }
      if (b.requiresGrad()) {
        b.accumulate(g.mul(a.value()), true);
      }
    }, a, b);
  }

  static Tensor div(Tensor a, Tensor b) {
    check("div", a, b);
    INDArray out = a.value().div(b.value());
    return Tensor.result("div", out, g -> {
      INDArray ga = g.div(b.value());
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

  static Tensor add(Tensor a, double c) {
    INDArray out = a.value().add(c);
    return Tensor.result("add", out, g -> a.accumulate(g, false), a);
  }

  static Tensor mul(Tensor a, double c) {
    INDArray out = a.value().mul(c);
    return Tensor.result("mul", out, g -> a.accumulate(g.mul(c), true), a);
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
