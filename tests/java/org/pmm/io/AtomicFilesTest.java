package org.pmm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails half-way (the disk fills up) leaves the previous file exactly as it was and
 * no temporary file behind; a write that succeeds replaces it. Checkpoints rely on both.
 */
class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void aFailedWriteLeavesThePreviousFileAndNoTemporary() throws IOException {
    Path target = dir.resolve("gmu-cycle0.ckpt");
    AtomicFiles.writeString(target, "checkpoint of epoch 1");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeStream(target, out -> {
      out.write("checkpoint of ep".getBytes(StandardCharsets.US_ASCII));
      throw new IOException("No space left on device");
    }));
    assertEquals("No space left on device", e.getMessage());
    assertEquals("checkpoint of epoch 1", Files.readString(target));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("gmu-cycle0.ckpt"), files.map(f -> f.getFileName().toString()).toList());
    }
    AtomicFiles.writeString(target, "checkpoint of epoch 2");
    assertEquals("checkpoint of epoch 2", Files.readString(target));
  }

  /**
   * A written file has the permissions any file created in its directory gets under the
   * process's umask (0644 under 022), not the owner-only ones of the temporary file it was
   * written as.
   */
  @Test
  void aWrittenFileHasTheUsualPermissions() throws IOException {
    Path written = dir.resolve("results.json");
    AtomicFiles.writeString(written, "{}");
    Path plain = Files.createFile(dir.resolve("plain"));
    assertEquals(Files.getPosixFilePermissions(plain),
        Files.getPosixFilePermissions(written));
  }
}
