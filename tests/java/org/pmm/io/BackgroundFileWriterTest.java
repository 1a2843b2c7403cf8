package org.pmm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes land in order and completely once awaited; a failed write is reported by the next call
 * (once), leaves the previous file intact, and does not stop later writes; the writer releases
 * the bytes it was handed, written or refused.
 */
class BackgroundFileWriterTest {
  @TempDir
  Path dir;

  private static ChunkedBytes bytes(String s) {
    ChunkedBytes b = new ChunkedBytes();
    b.write(s.getBytes(StandardCharsets.UTF_8), 0, s.length());
    return b;
  }

  @Test
  void theLastWriteIsOnDiskAfterAwait() throws IOException {
    BackgroundFileWriter writer = new BackgroundFileWriter();
    Path target = dir.resolve("gmu-cycle0.ckpt");
    ChunkedBytes last = null;
    for (int epoch = 1; epoch <= 5; epoch++) {
      last = bytes("checkpoint of epoch " + epoch);
      writer.write(target, last);
    }
    writer.await();
    assertEquals("checkpoint of epoch 5", Files.readString(target));
    ChunkedBytes written = last;
    assertThrows(IllegalStateException.class, () -> written.write(0), "released once written");
  }

  @Test
  void aFailedWriteIsReportedByTheNextCallAndTheWriterGoesOn() throws IOException {
    BackgroundFileWriter writer = new BackgroundFileWriter();
    Path good = dir.resolve("good.ckpt");
    writer.write(good, bytes("epoch 1"));
    Path notADirectory = dir.resolve("file");
    Files.writeString(notADirectory, "a file where a directory should be");
    Path impossible = notADirectory.resolve("gmu-cycle0.ckpt");
    writer.write(impossible, bytes("epoch 2")); // returns: the failure comes later
    ChunkedBytes refused = bytes("epoch 3");
    IOException e = assertThrows(IOException.class, () -> writer.write(good, refused));
    assertThrows(IllegalStateException.class, () -> refused.write(0), "released when refused");
    assertTrue(e instanceof FileAlreadyExistsException, e.toString());
    assertEquals("epoch 1", Files.readString(good)); // the write after the failure did not run
    assertFalse(Files.exists(impossible));
    writer.write(good, bytes("epoch 3"));
    writer.await();
    writer.await(); // reported once: nothing pending now
    assertEquals("epoch 3", Files.readString(good));
  }
}
