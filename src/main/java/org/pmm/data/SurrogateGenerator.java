package org.pmm.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.pmm.io.AtomicFiles;

/**
 * Writes a surrogate MM-IMDb file: the four datasets pmm uses, with the real file's names,
 * shapes and types, and statistics close to the real ones. Deterministic per seed.
 *
 * <p><b>The latent model</b> (details and the reasons in docs/data.md):
 * <ol>
 *   <li><b>Genres</b> ({@link LabelModel}): the number of genres per movie follows MM-IMDb's
 *       distribution exactly; latent themes (light, dark, family, history, factual, spectacle,
 *       fright) give each movie an affinity per genre; each movie takes its k genres of highest
 *       affinity plus a per-genre price tuned so that genre counts match MM-IMDb's (scaled to N).
 *       Shared themes make the real correlations (Family-Animation, Thriller-Crime positive;
 *       Drama-Comedy, Drama-Horror, Drama-Documentary negative).</li>
 *   <li><b>Visibility</b>: each (movie, genre) shows in the text, in the image or in neither
 *       (never in both: the per-genre probabilities sum to 0.70-0.95), from one uniform draw
 *       ({@link GenreProfile}): Documentary, Biography, History, Sport show mostly in text;
 *       Animation, Horror, Western, Film-Noir, Sci-Fi mostly in the poster. A hidden genre is
 *       label noise for that modality; fusing both recovers most of it, except for the movies
 *       that show it nowhere.</li>
 *   <li><b>Features</b> ({@link FeatureModel}): text = small dense vector (genre directions +
 *       40 nuisance topic directions + isotropic noise, scaled to ~0.1 per value); image = 4096
 *       post-ReLU units driven by a 48-d genre latent with noise, a 24-d style latent unrelated to
 *       genre, and per-unit noise, with negative biases so that most units are exactly zero.</li>
 * </ol>
 * Few informative directions among many noisy ones, plus genres that are hidden in a modality,
 * make wide deterministic networks overfit while a linear model on both modalities reaches a
 * weighted F1 of about 0.6.
 *
 * <pre>{@code
 * SurrogateGenerator.write(Path.of("data/surrogate.h5"), 25_959, 0, System.err::println);
 * }</pre>
 */
public final class SurrogateGenerator {
  static {
    JhdfLogging.quiet();
  }

  private static final int BLOCK = 256;

  private final int rows;
  private final long seed;

  public SurrogateGenerator(int rows, long seed) {
    if (rows <= 0) {
      throw new IllegalArgumentException("rows must be positive, got " + rows);
    }
    this.rows = rows;
    this.seed = seed;
  }

  /** The generated data, in memory, in the layout jhdf writes. */
  public record Data(float[][] text, float[][] image, int[][] genres, String[] imdbIds) {}

  /** Generates the data; {@code progress} receives a line per stage and per 10% of rows. */
  public Data generate(Consumer<String> progress) {
    RandomStreams streams = new RandomStreams(seed);
    progress.accept("drawing genres for " + rows + " movies");
    byte[] labels = LabelModel.draw(rows, streams);
    FeatureModel model = new FeatureModel(streams);
    float[][] text = new float[rows][];
    float[][] image = new float[rows][];
    int blocks = (rows + BLOCK - 1) / BLOCK;
    AtomicInteger done = new AtomicInteger();
    int tenth = Math.max(1, blocks / 10);
    IntStream.range(0, blocks).parallel().forEach(b -> {
      SplittableRandom random = streams.stream(3, b);
      double[] visibleText = new double[Genres.COUNT];
      double[] visibleImage = new double[Genres.COUNT];
      float[] noise = new float[FeatureModel.IMAGE_WIDTH];
      for (int r = b * BLOCK; r < Math.min(rows, (b + 1) * BLOCK); r++) {
        FeatureModel.visibility(labels, r, random, visibleText, visibleImage);
        text[r] = new float[FeatureModel.TEXT_WIDTH];
        image[r] = new float[FeatureModel.IMAGE_WIDTH];
        model.text(visibleText, random, noise, text[r]);
        model.image(visibleImage, random, noise, image[r]);
      }
      int finished = done.incrementAndGet();
      if (finished % tenth == 0 && finished < blocks) {
        progress.accept("features: " + (100L * finished / blocks) + "%");
      }
    });
    int[][] genres = new int[rows][Genres.COUNT];
    for (int r = 0; r < rows; r++) {
      for (int g = 0; g < Genres.COUNT; g++) {
        genres[r][g] = labels[r * Genres.COUNT + g];
      }
    }
    return new Data(text, image, genres, imdbIds(streams));
  }

