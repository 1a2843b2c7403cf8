package org.pmm.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory file's content, written as a stream and kept in fixed-size blocks: unlike
 * {@link java.io.ByteArrayOutputStream} it never copies what it holds to grow, and it is not
 * limited to 2 GB (a checkpoint at the paper's configuration comes close to that).
 *
 * <pre>{@code
 * ChunkedBytes bytes = new ChunkedBytes();
 * bytes.write(header);
 * ArrayCodec.write(bytes, weights);
 * bytes.writeTo(fileStream);
 * }</pre>
 */
public final class ChunkedBytes extends OutputStream {
  /**
   * A block and its array header fill two of the 2 MB regions of the JVM's heap exactly: at
   * 4 MB, a block took a third region for its 16-byte header.
   */
  private static final int BLOCK = (4 << 20) - 64;
  private final List<byte[]> blocks = new ArrayList<>();
  private int used = BLOCK; // bytes used in the last block; BLOCK: no room, start a new one
  private long size;

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
      blocks.add(new byte[BLOCK]);
      used = 0;
    }
  }
}
