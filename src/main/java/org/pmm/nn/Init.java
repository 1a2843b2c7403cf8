package org.pmm.nn;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.base.ParameterTooLargeException;
import org.pmm.tensor.RandomStream;

/**
 * Initial values of layer parameters. Each checks first that the parameter fits ({@link
 * #requireRoom}): an initial value is where a size set far too large is first allocated.
 *
 * <pre>{@code
 * INDArray w = Init.glorotUniform(rng, DataType.FLOAT, 300, 256, 300, 256);
 * }</pre>
 */
public final class Init {
  /**
   * Arrays a trained parameter keeps: its value, its gradient and the two moments of the Adam
   * family of optimisers.
   */
  static final int ARRAYS_PER_PARAMETER = 4;

  private Init() {}

  /** Glorot (Xavier) uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)). */
  public static INDArray glorotUniform(RandomStream rng, DataType type, long fanIn, long fanOut,
      long... shape) {
    requireRoom(type, shape);
    double a = Math.sqrt(6.0 / (fanIn + fanOut));
    return rng.uniform(type, -a, a, shape);
  }

  public static INDArray zeros(DataType type, long... shape) {
    requireRoom(type, shape);
    return Nd4j.zeros(type, shape);
  }

  public static INDArray filled(DataType type, double value, long... shape) {
    requireRoom(type, shape);
    return Nd4j.valueArrayOf(shape, value, type);
  }

  /**
   * Refuses a parameter of {@code shape} whose arrays ({@link #ARRAYS_PER_PARAMETER} of them),
   * added to the process's resident memory, would exceed the machine's memory. (ND4J allocates
   * its buffers outside JavaCPP's accounting, so the process's resident size is what measures
   * the memory in use.)
   *
   * @throws ParameterTooLargeException naming the shape, the estimate and the limit
   */
  public static void requireRoom(DataType type, long... shape) {
    long machine = Pointer.totalPhysicalBytes();
    if (machine <= 0) {
      return; // the platform does not say
    }
    double bytes = type.width();
    for (long d : shape) {
      bytes *= d;
    }
    double needed = bytes * ARRAYS_PER_PARAMETER;
    long resident = Pointer.physicalBytes();
    if (needed + resident > machine) {
      throw new ParameterTooLargeException(String.format(
          "a parameter of shape %s needs %s, %s with its gradient and optimiser state, beside"
              + " the %s the process uses; the machine has %s", Arrays.toString(shape),
          human(bytes), human(needed), human(resident), human(machine)), shape);
    }
  }

  private static String human(double bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
    int u = 0;
    while (bytes >= 1024 && u < units.length - 1) {
      bytes /= 1024;
      u++;
    }
    return String.format(u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  }
}
