package org.pmm.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OrderedDataType;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;

/**
 * An open MM-IMDb HDF5 file: checks the layout on opening (datasets present, ranks, widths, types,
 * row counts, genre names) and then reads row ranges of the datasets pmm uses. The other datasets
 * ({@code images}, {@code sequences}, {@code three_grams}, {@code word_grams}) are listed but never
 * read. Contiguous float32/int32 datasets are read straight from the file with positional reads (no
 * memory map: on some virtual machines first-touch page faults dominate); chunked or
 * compressed ones go through jhdf's slice reads, a block of whole chunks at a time, on a file
 * that jhdf reads without memory maps ({@link UnmappedHdfFile}).
 *
 * <p>Every failure (missing file, not HDF5, truncated, damaged, wrong layout) is a
 * {@link UserError} naming the file, the dataset, what was expected and what was found
 * ({@link BrokenFile} words the damaged and truncated cases).
 *
 * <pre>{@code
 * try (MmImdbFile file = MmImdbFile.open(Path.of("data/surrogate.h5"))) {
 *   float[] text = file.read(Source.TEXT, 0, 512);          // 512 x 300, row-major
 *   INDArray image = file.matrix(Source.IMAGE, 0, 512);     // 512 x 4096 float32
 * }
 * }</pre>
 */
public final class MmImdbFile implements AutoCloseable {
  /** The dataset of IMDb identifiers (fixed-length strings with leading zeros). */
  public static final String IMDB_IDS = "imdb_ids";

  static {
    JhdfLogging.quiet();
  }

  /** Bytes of a chunked dataset read by one jhdf slice read (whole chunks, at least a row). */
  private static final int BLOCK_BYTES = 8 << 20;

  private final Path path;
  private final HdfFile hdf;
  private final int rows;
  private final List<String> genreNames;
  private final List<String> warnings = new ArrayList<>();

  private MmImdbFile(Path path, HdfFile hdf) {
    this.path = path;
    this.hdf = hdf;
    this.rows = checkLayout();
    this.genreNames = readGenreNames();
  }

  /** Opens and checks a file; throws {@link UserError} with a clear message when it is unusable. */
  public static MmImdbFile open(Path path) {
    BrokenFile.checkHeader(path);
    HdfFile hdf;
    try {
      hdf = UnmappedHdfFile.open(path);
    } catch (IOException e) {
      throw new UserError("cannot read data file '" + path + "': " + e.getMessage(),
          ExitCodes.BAD_INPUT, e);
    } catch (RuntimeException | OutOfMemoryError e) { // a damaged size field makes jhdf allocate GBs
      throw BrokenFile.unreadable(path, "its root group", e);
    }
    try {
      return new MmImdbFile(path, hdf);
    } catch (UserError e) {
      hdf.close();
      throw e;
    } catch (RuntimeException | OutOfMemoryError e) {
      hdf.close();
      throw BrokenFile.unreadable(path, "its list of datasets and their headers", e);
    }
  }

  public Path path() {
    return path;
  }

  /** Movies in the file. */
  public int rows() {
    return rows;
  }

  /** The 23 genre names from {@code genres.attrs['target_names']}, in column order. */
  public List<String> genreNames() {
    return genreNames;
  }

  /** Problems that do not stop training (for example a missing {@code target_names}). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Rows {@code [from, to)} of a numeric dataset as a row-major float array. */
  public float[] read(Source source, int from, int to) {
    checkRange(from, to);
    Dataset dataset = hdf.getDatasetByPath(source.dataset());
    int width = source.width();
    if (to == from) {
      return new float[0];
    }
    int block;
    try {
      DataType type = dataset.getDataType();
      if (dataset instanceof ContiguousDataset contiguous && type.getSize() == 4
          && (type instanceof FloatingPoint || type instanceof FixedPoint fixed && fixed.isSigned())) {
        long offset = hdf.getUserBlockSize() + contiguous.getDataAddress() + (long) from * width * 4;
        ByteOrder order = ((OrderedDataType) type).getByteOrder();
        return RawReader.read(path, offset, (to - from) * width, order, type instanceof FixedPoint);
      }
      block = blockRows(dataset, width);
    } catch (RuntimeException e) {
      throw BrokenFile.unreadableRows(path, source.dataset(), from, to, e);
    }
    float[] out = new float[(to - from) * width];
    for (int row = from; row < to; ) {
      // blocks start at multiples of the block size, so no chunk is decoded twice
      int end = Math.min(to, (row / block + 1) * block);
      try {
        Object slice = dataset.getData(new long[] {row, 0}, new int[] {end - row, width});
        HdfTypes.flattenInto(slice, width, out, (row - from) * width);
      } catch (RuntimeException | OutOfMemoryError e) { // a damaged size makes jhdf allocate GBs
        throw BrokenFile.unreadableRows(path, source.dataset(), row, end, e);
      }
      row = end;
    }
    return out;
  }

