package org.pmm.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.pmm.base.UserError;

/**
 * The embedded default data set: the full-size surrogate (25,959 rows, seed 0) cached at
 * {@code <pmm.home>/data/surrogate.h5}, generated on first use. Commands call
 * {@link #ensure()} when the user gives no {@code --data}.
 *
 * <pre>{@code
 * Path data = options.data != null ? options.data : DefaultData.ensure();
 * }</pre>
 */
public final class DefaultData {
  private DefaultData() {}

  /** {@code <pmm.home>/data/surrogate.h5} ({@code pmm.home} defaults to the working directory). */
  public static Path path() {
    return Path.of(System.getProperty("pmm.home", ".")).resolve("data").resolve("surrogate.h5");
  }

  /** The default file, generated first with progress on standard error if it is missing. */
  public static Path ensure() {
    return ensure(line -> System.err.println("pmm: surrogate data: " + line));
  }

  /** The default file, generated first with the given progress sink if it is missing. */
  public static Path ensure(Consumer<String> progress) {
    Path path = path();
    if (Files.isRegularFile(path)) {
      return path;
    }
    progress.accept("generating " + path + " (first use; " + Genres.MMIMDB_ROWS
        + " movies, seed 0)");
    long start = System.nanoTime();
    try {
      SurrogateGenerator.write(path, Genres.MMIMDB_ROWS, 0, progress);
    } catch (IOException | UncheckedIOException e) {
      throw new UserError("cannot write the surrogate data file '" + path + "': "
          + e.getMessage());
    }
    progress.accept(String.format("done in %.1f s", (System.nanoTime() - start) / 1e9));
    return path;
  }
}
