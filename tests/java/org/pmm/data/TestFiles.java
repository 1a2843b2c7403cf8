package org.pmm.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Shared helpers: fixture paths and hand-made MM-IMDb-like files. */
final class TestFiles {
  private TestFiles() {}

  static Path resource(String name) {
    try {
      return Path.of(TestFiles.class.getResource("/data/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Small valid data: value(r, c) = r + c / 1000 for text and image, one genre per row. */
  static SurrogateGenerator.Data tiny(int rows) {
    float[][] text = new float[rows][300];
    float[][] image = new float[rows][4096];
    int[][] genres = new int[rows][23];
    String[] ids = new String[rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 300; c++) {
        text[r][c] = r + c / 1000f;
      }
      for (int c = 0; c < 4096; c++) {
        image[r][c] = c % 3 == 0 ? r + c / 10000f : 0f;
      }
      genres[r][r % 23] = 1;
      ids[r] = String.format("%07d", r * 7);
    }
    return new SurrogateGenerator.Data(text, image, genres, ids);
  }

  static Path write(Path path, SurrogateGenerator.Data data) {
    try {
      SurrogateGenerator.writeHdf5(path, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path;
  }

  /** Writes a file with free-form content (for broken layouts). */
  static Path writeCustom(Path path, Consumer<WritableHdfFile> content) {
    try (WritableHdfFile file = HdfFile.write(path)) {
      content.accept(file);
    }
    return path;
  }
}
