package org.pmm.data;

import io.jhdf.HdfFile;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A jhdf {@link HdfFile} that never memory-maps the file: the one place where pmm works around
 * jhdf 0.13.0's reads.
 *
 * <p>jhdf reads each chunk of a chunked dataset (and each slice of a contiguous one) through
 * {@link FileChannel#map}, and a mapping is released only when the garbage collector collects its
 * buffer. A dataset of many small chunks (h5py's {@code chunks=(1, 7)} on {@code vgg_features}
 * is 586 chunks a row) creates mappings faster than collections remove them; at the kernel's
 * limit ({@code vm.max_map_count}, 65,530 by default) the JVM aborts with "insufficient memory".
 * jhdf's {@code HdfFileChannel} switches for good to positional reads into heap buffers when
 * the channel's {@code map} throws {@link UnsupportedOperationException}; the channel given to
 * jhdf here always does. {@code JhdfChunkMappingTest} pins both halves of that behaviour.
 *
 * <pre>{@code
 * try (HdfFile hdf = UnmappedHdfFile.open(path)) { ... }
 * }</pre>
 */
final class UnmappedHdfFile extends HdfFile {
  private final Path path;

  private UnmappedHdfFile(Path path, FileChannel channel) {
    super(channel);
    this.path = path;
  }

  /** Opens {@code path} read-only; jhdf's exceptions for a broken file pass through. */
  static HdfFile open(Path path) throws IOException {
    FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new UnmappedHdfFile(path, new NoMapChannel(file));
    } catch (RuntimeException | Error e) {
      file.close();
      throw e;
    }
  }

  // jhdf's HdfFile built on a channel has no path, and its close() asks for one to log.
  @Override
  public Path getFileAsPath() {
    return path;
  }

  @Override
  public File getFile() {
    return path.toFile();
  }

  /** Reads through a real channel; refuses to map, to lock and to write. */
  static final class NoMapChannel extends FileChannel {
    private final FileChannel file;

    NoMapChannel(FileChannel file) {
      this.file = file;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException("pmm reads HDF5 files without memory maps");
    }

    /**
     * Fills {@code dst} or reaches the end of the file: jhdf's fallback reads again from the
     * same position after a short read, so a short read must not reach it.
     */
    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      int total = 0;
      while (dst.hasRemaining()) {
        int n = file.read(dst, position + total);
        if (n < 0) {
          return total == 0 ? -1 : total;
        }
        total += n;
      }
      return total;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long position) {
      throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
      // nothing written, nothing to force
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new NonWritableChannelException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException("pmm does not lock HDF5 files");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException("pmm does not lock HDF5 files");
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}
