package org.pmm.data;

import io.jhdf.Superblock;
import io.jhdf.exceptions.HdfChecksumMismatchException;
import io.jhdf.exceptions.HdfFilterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;

/**
 * Says in plain words why an HDF5 file cannot be read: missing, not HDF5, truncated (shorter than
 * its superblock says, which the HDF5 library itself refuses too) or damaged (jhdf failed to
 * decode part of it). jhdf's own message ("Failed to load children of group '//'") means
 * nothing to a user; it stays the error's cause, shown with {@code PMM_DEBUG=1}.
 *
 * <pre>{@code
 * BrokenFile.checkHeader(path);   // UserError: "cannot read HDF5 file 'x.h5': it is truncated: ..."
 * }</pre>
 */
final class BrokenFile {
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private BrokenFile() {}

  /**
   * Throws a {@link UserError} unless {@code path} is a regular file with an HDF5 signature and
   * a readable superblock whose end-of-file address lies within the file.
   */
  static void checkHeader(Path path) {
    long signature = signatureOffset(path);
    Superblock superblock;
    long size;
    try (FileChannel channel = FileChannel.open(path)) {
      size = channel.size();
      superblock = Superblock.readSuperblock(channel, signature);
    } catch (IOException e) {
      throw new UserError("cannot read data file '" + path + "': " + e.getMessage(),
          ExitCodes.BAD_INPUT, e);
    } catch (RuntimeException e) {
      throw new UserError(prefix(path) + "it is damaged or truncated: its superblock (the "
          + "header that locates everything else) cannot be decoded", ExitCodes.BAD_INPUT, e);
    }
    OptionalLong end = end(superblock);
    if (end.isPresent() && end.getAsLong() > size) {
      throw truncated(path, size, end.getAsLong(), null);
    }
  }

  /** jhdf could not decode {@code what} ("its list of datasets", ...). */
  static UserError unreadable(Path path, String what, Throwable cause) {
    UserError truncated = truncatedNow(path, cause);
    if (truncated != null) {
      return truncated;
    }
    return new UserError(prefix(path) + "it is damaged: " + what + " cannot be decoded"
        + hint(cause), ExitCodes.BAD_INPUT, cause);
  }

  /** jhdf could not read rows {@code [from, to)} of a dataset whose header it had decoded. */
  static UserError unreadableRows(Path path, String dataset, int from, int to, Throwable cause) {
    UserError truncated = truncatedNow(path, cause);
    if (truncated != null) {
      return truncated;
    }
    return new UserError("cannot read rows " + from + ".." + to + " of dataset '" + dataset
        + "' in '" + path + "': the file is damaged there: its stored values cannot be decoded"
        + hint(cause), ExitCodes.BAD_INPUT, cause);
  }

  private static String prefix(Path path) {
    return "cannot read HDF5 file '" + path + "': ";
  }

  private static UserError truncated(Path path, long size, long end, Throwable cause) {
    return new UserError(prefix(path) + "it is truncated: it has " + size + " bytes but its "
        + "superblock says it ends at byte " + end + " (an incomplete copy or download?)",
        ExitCodes.BAD_INPUT, cause);
  }

  /** A file that was complete when opened may have been cut since; say so if it was. */
  private static UserError truncatedNow(Path path, Throwable cause) {
    try (FileChannel channel = FileChannel.open(path)) {
      long size = channel.size();
      OptionalLong end = end(Superblock.readSuperblock(channel, signatureOffset(path)));
      return end.isPresent() && end.getAsLong() > size ? truncated(path, size, end.getAsLong(),
          cause) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The end of the file by its superblock; empty when the superblock leaves it undefined. */
  private static OptionalLong end(Superblock superblock) {
    long eof = superblock.getEndOfFileAddress();
    long base = superblock.getBaseAddressByte();
    return eof < 0 || base < 0 ? OptionalLong.empty() : OptionalLong.of(base + eof);
  }

  private static String hint(Throwable cause) {
    if (cause instanceof OutOfMemoryError) {
      return " (a stored size is implausibly large)";
    }
    if (cause instanceof HdfChecksumMismatchException) {
      return " (a checksum does not match)";
    }
    if (cause instanceof HdfFilterException) {
      return " (a compressed chunk does not decompress)";
    }
    return "";
  }

  /**
   * Where the HDF5 signature is: at 0, 512, 1024, 2048, ... (a user block may precede it).
   * Throws a {@link UserError} for a missing, irregular or non-HDF5 file.
   */
  static long signatureOffset(Path path) {
    if (!Files.exists(path)) {
      throw new UserError("data file '" + path + "' does not exist");
    }
    if (!Files.isRegularFile(path)) {
      throw new UserError("data file '" + path + "' is not a regular file");
    }
    try (InputStream in = Files.newInputStream(path)) {
      if (Arrays.equals(in.readNBytes(8), HDF5_SIGNATURE)) {
        return 0;
      }
    } catch (IOException e) {
      throw new UserError("cannot read data file '" + path + "': " + e.getMessage());
    }
    try (var channel = Files.newByteChannel(path)) {
      for (long offset = 512; offset + 8 <= channel.size(); offset *= 2) {
        ByteBuffer head = ByteBuffer.allocate(8);
        channel.position(offset);
        channel.read(head);
        if (Arrays.equals(head.array(), HDF5_SIGNATURE)) {
          return offset;
        }
      }
    } catch (IOException e) {
      throw new UserError("cannot read data file '" + path + "': " + e.getMessage());
    }
    throw new UserError("data file '" + path + "' is not an HDF5 file (no HDF5 signature)");
  }
}
