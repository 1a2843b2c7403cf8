package org.pmm.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes files so that a reader sees either the old complete file or the new complete one, never
 * a half-written file: the content goes to a temporary sibling, is synced to disk, then renamed
 * over the target.
 *
 * <pre>{@code
 * AtomicFiles.writeString(out.resolve("results.json"), json);
 * AtomicFiles.write(out.resolve("data.h5"), tmp -> generator.writeTo(tmp));
 * }</pre>
 */
public final class AtomicFiles {
  /** What a new file's permissions are under this process's umask; found on first write. */
  private static volatile Set<PosixFilePermission> newFilePermissions;
  private AtomicFiles() {}

  /** Something that writes a complete file at the given (temporary) path. */
  @FunctionalInterface
  public interface FileWriter {
    void writeTo(Path temporary) throws IOException;
  }

  /** Something that writes a complete file to a stream. */
  @FunctionalInterface
  public interface StreamWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code target} atomically with a writer that creates the file at a given path. */
  public static void write(Path target, FileWriter writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      writer.writeTo(tmp);
      sync(tmp);
      usualPermissions(tmp, dir);
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code target} atomically from a stream writer. */
  public static void writeStream(Path target, StreamWriter writer) throws IOException {
    write(target, tmp -> {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.writeTo(out);
      }
    });
  }

  /** Writes a UTF-8 string atomically. */
  public static void writeString(Path target, String content) throws IOException {
    writeStream(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Checks, before long work, that {@code target} can be written the way {@link #write} will:
   * a directory that can take a temporary sibling, and a target that is not a directory.
   *
   * @throws IOException what stands in the way
   */
  public static void probe(Path target) throws IOException {
    if (Files.isDirectory(target)) {
      throw new IOException(target + " is a directory");
    }
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Files.delete(Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp"));
  }

  /**
   * A temporary file is created readable by its owner only; the renamed target gets the
   * permissions a new file gets under the process's umask (0644 under 022), as any other
   * program's output would. They are found once, by creating a file beside the first target.
   * Where the file system has no POSIX permissions, nothing changes.
   */
  private static void usualPermissions(Path tmp, Path dir) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> usual = newFilePermissions;
    if (usual == null) {
      Path probe = dir.resolve("." + tmp.getFileName() + ".mode");
      try {
        Files.createFile(probe); // permissions 0666 less the umask
        usual = Files.getPosixFilePermissions(probe);
        newFilePermissions = usual;
      } finally {
        Files.deleteIfExists(probe);
      }
    }
    Files.setPosixFilePermissions(tmp, usual);
  }

  private static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
