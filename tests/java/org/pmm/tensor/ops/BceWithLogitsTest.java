package org.pmm.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * Binary cross-entropy with logits on float arrays (the passes over their memory) against the
 * closed forms in double precision, logits far out on both sides included.
 */
class BceWithLogitsTest {
  @Test
  void lossAndGradientAreTheClosedForms() {
    RandomStream r = new RandomStream(11);
    INDArray x = r.normal(DataType.FLOAT, 64, 23).muli(4);
    float[] extremes = {-100f, -40f, -15f, 0f, 15f, 40f, 100f};
    for (int j = 0; j < extremes.length; j++) {
      x.putScalar(new long[] {0, j}, extremes[j]);
      x.putScalar(new long[] {1, j}, extremes[j]);
    }
    INDArray y = r.bernoulli(DataType.FLOAT, 0.3, 64, 23);
    y.putScalar(new long[] {0, 0}, 1f);   // target 1 at −100 and 0 at +100: a large loss
    y.putScalar(new long[] {1, 6}, 0f);
    INDArray weights = r.normal(DataType.FLOAT, 64, 23);
    Tensor logits = Tensor.parameter(x.dup());
    Tensor loss = Ops.bceWithLogits(logits, y);
    loss.mul(Tensor.constant(weights)).sum().backward();
    float[] xs = x.data().asFloat();
    float[] ys = y.data().asFloat();
    float[] ws = weights.data().asFloat();
    float[] ls = loss.value().data().asFloat();
    float[] gs = logits.grad().data().asFloat();
    for (int i = 0; i < xs.length; i++) {
      double v = xs[i];
      double softplus = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
      double expected = softplus - v * ys[i];
      assertEquals(expected, ls[i], 1e-6 * Math.max(1, Math.abs(expected)), "loss at " + i);
      double gradient = (1 / (1 + Math.exp(-v)) - ys[i]) * ws[i];
      assertEquals(gradient, gs[i], 1e-6 * Math.max(1, Math.abs(ws[i])), "gradient at " + i);
    }
  }

  @Test
  void theLossIsTheCompositionBitForBit() {
    // softplus, then minus x·y: the passes give the bits of ND4J's product and subtraction
    RandomStream r = new RandomStream(12);
    INDArray x = r.normal(DataType.FLOAT, 40, 23).muli(3);
    INDArray y = r.bernoulli(DataType.FLOAT, 0.5, 40, 23);
    INDArray expected = UnaryOps.stableSoftplus(x).subi(x.mul(y));
    INDArray actual = Ops.bceWithLogits(Tensor.constant(x), y).value();
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected.data().asFloat(),
        actual.data().asFloat(), 0f);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {40, 23}, actual.shape());
  }
}
