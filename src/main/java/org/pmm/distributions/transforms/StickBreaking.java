package org.pmm.distributions.transforms;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * Stick-breaking from K − 1 reals onto the K-simplex: z_i = σ(u_i − log(K − 1 − i)) is the
 * fraction broken off what remains of the stick, y_i = z_i · Π_{j<i}(1 − z_j), and the last
 * element takes the rest. The offset makes u = 0 the uniform point (1/K, ..., 1/K). The map is
 * triangular, so log|det J| = Σ_i log z_i + log(1 − z_i) + log Π_{j<i}(1 − z_j).
 *
 * <p>Works in log space and with the running products as matrix products with triangular 0/1
 * matrices, so that every element is one differentiable operation whatever K is.
 */
final class StickBreaking implements Bijection {

  @Override
  public Tensor forward(Tensor u) {
    Pieces p = pieces(u);
    Tensor logFront = p.x.logSigmoid().add(p.logRemaining);
    Tensor logLast = p.logOneMinusZ.sum(true, p.last);
    return Ops.concat(p.last, logFront, logLast).exp();
  }

  /** u_i = log y_i − log(Σ_{j>i} y_j) + log(K − 1 − i). */
  @Override
  public Tensor inverse(Tensor y) {
    long k = y.size(y.rank() - 1);
    if (k < 2) {
      throw new IllegalArgumentException("stick-breaking needs a simplex of 2 or more elements, "
          + "the last dimension has " + k);
    }
    Tensor rest = lastDimProduct(y, strictlyLower(k, k - 1, y.dataType()));
    Tensor front = y.slice(y.rank() - 1, 0, k - 1);
    return front.log().sub(rest.log()).add(offsets(k - 1, y.dataType()));
  }

  @Override
  public Tensor logAbsDetJacobian(Tensor u, Tensor y) {
    Pieces p = pieces(u);
    return p.x.logSigmoid().add(p.logOneMinusZ).add(p.logRemaining).sum(false, p.last);
  }

  @Override
  public int eventRank() {
    return 1;
  }

  @Override
  public long[] unconstrainedShape(long[] constrained) {
    if (constrained.length == 0 || constrained[constrained.length - 1] < 2) {
      throw new IllegalArgumentException("a simplex needs a last dimension of 2 or more, got "
          + Arrays.toString(constrained));
    }
    long[] out = constrained.clone();
    out[out.length - 1]--;
    return out;
  }

  @Override
  public String describe() {
    return "stick-breaking";
  }

  /** x = u − offsets, log(1 − z) and the log of the stick left before each break. */
  private record Pieces(Tensor x, Tensor logOneMinusZ, Tensor logRemaining, int last) {}

  private static Pieces pieces(Tensor u) {
    int last = u.rank() - 1;
    long n = u.size(last);
    Tensor x = u.sub(offsets(n, u.dataType()));
    Tensor logOneMinusZ = x.neg().logSigmoid();
    Tensor logRemaining = lastDimProduct(logOneMinusZ, strictlyUpper(n, u.dataType()));
    return new Pieces(x, logOneMinusZ, logRemaining, last);
  }

  /** log(K − 1 − i) for i = 0..n−1, with K − 1 = n, broadcast over the leading dimensions. */
  private static Tensor offsets(long n, DataType type) {
    INDArray o = Nd4j.create(type, n);
    for (int i = 0; i < n; i++) {
      o.putScalar(i, Math.log(n - i));
    }
    return Tensor.stepConstant(o);
  }

  /** m[j][i] = 1 if j < i: (v·m)_i = Σ_{j<i} v_j, the exclusive running sum. */
  private static Tensor strictlyUpper(long n, DataType type) {
    INDArray m = Nd4j.zeros(type, n, n);
    for (int j = 0; j < n; j++) {
      for (int i = j + 1; i < n; i++) {
        m.putScalar(j, i, 1.0);
      }
    }
    return Tensor.stepConstant(m);
  }

  /** m[j][i] = 1 if j > i, for j < k and i < cols: (v·m)_i = Σ_{j>i} v_j. */
  private static Tensor strictlyLower(long k, long cols, DataType type) {
    INDArray m = Nd4j.zeros(type, k, cols);
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < Math.min(j, cols); i++) {
        m.putScalar(j, i, 1.0);
      }
    }
    return Tensor.stepConstant(m);
  }

  /** v (any rank) times m along v's last dimension. */
  private static Tensor lastDimProduct(Tensor v, Tensor m) {
    long[] shape = v.shape();
    long n = shape[shape.length - 1];
    Tensor flat = v.reshape(v.length() / n, n).matmul(m);
    long[] out = shape.clone();
    out[out.length - 1] = m.size(1);
    return flat.reshape(out);
  }
}
