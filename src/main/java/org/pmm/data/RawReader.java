package org.pmm.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads contiguous 4-byte values (float32 or int32) at a file offset into a float array with
 * positional reads through a 4 MB direct buffer: the fastest way we found to fill the 425 MB of
 * {@code vgg_features} (about 0.2 s from the page cache, against about 1.5 s through jhdf's
 * memory-mapped buffer).
 */
final class RawReader {
  private static final int CHUNK = 1 << 22;

  private RawReader() {}

  static float[] read(Path path, long offset, int count, ByteOrder order, boolean integers) {
    float[] out = new float[count];
    int[] ints = integers ? new int[Math.min(count, CHUNK / 4)] : null;
    try (FileChannel channel = FileChannel.open(path)) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(Math.min(CHUNK, Math.max(4, count * 4)))
          .order(order);
      long position = offset;
      int done = 0;
      while (done < count) {
        buffer.clear();
        buffer.limit(Math.min(buffer.capacity(), (count - done) * 4));
        while (buffer.hasRemaining()) {
          int read = channel.read(buffer, position + buffer.position());
          if (read < 0) {
            throw new EOFException("file ends at byte " + (position + buffer.position()));
          }
        }
        buffer.flip();
        int values = buffer.remaining() / 4;
        if (integers) {
          buffer.asIntBuffer().get(ints, 0, values);
          for (int i = 0; i < values; i++) {
            out[done + i] = ints[i];
          }
        } else {
          buffer.asFloatBuffer().get(out, done, values);
        }
        done += values;
        position += values * 4L;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