  /** Generates and writes atomically to {@code out}: a crash leaves no partial file. */
  public static void write(Path out, int rows, long seed, Consumer<String> progress)
      throws IOException {
    Data data = new SurrogateGenerator(rows, seed).generate(progress);
    progress.accept("writing " + out);
    AtomicFiles.write(out, tmp -> writeHdf5(tmp, data));
  }

  /** Writes given data (generated, perhaps altered) atomically in the MM-IMDb layout. */
  public static void write(Path out, Data data) throws IOException {
    AtomicFiles.write(out, tmp -> writeHdf5(tmp, data));
  }

  /**
   * As {@link #write}, with {@code features}, {@code vgg_features} and {@code genres} stored in
   * unfiltered chunks of {@code chunkRows x chunkColumns} values (columns capped at a dataset's
   * width), like a file h5py wrote with {@code chunks=(chunkRows, chunkColumns)}.
   */
  public static void writeChunked(Path out, int rows, long seed, int chunkRows, int chunkColumns,
      Consumer<String> progress) throws IOException {
    if (chunkRows <= 0 || chunkColumns <= 0) {
      throw new IllegalArgumentException("chunks must have a positive shape, got " + chunkRows
          + " x " + chunkColumns);
    }
    Data data = new SurrogateGenerator(rows, seed).generate(progress);
    progress.accept("writing " + out);
    AtomicFiles.write(out, tmp -> writeHdf5(tmp, data, new int[] {chunkRows, chunkColumns}));
  }

  /** Writes data in the MM-IMDb layout (contiguous datasets, target_names as a JSON string). */
  static void writeHdf5(Path path, Data data) throws IOException {
    writeHdf5(path, data, null);
  }

  /** As {@link #writeHdf5(Path, Data)}, the numeric datasets chunked when {@code chunk} is set. */
  static void writeHdf5(Path path, Data data, int[] chunk) throws IOException {
    try (WritableHdfFile file = HdfFile.write(path)) {
      put(file, Source.TEXT, data.text(), chunk);
      put(file, Source.IMAGE, data.image(), chunk);
      WritableDataset genres = put(file, Source.LABELS, data.genres(), chunk);
      genres.putAttribute("target_names", targetNamesJson());
      file.putDataset(MmImdbFile.IMDB_IDS, data.imdbIds());
    } catch (HdfException e) {
      throw new IOException("cannot write HDF5 file " + path + ": " + e.getMessage(), e);
    }
  }

  private static WritableDataset put(WritableHdfFile file, Source source, Object values,
      int[] chunk) {
    if (chunk == null) {
      return file.putDataset(source.dataset(), values);
    }
    return file.putDataset(source.dataset(), values, DatasetCreationOptions.builder()
        .chunkDimensions(chunk[0], Math.min(chunk[1], source.width())).build());
  }

  /** The real file's form: one string holding a JSON list, {@code ["Drama", "Comedy", ...]}. */
  static String targetNamesJson() {
    return Genres.NAMES.stream().map(n -> "\"" + n + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** Increasing 7-digit identifiers with leading zeros, like IMDb's {@code tt0000001}. */
  private String[] imdbIds(RandomStreams streams) {
    SplittableRandom random = streams.stream(4, 0);
    int maxStep = Math.max(1, Math.min(300, 9_000_000 / rows));
    String[] ids = new String[rows];
    long id = 0;
    for (int r = 0; r < rows; r++) {
      id += 1 + random.nextInt(maxStep);
      ids[r] = String.format("%07d", id);
    }
    return ids;
  }

}
