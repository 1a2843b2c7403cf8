package org.pmm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.data.SurrogateGenerator;

/**
 * Found by {@link Hdf5FuzzTest} (seed 1, input 260): a damaged object-header size field makes
 * jhdf 0.13.0 allocate a buffer of that size before it notices the header is garbage. With a
 * 1.3 GB size under the default 4 GB heap the open takes about 14 s and ends in an HdfException;
 * under a smaller heap it is an {@code OutOfMemoryError}, which must not escape as a raw stack
 * trace. Run in a child JVM with a 96 MB heap so that the error happens at once: {@code pmm data
 * inspect} must print one {@code pmm: error:} line naming the file and exit 1.
 */
class DamagedSizeFieldTest {
  /** The size the fuzzer's random bytes wrote (little-endian 0x4E6BD163, about 1.3 GB). */
  private static final int DAMAGED_SIZE = 0x4E6BD163;

  @TempDir Path directory;

  @Test
  void hugeObjectHeaderSizeIsAUserErrorNotAStackTrace() throws Exception {
    Path file = directory.resolve("damaged-size.h5");
    SurrogateGenerator.write(file, 300, 5, line -> { });
    byte[] bytes = Files.readAllBytes(file);
    int header = secondObjectHeader(bytes);
    assertEquals(2, bytes[header + 4], "object header version 2 (jhdf's writer)");
    assertEquals(2, bytes[header + 5] & 0x3f, "flags: 4-byte chunk size, no times, no phase change");
    ByteBuffer.wrap(bytes, header + 6, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(DAMAGED_SIZE);
    Files.write(file, bytes);

    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx96m", "-cp", System.getProperty("java.class.path"), "org.pmm.cli.Main", "data", "inspect",
        file.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    // A deadline against a hang, not a speed requirement: the child takes about a second.
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pmm data inspect did not finish");
    List<String> lines = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
        .filter(l -> !l.startsWith("SLF4J")).toList();
    String stderr = String.join("\n", lines);
    assertEquals(1, process.exitValue(), stderr);
    assertEquals(1, lines.size(), stderr);
    assertTrue(lines.get(0).startsWith("pmm: error: cannot read HDF5 file '" + file + "': it is damaged: "),
        stderr);
    assertFalse(stderr.contains("\tat "), stderr);
  }

  /** Offset of the second "OHDR" signature: the first object below the root group. */
  private static int secondObjectHeader(byte[] bytes) throws IOException {
    byte[] signature = "OHDR".getBytes(StandardCharsets.US_ASCII);
    int found = 0;
    for (int i = 0; i + 4 <= bytes.length; i++) {
      if (bytes[i] == signature[0] && bytes[i + 1] == signature[1] && bytes[i + 2] == signature[2]
          && bytes[i + 3] == signature[3] && ++found == 2) {
        return i;
      }
    }
    throw new IOException("fewer than two object headers in the generated file");
  }
}
