package org.pmm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What goes in comes out in order, across block boundaries (4 MiB), through single bytes and
 * array writes of every size, checked against {@link ByteArrayOutputStream}.
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
  void emptyWritesNothing() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ChunkedBytes().writeTo(out);
    assertEquals(0, out.size());
  }
}
