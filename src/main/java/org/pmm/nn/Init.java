package org.pmm.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.RandomStream;

/** Initial values of layer parameters. */
public final class Init {
  private Init() {}

  /** Glorot (Xavier) uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)). */
  public static INDArray glorotUniform(RandomStream rng, DataType type, long fanIn, long fanOut,
      long... shape) {
    double a = Math.sqrt(6.0 / (fanIn + fanOut));
    return rng.uniform(type, -a, a, shape);
  }

  public static INDArray zeros(DataType type, long... shape) {
    return Nd4j.zeros(type, shape);
  }

  public static INDArray filled(DataType type, double value, long... shape) {
    return Nd4j.valueArrayOf(shape, value, type);
  }
}
