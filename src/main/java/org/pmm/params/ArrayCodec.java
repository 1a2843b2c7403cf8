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
import org.pmm.io.ChunkedBytes;
import org.pmm.tensor.HostArrays;

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
  /**
   * Bytes copied at a time (a multiple of 8): below half a G1 region at the launcher's heap, so
   * that the chunk is an ordinary young object and not a humongous one.
   */
  private static final int CHUNK = 256 << 10;

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
    boolean dbl = a.dataType() == DataType.DOUBLE;
    if (a.isEmpty()) {
      return;
    }
    INDArray dense = HostArrays.dense(a, dbl ? DataType.DOUBLE : DataType.FLOAT);
    // straight from the native buffer in chunks: INDArray.data().asFloat() reads element by
    // element, which made a checkpoint take longer to encode than to write
    ByteBuffer values = dense.data().asNio().order(ByteOrder.nativeOrder());
    values.limit(Math.toIntExact(dense.length() * (dbl ? 8 : 4)));
    if (out instanceof ChunkedBytes bytes && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      bytes.write(values); // native to native: the bytes are already the file's
      return;
    }
    ByteBuffer chunk = ByteBuffer.allocate(Math.min(CHUNK, values.limit()))
        .order(ByteOrder.LITTLE_ENDIAN);
    while (values.hasRemaining()) {
      int n = Math.min(chunk.capacity(), values.remaining());
      ByteBuffer part = values.slice().order(ByteOrder.nativeOrder()).limit(n);
      chunk.clear();
      if (dbl) {
        chunk.asDoubleBuffer().put(part.asDoubleBuffer());
      } else {
        chunk.asFloatBuffer().put(part.asFloatBuffer());
      }
      out.write(chunk.array(), 0, n);
      values.position(values.position() + n);
    }
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
    DataType dtype = dbl ? DataType.DOUBLE : DataType.FLOAT;
    if (n == 0) {
      return Nd4j.create(dtype, shape);
    }
    INDArray out = Nd4j.createUninitialized(dtype, shape);
    ByteBuffer values = out.data().asNio().order(ByteOrder.nativeOrder());
    values.limit(Math.toIntExact(n * (dbl ? 8 : 4)));
    byte[] chunk = new byte[Math.min(CHUNK, values.limit())];
    while (values.hasRemaining()) {
      int m = Math.min(chunk.length, values.remaining());
      in.readFully(chunk, 0, m);
      ByteBuffer part = ByteBuffer.wrap(chunk, 0, m).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer into = values.slice().order(ByteOrder.nativeOrder());
      if (dbl) {
        into.asDoubleBuffer().put(part.asDoubleBuffer());
      } else {
        into.asFloatBuffer().put(part.asFloatBuffer());
      }
      values.position(values.position() + m);
    }
    return out;
  }
}
