package org.pmm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What goes in comes out in order, across block boundaries (4 MiB), through single bytes, array
 * writes of every size and native buffers, checked against {@link ByteArrayOutputStream}; released
 * bytes cannot be used.
 */
class ChunkedBytesTest {
  @Test
  void writesComeBackInOrderAcrossBlocks() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    ChunkedBytes chunked = new ChunkedBytes();
    ByteArrayOutputStream reference = new ByteArrayOutputStream();
    int[] sizes = {0, 1, 13, (4 << 20) - 78, 1, 5 << 20, 3, 9 << 20};
    for (int size : sizes) {
      byte[] b = new byte[size + 6];
      random.nextBytes(b);
      chunked.write(b, 3, size); // an offset, and bytes beyond the length, must be respected
      reference.write(b, 3, size);
      int single = random.nextInt(256);
      chunked.write(single);
      reference.write(single);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunked.writeTo(out);
    assertEquals(reference.size(), chunked.size());
    assertArrayEquals(reference.toByteArray(), out.toByteArray());
  }

  @Test
  void nativeBuffersAreCopiedFromPositionToLimit() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    ChunkedBytes chunked = new ChunkedBytes();
    ByteArrayOutputStream reference = new ByteArrayOutputStream();
    for (int size : new int[] {5, (4 << 20) - 2, 7 << 20, 0, 1}) {
      byte[] b = new byte[size + 9];
      random.nextBytes(b);
      ByteBuffer direct = ByteBuffer.allocateDirect(b.length);
      direct.put(b).position(4).limit(4 + size);
      chunked.write(direct);
      assertEquals(4 + size, direct.position());
      reference.write(b, 4, size);
      chunked.write(b, 0, 2); // arrays and buffers interleave
      reference.write(b, 0, 2);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunked.writeTo(out);
    chunked.release();
    assertArrayEquals(reference.toByteArray(), out.toByteArray());
  }

  @Test
  void releasedBytesCannotBeWrittenOrRead() {
    ChunkedBytes chunked = new ChunkedBytes();
    chunked.write(new byte[] {1, 2, 3}, 0, 3);
    chunked.release();
    chunked.release(); // idempotent
    assertThrows(IllegalStateException.class, () -> chunked.write(4));
    assertThrows(IllegalStateException.class, () -> chunked.writeTo(new ByteArrayOutputStream()));
  }

  @Test
  void emptyWritesNothing() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ChunkedBytes().writeTo(out);
    assertEquals(0, out.size());
  }
}
