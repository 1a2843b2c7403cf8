package org.pmm.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.base.UserError;

/**
 * The arrays of a data file given with {@code --data}, by name: a JSON object from names to
 * numbers or nested arrays of any rank, a CSV file whose header names its columns (each column an
 * array of one dimension), or the datasets of an HDF5 file by their paths. Values are read as
 * doubles; a name the file does not hold gives null, so that the program can say which entry is
 * missing.
 *
 * <pre>{@code
 * DataFile data = DataFile.read(Path.of("schools.json"));
 * INDArray y = data.array("y");          // [8] doubles, or null
 * }</pre>
 */
public final class DataFile implements NamedArrays {
  private final Path path;
  /** Each name's array, read when first asked for (an HDF5 file may hold much more). */
  private final Map<String, Supplier<INDArray>> arrays;
  private final Map<String, INDArray> read = new java.util.HashMap<>();

  private DataFile(Path path, Map<String, Supplier<INDArray>> arrays) {
    this.path = path;
    this.arrays = arrays;
  }

  private static DataFile of(Path path, Map<String, INDArray> arrays) {
    Map<String, Supplier<INDArray>> lazy = new LinkedHashMap<>();
    arrays.forEach((name, a) -> lazy.put(name, () -> a));
    return new DataFile(path, lazy);
  }

