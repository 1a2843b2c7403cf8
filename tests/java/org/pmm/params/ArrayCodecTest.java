package org.pmm.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ArrayCodecTest {
  private static byte[] encode(INDArray a) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArrayCodec.write(out, a);
    return out.toByteArray();
  }

  private static INDArray decode(byte[] bytes, INDArray like) throws IOException {
    ObjectNode desc = JsonNodeFactory.instance.objectNode();
    ArrayCodec.describe(desc, like);
    return ArrayCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)), desc);
  }

  @Test
  void floatsAreStoredRowMajorLittleEndianAndReadBackBitForBit() throws IOException {
    // more values than one copy chunk, with values whose bits matter (NaN payload, -0, subnormal)
    float[] v = new float[300_001];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.sin(i) * 1e3f;
    }
    v[7] = Float.intBitsToFloat(0x7fc01234);
    v[8] = -0f;
    v[9] = Float.MIN_VALUE;
    INDArray a = Nd4j.create(v, new long[] {v.length}, DataType.FLOAT);
    byte[] bytes = encode(a);
    ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(v.length * 4, bytes.length);
    for (int i = 0; i < v.length; i += 9973) {   // the format, read independently
      assertEquals(Float.floatToRawIntBits(v[i]), le.getInt(i * 4), "value " + i);
    }
    INDArray back = decode(bytes, a);
    assertEquals(DataType.FLOAT, back.dataType());
    for (int i = 0; i < v.length; i++) {
      assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(back.getFloat(i)));
    }
  }

  @Test
  void viewsFortranOrderDoublesAndOtherTypesAreWrittenAsTheirRowMajorValues()
      throws IOException {
    INDArray grid = Nd4j.linspace(1, 48, 48, DataType.FLOAT).reshape('f', 6, 8);
    INDArray view = grid.get(NDArrayIndex.interval(1, 5), NDArrayIndex.interval(2, 7));
    assertEquals(view, decode(encode(view), view));
    assertEquals(grid, decode(encode(grid), grid));
    INDArray doubles = Nd4j.linspace(1, 12, 12, DataType.DOUBLE).reshape(3, 4).divi(3);
    INDArray d = decode(encode(doubles), doubles);
    assertEquals(DataType.DOUBLE, d.dataType());
    assertArrayEquals(doubles.data().asDouble(), d.data().asDouble());
    INDArray ints = Nd4j.createFromArray(new int[][] {{1, -2}, {3, 4}});
    assertEquals(ints.castTo(DataType.FLOAT), decode(encode(ints), ints));
  }

  @Test
  void emptyArraysAndScalarsRoundTrip() throws IOException {
    INDArray empty = Nd4j.create(DataType.FLOAT, 0, 5);
    assertEquals(0, encode(empty).length);
    assertArrayEquals(new long[] {0, 5}, decode(new byte[0], empty).shape());
    INDArray scalar = Nd4j.scalar(2.5f);
    assertEquals(2.5f, decode(encode(scalar), scalar).getFloat(0));
  }

  @Test
  void aTruncatedPayloadIsAnError() throws IOException {
    INDArray a = Nd4j.linspace(1, 10, 10, DataType.FLOAT);
    byte[] bytes = encode(a);
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(EOFException.class, () -> decode(cut, a));
  }
}
