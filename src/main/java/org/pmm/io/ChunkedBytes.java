package org.pmm.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory file's content, written as a stream and kept in fixed-size blocks: unlike
 * {@link java.io.ByteArrayOutputStream} it never copies what it holds to grow, and it is not
 * limited to 2 GB (a checkpoint at the paper's configuration comes close to that). Once its
 * content is written out, {@link #recycle} hands its blocks to the next content, so that a
 * checkpoint written every epoch takes the same memory every time instead of fresh blocks the
 * collector must find (the Java heap otherwise grows by several checkpoints' worth).
 *
 * <pre>{@code
 * ChunkedBytes bytes = new ChunkedBytes();
 * bytes.write(header);
 * ArrayCodec.write(bytes, weights);
 * bytes.writeTo(fileStream);
 * ChunkedBytes next = bytes.recycle();   // empty, writing into bytes' blocks
 * }</pre>
 */
public final class ChunkedBytes extends OutputStream {
  /**
   * A block and its array header fill two of the 2 MB regions of the JVM's heap exactly: at
   * 4 MB, a third region held 16 bytes.
   */
  static final int BLOCK = (4 << 20) - 64;
  private final List<byte[]> blocks = new ArrayList<>();
  /** Blocks of an earlier content, used before new ones are allocated. */
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
  private int used = BLOCK; // bytes used in the last block; BLOCK: no room, start a new one
  private long size;

  /**
   * An empty content that writes into this one's blocks before it allocates any (this one is
   * left empty: call it only when its content has been written out). Blocks the new content
   * does not fill are let go by {@link #trim}.
   */
  public ChunkedBytes recycle() {
    ChunkedBytes next = new ChunkedBytes();
    next.spare.addAll(blocks);
    next.spare.addAll(spare);
    blocks.clear();
    spare.clear();
    used = BLOCK;
    size = 0;
    return next;
  }

  /** Recycled blocks not used yet. */
  int spareBlocks() {
    return spare.size();
  }

  /** Lets go of the recycled blocks this content has not needed. */
  public void trim() {
    spare.clear();
  }

  @Override
  public void write(int b) {
    room();
    blocks.get(blocks.size() - 1)[used++] = (byte) b;
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    while (len > 0) {
      room();
      int n = Math.min(len, BLOCK - used);
      System.arraycopy(b, off, blocks.get(blocks.size() - 1), used, n);
      used += n;
      off += n;
      len -= n;
      size += n;
    }
  }

  /** Bytes written so far. */
  public long size() {
    return size;
  }

  /** Writes everything held, in order, to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    for (int i = 0; i < blocks.size(); i++) {
      byte[] block = blocks.get(i);
      out.write(block, 0, i == blocks.size() - 1 ? used : BLOCK);
    }
  }

  private void room() {
    if (used == BLOCK) {
      byte[] reused = spare.poll();
      blocks.add(reused != null ? reused : new byte[BLOCK]);
      used = 0;
    }
  }
}