  /**
   * Reads {@code path} by its extension: {@code .json}, {@code .csv}, {@code .h5}/{@code .hdf5}.
   *
   * @throws UserError naming the file and what is wrong with it
   */
  public static DataFile read(Path path) {
    if (Files.isDirectory(path)) {
      throw new UserError("data file '" + path + "' is a directory");
    }
    if (!Files.isRegularFile(path)) {
      throw new UserError("data file '" + path + "' does not exist");
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(".json")) {
        return of(path, json(path));
      }
      if (name.endsWith(".csv")) {
        return of(path, csv(path));
      }
      if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
        return new DataFile(path, hdf5(path));
      }
    } catch (JacksonException e) {
      var at = e.getLocation();
      throw new UserError(path + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
          + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UserError("cannot read data file '" + path + "': " + e.getMessage());
    }
    throw new UserError("data file '" + path + "' is not a .json, .csv, .h5 or .hdf5 file");
  }

  /** The file these arrays came from. */
  public Path path() {
    return path;
  }

  /** The names the file holds, in the file's order. */
  public List<String> names() {
    return List.copyOf(arrays.keySet());
  }

  @Override
  public INDArray array(String name) {
    Supplier<INDArray> a = arrays.get(name);
    return a == null ? null : read.computeIfAbsent(name, n -> a.get());
  }

  private static Map<String, INDArray> json(Path path) throws IOException {
    JsonNode root = new ObjectMapper().readTree(path.toFile());
    if (!(root instanceof ObjectNode object)) {
      throw new UserError(path + ": expected a JSON object from names to numbers or arrays");
    }
    Map<String, INDArray> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      List<Long> shape = new ArrayList<>();
      shapeOf(f.getValue(), shape, path, f.getKey());
      List<Double> values = new ArrayList<>();
      flatten(f.getValue(), shape, 0, values, path, f.getKey(), "");
      double[] flat = values.stream().mapToDouble(Double::doubleValue).toArray();
      long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
      out.put(f.getKey(), dims.length == 0 ? Nd4j.scalar(flat[0])
          : Nd4j.create(flat, dims, DataType.DOUBLE));
    }
    return out;
  }

  private static void shapeOf(JsonNode node, List<Long> shape, Path path, String name) {
    if (node.isArray()) {
      if (node.isEmpty()) {
        throw new UserError(path + ": '" + name + "' holds an empty array");
      }
      shape.add((long) node.size());
      shapeOf(node.get(0), shape, path, name);
    } else if (!node.isNumber()) {
      throw new UserError(path + ": '" + name + "' holds " + node.getNodeType().toString()
          .toLowerCase(Locale.ROOT) + " where a number or an array is expected");
    }
  }

  private static void flatten(JsonNode node, List<Long> shape, int depth, List<Double> out,
      Path path, String name, String at) {
    if (depth == shape.size()) {
      if (!node.isNumber()) {
        throw new UserError(path + ": '" + name + at + "' is not a number, its siblings are");
      }
      out.add(node.doubleValue());
      return;
    }
    if (!node.isArray() || node.size() != shape.get(depth)) {
      throw new UserError(path + ": '" + name + at + "' is not an array of " + shape.get(depth)
          + " like the first element at its depth: the array is not rectangular");
    }
    for (int i = 0; i < node.size(); i++) {
      flatten(node.get(i), shape, depth + 1, out, path, name, at + "[" + i + "]");
    }
  }

  private static Map<String, INDArray> csv(Path path) throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String[]> rows = new ArrayList<>();
    try (var it = mapper.readerFor(String[].class).<String[]>readValues(path.toFile())) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    }
    if (rows.isEmpty()) {
      throw new UserError(path + ": empty file; expected a header row naming the columns");
    }
    String[] header = rows.get(0);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int c = 0; c < header.length; c++) {
      header[c] = header[c].trim();
      if (header[c].isEmpty() || !seen.add(header[c])) {
        throw new UserError(path + ":1: column " + (c + 1) + " of the header is "
            + (header[c].isEmpty() ? "empty" : "'" + header[c] + "' again") + "; every column"
            + " needs a name of its own");
      }
    }
    int n = rows.size() - 1;
    double[][] columns = new double[header.length][n];
    for (int r = 0; r < n; r++) {
      String[] row = rows.get(r + 1);
      if (row.length != header.length) {
        throw new UserError(path + ":" + (r + 2) + ": " + row.length + " fields, the header has "
            + header.length);
      }
      for (int c = 0; c < header.length; c++) {
        try {
          columns[c][r] = Double.parseDouble(row[c].trim());
        } catch (NumberFormatException e) {
          throw new UserError(path + ":" + (r + 2) + ": column '" + header[c] + "' holds '"
              + row[c] + "', not a number");
        }
      }
    }
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (int c = 0; c < header.length; c++) {
      out.put(header[c], Nd4j.create(columns[c], new long[] {n}, DataType.DOUBLE));
    }
    return out;
  }

  /** The numeric datasets by path, each read when first asked for. */
  private static Map<String, Supplier<INDArray>> hdf5(Path path) {
    Map<String, Supplier<INDArray>> out = new LinkedHashMap<>();
    try (HdfFile hdf = UnmappedHdfFile.open(path)) {
      collect(hdf, path, out);
    } catch (IOException | RuntimeException e) {
      throw damaged(path, e);
    }
    return out;
  }

  private static void collect(io.jhdf.api.Group group, Path path,
      Map<String, Supplier<INDArray>> out) {
    for (Node node : group) {
      if (node instanceof io.jhdf.api.Group g) {
        collect(g, path, out);
      } else if (node instanceof Dataset d && !d.isEmpty() && HdfTypes.isNumeric(d.getDataType())) {
        String dataset = d.getPath();
        String key = dataset.startsWith("/") ? dataset.substring(1) : dataset;
        out.put(key, () -> readDataset(path, dataset));
      }
    }
  }

  private static INDArray readDataset(Path path, String dataset) {
    try (HdfFile hdf = UnmappedHdfFile.open(path)) {
      Dataset d = hdf.getDatasetByPath(dataset);
      int[] dims = d.getDimensions();
      long[] shape = new long[dims.length];
      int count = 1;
      for (int i = 0; i < dims.length; i++) {
        shape[i] = dims[i];
        count = Math.multiplyExact(count, dims[i]);
      }
      double[] flat = new double[count];
      flatten(d.getData(), flat, new int[1]);
      return shape.length == 0 ? Nd4j.scalar(flat[0]) : Nd4j.create(flat, shape, DataType.DOUBLE);
    } catch (IOException | RuntimeException e) {
      throw damaged(path, e);
    }
  }

  private static UserError damaged(Path path, Exception e) {
    return new UserError("cannot read HDF5 file '" + path + "' (damaged or not HDF5?): "
        + e.getMessage());
  }

  /** Copies the numbers of a (nested) Java array into {@code out} from {@code at[0]} on. */
  private static void flatten(Object data, double[] out, int[] at) {
    if (data instanceof double[] v) {
      System.arraycopy(v, 0, out, at[0], v.length);
      at[0] += v.length;
    } else if (data.getClass().isArray()) {
      int n = Array.getLength(data);
      for (int i = 0; i < n; i++) {
        Object e = Array.get(data, i);
        if (e instanceof Number number) {
          out[at[0]++] = number.doubleValue();
        } else if (e instanceof Boolean b) {
          out[at[0]++] = b ? 1.0 : 0.0;
        } else {
          flatten(e, out, at);
        }
      }
    } else if (data instanceof Number number) {
      out[at[0]++] = number.doubleValue();
    }
  }
}
