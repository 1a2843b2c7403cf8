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
 * (once), leaves the previous file intact, and does not stop later writes.
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
    for (int epoch = 1; epoch <= 5; epoch++) {
      writer.write(target, bytes("checkpoint of epoch " + epoch));
    }
    writer.await();
    assertEquals("checkpoint of epoch 5", Files.readString(target));
  }

  /**
   * Each checkpoint is encoded into the blocks of the one before, once that one is on disk; the
   * files hold exactly what was written each time, never the end of a longer earlier content.
   */
  @Test
  void aRecycledContentReusesTheWrittenOnesMemoryAndWritesOnlyItsOwnBytes() throws IOException {
    BackgroundFileWriter writer = new BackgroundFileWriter();
    Path target = dir.resolve("pmmo-cycle0.ckpt");
    byte[] large = new byte[ChunkedBytes.BLOCK + 100];
    java.util.Arrays.fill(large, (byte) 'x');
    ChunkedBytes first = writer.recycled();
    first.write(large, 0, large.length);
    writer.write(target, first);
    ChunkedBytes second = writer.recycled();
    assertEquals(0, first.size(), "the written content is handed over, not kept");
    assertEquals(2, second.spareBlocks(), "the first content's two blocks");
    second.write("epoch 2".getBytes(StandardCharsets.UTF_8), 0, 7);
    second.trim();
    assertEquals(0, second.spareBlocks(), "the block it did not fill is let go");
    writer.write(target, second);
    writer.await();
    assertEquals("epoch 2", Files.readString(target));
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
    IOException e = assertThrows(IOException.class, () -> writer.write(good, bytes("epoch 3")));
    assertTrue(e instanceof FileAlreadyExistsException, e.toString());
    assertEquals("epoch 1", Files.readString(good)); // the write after the failure did not run
    assertFalse(Files.exists(impossible));
    writer.write(good, bytes("epoch 3"));
    writer.await();
    writer.await(); // reported once: nothing pending now
    assertEquals("epoch 3", Files.readString(good));
  }
}
