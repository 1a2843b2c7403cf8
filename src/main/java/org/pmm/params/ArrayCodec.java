package org.pmm.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How pmm's binary files store an array: a JSON descriptor {@code {"dtype", "shape"}} in the
 * file's header and the values, row-major and little-endian, in the payload. DOUBLE arrays are
 * stored as 8-byte doubles, every other type as 4-byte floats (FLOAT exactly, others cast), so a
 * FLOAT or DOUBLE array reads back bit for bit.
 *
 * <pre>{@code
 * ArrayCodec.describe(header.addObject(), w);   // {"dtype": "FLOAT", "shape": [300, 256]}
 * ArrayCodec.write(out, w);
 * INDArray back = ArrayCodec.read(in, descriptor);
 * }</pre>
 */
public final class ArrayCodec {
  private ArrayCodec() {}

  /** Puts {@code dtype} and {@code shape} of {@code a} into {@code node}. */
  public static void describe(ObjectNode node, INDArray a) {
    node.put("dtype", a.dataType() == DataType.DOUBLE ? "DOUBLE" : "FLOAT");
    ArrayNode shape = node.putArray("shape");
    for (long d : a.shape()) {
      shape.add(d);
    }
  }

  /** Writes the values of {@code a} as {@link #describe} announced them. */
  public static void write(OutputStream out, INDArray a) throws IOException {
    ByteBuffer buf;
    if (a.dataType() == DataType.DOUBLE) {
      double[] v = a.dup('c').data().asDouble();
      buf = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      buf.asDoubleBuffer().put(v);
    } else {
      INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
      float[] v = f.dup('c').data().asFloat();
      buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(v);
    }
    out.write(buf.array(), 0, buf.capacity());
  }

  /**
   * Reads one array described by {@code desc}.
   *
   * @throws IOException if the descriptor is malformed or the stream ends early
   */
  public static INDArray read(DataInputStream in, JsonNode desc) throws IOException {
    JsonNode s = desc == null ? null : desc.get("shape");
    JsonNode type = desc == null ? null : desc.get("dtype");
    if (s == null || !s.isArray() || type == null) {
      throw new IOException("array descriptor without dtype and shape: " + desc);
    }
    long[] shape = new long[s.size()];
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = s.get(i).asLong(-1);
      if (shape[i] < 0 || (shape[i] > 0 && n > Integer.MAX_VALUE / 8 / shape[i])) {
        throw new IOException("array descriptor with an impossible shape: " + s);
      }
      n *= shape[i];
    }
    boolean dbl = "DOUBLE".equals(type.asText());
    if (!dbl && !"FLOAT".equals(type.asText())) {
      throw new IOException("array descriptor with an unknown dtype: " + type);
    }
    byte[] bytes = new byte[Math.toIntExact(n * (dbl ? 8 : 4))];
    in.readFully(bytes);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (dbl) {
      double[] v = new double[(int) n];
      buf.asDoubleBuffer().get(v);
      return Nd4j.create(v, shape, DataType.DOUBLE);
    }
    float[] v = new float[(int) n];
    buf.asFloatBuffer().get(v);
    return Nd4j.create(v, shape, DataType.FLOAT);
  }
}