  /**
   * Rows per jhdf slice read: whole chunks (a multiple of the chunk's rows) and about
   * {@link #BLOCK_BYTES}, so that the bytes, the Java arrays jhdf builds and their copy stay small
   * next to the result.
   */
  private static int blockRows(Dataset dataset, int width) {
    int chunkRows = dataset instanceof ChunkedDataset chunked
        ? Math.max(1, chunked.getChunkDimensions()[0]) : 1;
    long rowBytes = (long) width * Math.max(1, dataset.getDataType().getSize());
    long rows = Math.max(1, BLOCK_BYTES / rowBytes);
    return (int) Math.max(chunkRows, Math.min(Integer.MAX_VALUE, rows / chunkRows * chunkRows));
  }

  /** The chunks of a numeric dataset: 0 when it is not chunked. */
  public long chunks(Source source) {
    if (!(hdf.getDatasetByPath(source.dataset()) instanceof ChunkedDataset chunked)) {
      return 0;
    }
    long[] shape = chunked.getDimensionsAsLong();
    int[] chunk = chunked.getChunkDimensions();
    long count = 1;
    for (int d = 0; d < shape.length && d < chunk.length; d++) {
      count *= (shape[d] + Math.max(1, chunk[d]) - 1) / Math.max(1, chunk[d]);
    }
    return count;
  }

  /** The shape of a chunked dataset's chunks ({@code "1 x 7"}); empty when it is not chunked. */
  public String chunkShape(Source source) {
    if (!(hdf.getDatasetByPath(source.dataset()) instanceof ChunkedDataset chunked)) {
      return "";
    }
    return Arrays.stream(chunked.getChunkDimensions()).mapToObj(String::valueOf)
        .collect(Collectors.joining(" x "));
  }

  /** Rows {@code [from, to)} of a numeric dataset as a float32 matrix. */
  public INDArray matrix(Source source, int from, int to) {
    return Nd4j.create(read(source, from, to), new long[] {to - from, source.width()}, 'c');
  }

  /** IMDb identifiers of rows {@code [from, to)}, exactly as stored (leading zeros kept). */
  public String[] readImdbIds(int from, int to) {
    checkRange(from, to);
    try {
      Object all = hdf.getDatasetByPath(IMDB_IDS).getData();
      String[] ids = (String[]) all;
      return Arrays.copyOfRange(ids, from, to);
    } catch (RuntimeException | OutOfMemoryError e) {
      throw BrokenFile.unreadableRows(path, IMDB_IDS, from, to, e);
    }
  }

  /**
   * The official split as written in Fuel's {@code split} attribute of the root group, when
   * present and readable; empty otherwise (the caller then uses the proportional ranges).
   */
  public Optional<SplitRanges> splitFromFile() {
    return FuelSplitAttribute.read(hdf, rows, warnings);
  }

  /** Every dataset of the root group with its shape and type, without reading any data. */
  public List<DatasetInfo> layout() {
    List<DatasetInfo> out = new ArrayList<>();
    for (Node node : hdf) {
      if (node instanceof Dataset d) {
        out.add(new DatasetInfo(d.getName(), d.getDimensionsAsLong(), HdfTypes.describe(d),
            d.getDataLayout().name().toLowerCase()));
      } else {
        out.add(new DatasetInfo(node.getName(), new long[0], HdfTypes.describeNode(node), ""));
      }
    }
    return out;
  }

  @Override
  public void close() {
    hdf.close();
  }

  /** One dataset's name, shape and type, for {@code pmm data inspect}. */
  public record DatasetInfo(String name, long[] shape, String type, String storage) {}

  private int checkLayout() {
    // jhdf decodes the root group's members, and their object headers, on first access
    hdf.getChildren();
    Dataset text = described(Source.TEXT.dataset(), () -> numeric(Source.TEXT, true));
    Dataset image = described(Source.IMAGE.dataset(), () -> numeric(Source.IMAGE, true));
    Dataset labels = described(Source.LABELS.dataset(), () -> numeric(Source.LABELS, false));
    Dataset ids = described(IMDB_IDS, () -> dataset(IMDB_IDS));
    long[] idShape = ids.getDimensionsAsLong();
    if (idShape.length != 1) {
      throw layoutError(IMDB_IDS, "rank 1 (N,)", "rank " + idShape.length + " "
          + Arrays.toString(idShape));
    }
    if (!HdfTypes.isString(ids.getDataType())) {
      throw layoutError(IMDB_IDS, "strings", HdfTypes.describe(ids));
    }
    long n = text.getDimensionsAsLong()[0];
    for (Dataset other : List.of(image, labels, ids)) {
      long m = other.getDimensionsAsLong()[0];
      if (m != n) {
        throw new UserError("invalid data file '" + path + "': row counts disagree: '"
            + Source.TEXT.dataset() + "' has " + n + " rows but '" + other.getName() + "' has "
            + m);
      }
    }
    if (n == 0) {
      throw new UserError("invalid data file '" + path + "': the datasets have no rows");
    }
    if (n > Integer.MAX_VALUE / Source.IMAGE.width()) {
      throw new UserError("invalid data file '" + path + "': " + n + " rows is more than pmm "
          + "can hold in memory");
    }
    for (Dataset d : List.of(text, image, labels)) {
      checkStoredBytes(d);
    }
    return (int) n;
  }

