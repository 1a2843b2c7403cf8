package org.pmm.fuzz;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damages a copy of an HDF5 file: truncation, bit flips, random or constant runs of bytes. Most
 * of a small MM-IMDb file is raw float data where a flipped bit only changes a number, so
 * damage is aimed at the metadata (superblock, object headers, heaps, B-trees: every byte outside
 * the contiguous datasets' data) 70% of the time, anywhere in the file otherwise. The chunks of a
 * chunked dataset count as metadata here (jhdf does not say where they lie), so damage aimed at
 * the metadata of a chunked file hits its chunk index and its chunks alike.
 *
 * <pre>{@code
 * Hdf5Damage damage = Hdf5Damage.of(Path.of("small.h5"), Files.readAllBytes(Path.of("small.h5")));
 * Hdf5Damage.Damaged copy = damage.apply(new Random(3));  // copy.bytes(), copy.description()
 * }</pre>
 */
final class Hdf5Damage {
  private final byte[] original;
  /** Sorted [start, end) byte ranges holding contiguous dataset values. */
  private final List<long[]> dataRanges;
  private final long metadataBytes;

  private Hdf5Damage(byte[] original, List<long[]> dataRanges) {
    this.original = original;
    this.dataRanges = dataRanges;
    long data = dataRanges.stream().mapToLong(r -> r[1] - r[0]).sum();
    this.metadataBytes = original.length - data;
  }

  /** Finds the data ranges of {@code file} (whose bytes are {@code bytes}) with jhdf. */
  static Hdf5Damage of(Path file, byte[] bytes) {
    List<long[]> ranges = new ArrayList<>();
    try (HdfFile hdf = new HdfFile(file)) {
      for (Node node : hdf) {
        if (node instanceof ContiguousDataset contiguous) {
          long start = hdf.getUserBlockSize() + contiguous.getDataAddress();
          ranges.add(new long[] {start, Math.min(bytes.length, start + ((Dataset) node).getSizeInBytes())});
        }
      }
    }
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    return new Hdf5Damage(bytes, ranges);
  }

  long metadataBytes() {
    return metadataBytes;
  }

  record Damaged(byte[] bytes, String description) {}

  Damaged apply(Random random) {
    byte[] bytes = original.clone();
    List<String> done = new ArrayList<>();
    int steps = random.nextInt(5) == 0 ? 2 + random.nextInt(3) : 1;
    for (int s = 0; s < steps && bytes.length > 0; s++) {
      int at = offset(random, bytes.length);
      switch (random.nextInt(5)) {
        case 0 -> {
          bytes = Arrays.copyOf(bytes, at);
          done.add("truncate to " + at);
        }
        case 1 -> {
          int bit = random.nextInt(8);
          bytes[at] ^= (byte) (1 << bit);
          done.add("flip bit " + bit + " of byte " + at);
        }
        case 2 -> {
          int n = Math.min(bytes.length - at, 1 + random.nextInt(16));
          for (int i = 0; i < n; i++) {
            bytes[at + i] = (byte) random.nextInt(256);
          }
          done.add(n + " random bytes at " + at);
        }
        case 3 -> {
          int n = Math.min(bytes.length - at, 1 + random.nextInt(256));
          Arrays.fill(bytes, at, at + n, (byte) 0);
          done.add(n + " zero bytes at " + at);
        }
        default -> {
          int n = Math.min(bytes.length - at, 1 + random.nextInt(8));
          Arrays.fill(bytes, at, at + n, (byte) 0xff);
          done.add(n + " 0xFF bytes at " + at);
        }
      }
    }
    return new Damaged(bytes, String.join(", ", done));
  }

  /** An offset below {@code length}: a metadata byte 70% of the time, any byte otherwise. */
  private int offset(Random random, int length) {
    if (metadataBytes <= 0 || random.nextInt(10) >= 7) {
      return random.nextInt(length);
    }
    long k = (long) (random.nextDouble() * metadataBytes);
    long position = 0;
    for (long[] range : dataRanges) {
      if (position + k < range[0]) {
        break;
      }
      k -= Math.max(0, range[0] - position);
      position = Math.max(position, range[1]);
    }
    return (int) Math.min(length - 1, position + k);
  }
}
