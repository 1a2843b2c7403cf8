package org.pmm.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in words why a file operation failed. Java's file-system exceptions often carry only the
 * path as their message ({@code FileAlreadyExistsException: runs/x}), which tells the user
 * nothing they did not type themselves.
 *
 * <pre>{@code
 * IoErrors.describe(new FileAlreadyExistsException("runs/x"))  // "'runs/x' exists and is not a directory"
 * }</pre>
 */
final class IoErrors {
  private IoErrors() {}

  static String describe(IOException e) {
    if (e instanceof FileSystemException fs) {
      String file = fs.getFile() == null ? "" : "'" + fs.getFile() + "' ";
      if (fs instanceof FileAlreadyExistsException) {
        return file + "exists and is not a directory";
      }
      if (fs instanceof NoSuchFileException) {
        return file + "does not exist";
      }
      if (fs instanceof AccessDeniedException) {
        return file + "permission denied";
      }
      if (fs instanceof NotDirectoryException) {
        return file + "is not a directory";
      }
      if (fs instanceof DirectoryNotEmptyException) {
        return file + "is a directory that is not empty";
      }
      if (fs.getReason() != null) {
        return (file.isEmpty() ? "" : file.strip() + ": ") + fs.getReason().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
