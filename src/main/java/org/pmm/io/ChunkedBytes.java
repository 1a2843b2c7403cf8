package org.pmm.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;

/**
 * An in-memory file's content, written as a stream and kept in fixed-size blocks of native
 * memory until {@link #release}: it never copies what it holds to grow, is not limited to 2 GB
 * (a checkpoint at the paper's configuration comes close to that), and leaves the Java heap
 * alone. A checkpoint encoded on the heap (210 MB per epoch for a 1024-wide PM+MO, in blocks the
 * size of G1's humongous objects) made G1 grow the committed heap to more than twice what was
 * live, and the process's resident size followed; native blocks go back to the system when the
 * write is done.
 *
 * <pre>{@code
 * ChunkedBytes bytes = new ChunkedBytes();
 * bytes.write(header);
 * ArrayCodec.write(bytes, weights);   // copied straight from the array's native buffer
 * bytes.writeTo(fileStream);
 * bytes.release();
 * }</pre>
 */
public final class ChunkedBytes extends OutputStream {
  /**
   * 4 MiB: above the launcher's mmap threshold for glibc (1 MB), so that each block is mapped on
   * its own and unmapped when freed.
   */
  private static final int BLOCK = 4 << 20;
  /** Heap bytes staged per write to a stream: below half a G1 region, so never humongous. */
  private static final int STAGE = 256 << 10;
  private final List<BytePointer> blocks = new ArrayList<>();
  private ByteBuffer last; // the last block's view; null or full: start a new one
  private long size;
  private boolean released;

  @Override
  public void write(int b) {
    room().put((byte) b);
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    while (len > 0) {
      ByteBuffer to = room();
      int n = Math.min(len, to.remaining());
      to.put(b, off, n);
      off += n;
      len -= n;
      size += n;
    }
  }

  /**
   * Appends the bytes between {@code src}'s position and limit, as they are in memory, and moves
   * its position to the limit.
   */
  public void write(ByteBuffer src) {
    while (src.hasRemaining()) {
      ByteBuffer to = room();
      int n = Math.min(src.remaining(), to.remaining());
      ByteBuffer part = src.slice().limit(n);
      to.put(part);
      src.position(src.position() + n);
      size += n;
    }
  }

  /** Bytes written so far. */
  public long size() {
    return size;
  }

  /** Writes everything held, in order, to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    checkHeld();
    byte[] stage = new byte[(int) Math.min(STAGE, Math.max(size, 1))];
    long left = size;
    for (BytePointer block : blocks) {
      ByteBuffer from = block.asByteBuffer();
      from.limit((int) Math.min(BLOCK, left));
      left -= from.limit();
      while (from.hasRemaining()) {
        int n = Math.min(stage.length, from.remaining());
        from.get(stage, 0, n);
        out.write(stage, 0, n);
      }
    }
  }

  /**
   * Frees the native blocks now (rather than when the garbage collector finds them unreachable).
   * Idempotent; afterwards the content can neither be written to nor read.
   */
  public void release() {
    for (BytePointer block : blocks) {
      block.deallocate();
    }
    blocks.clear();
    last = null;
    released = true;
  }

  private ByteBuffer room() {
    checkHeld();
    if (last == null || !last.hasRemaining()) {
      BytePointer block = new BytePointer(BLOCK);
      blocks.add(block);
      last = block.asByteBuffer();
    }
    return last;
  }

  private void checkHeld() {
    if (released) {
      throw new IllegalStateException("the bytes were released");
    }
  }
}