  /** Runs a dataset's layout check; jhdf failing to decode its header names the dataset. */
  private Dataset described(String name, Supplier<Dataset> check) {
    try {
      return check.get();
    } catch (UserError e) {
      throw e;
    } catch (RuntimeException | OutOfMemoryError e) {
      throw BrokenFile.unreadable(path, "the header (shape, type, storage) of dataset '" + name
          + "'", e);
    }
  }

  private Dataset dataset(String name) {
    Node node = hdf.getChild(name);
    if (node == null) {
      throw new UserError("invalid data file '" + path + "': dataset '" + name + "' is missing "
          + "(expected the MM-IMDb layout: features, vgg_features, genres, imdb_ids)");
    }
    if (node instanceof Link) {
      // pmm reads the four datasets stored in the file itself; a link may dangle or lead
      // into another file
      throw layoutError(name, "a dataset stored in the file", HdfTypes.describeNode(node));
    }
    if (!(node instanceof Dataset d)) {
      throw layoutError(name, "a dataset", HdfTypes.describeNode(node));
    }
    return d;
  }

  private Dataset numeric(Source source, boolean mustBeFloat) {
    Dataset d = dataset(source.dataset());
    long[] shape = d.getDimensionsAsLong();
    String expectedShape = "(N, " + source.width() + ")";
    if (shape.length != 2) {
      throw layoutError(source.dataset(), "rank 2 " + expectedShape,
          "rank " + shape.length + " " + Arrays.toString(shape));
    }
    if (shape[1] != source.width()) {
      throw layoutError(source.dataset(), "width " + source.width() + " " + expectedShape,
          "width " + shape[1] + " " + Arrays.toString(shape));
    }
    DataType type = d.getDataType();
    boolean ok = mustBeFloat ? type instanceof FloatingPoint : HdfTypes.isNumeric(type);
    if (!ok) {
      throw layoutError(source.dataset(), mustBeFloat ? "a float type (float32)"
          : "a numeric type (int32 or float)", HdfTypes.describe(d));
    }
    return d;
  }

  /** A contiguous dataset whose bytes run past the end of the file means a truncated copy. */
  private void checkStoredBytes(Dataset d) {
    if (d instanceof ContiguousDataset contiguous) {
      long end = contiguous.getDataAddress() + d.getSizeInBytes();
      long size = fileSize();
      if (end > size) {
        throw new UserError("invalid data file '" + path + "': dataset '" + d.getName()
            + "' needs bytes up to " + end + " but the file has only " + size
            + " (truncated copy?)");
      }
    }
  }

  private List<String> readGenreNames() {
    Dataset labels = hdf.getDatasetByPath(Source.LABELS.dataset());
    Attribute attribute = labels.getAttribute("target_names");
    if (attribute == null) {
      warnings.add("dataset 'genres' has no attribute 'target_names'; using MM-IMDb's genre "
          + "names in their usual order");
      return Genres.NAMES;
    }
    List<String> names = parseNames(attribute.getData());
    if (names.size() != Genres.COUNT) {
      throw new UserError("invalid data file '" + path + "': genres.attrs['target_names'] should "
          + "name " + Genres.COUNT + " genres but names " + names.size());
    }
    return List.copyOf(names);
  }

  private List<String> parseNames(Object value) {
    if (value instanceof String json) {
      try {
        return Arrays.asList(new ObjectMapper().readValue(json, String[].class));
      } catch (JsonProcessingException e) {
        throw new UserError("invalid data file '" + path + "': genres.attrs['target_names'] is "
            + "a string but not a JSON list of names: "
            + json.substring(0, Math.min(60, json.length())));
      }
    }
    if (value instanceof String[] array) {
      if (array.length == 1 && array[0].trim().startsWith("[")) {
        return parseNames(array[0]);
      }
      return Arrays.asList(array);
    }
    throw new UserError("invalid data file '" + path + "': genres.attrs['target_names'] should be "
        + "a JSON string or an array of strings, found " + value.getClass().getSimpleName());
  }

  private UserError layoutError(String dataset, String expected, String found) {
    return new UserError("invalid data file '" + path + "': dataset '" + dataset + "' should be "
        + expected + ", found " + found);
  }

  private void checkRange(int from, int to) {
    if (from < 0 || to > rows || from > to) {
      throw new IllegalArgumentException("row range [" + from + ", " + to + ") outside [0, "
          + rows + ")");
    }
  }

  private long fileSize() {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new UserError("cannot read data file '" + path + "': " + e.getMessage());
    }
  }

  static String reason(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
