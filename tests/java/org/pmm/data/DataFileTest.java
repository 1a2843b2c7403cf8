package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.base.UserError;

/** The three kinds of data file, read into arrays by name, and their malformed forms. */
class DataFileTest {
  @TempDir
  Path tmp;

  @Test
  void jsonHoldsNumbersAndNestedArraysOfAnyRank() throws IOException {
    Path f = Files.writeString(tmp.resolve("d.json"),
        "{\"J\": 3, \"y\": [28, 8, -3], \"m\": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}");
    DataFile d = DataFile.read(f);
    assertEquals(3.0, d.array("J").getDouble(0));
    assertArrayEquals(new double[] {28, 8, -3}, d.array("y").toDoubleVector());
    INDArray m = d.array("m");
    assertArrayEquals(new long[] {2, 2, 2}, m.shape());
    assertEquals(7.0, m.getDouble(1, 1, 0));
    assertNull(d.array("absent"));
  }

  @Test
  void csvColumnsAreArraysNamedByTheHeader() throws IOException {
    Path f = Files.writeString(tmp.resolve("d.csv"), "x, y\n1.5,0\n-2,1\n3e1,1\n");
    DataFile d = DataFile.read(f);
    assertArrayEquals(new double[] {1.5, -2, 30}, d.array("x").toDoubleVector());
    assertArrayEquals(new double[] {0, 1, 1}, d.array("y").toDoubleVector());
  }

  @Test
  void hdf5DatasetsAreReadByTheirPaths() throws IOException {
    Path f = tmp.resolve("d.h5");
    SurrogateGenerator.write(f, 40, 1, line -> { });
    DataFile d = DataFile.read(f);
    assertArrayEquals(new long[] {40, 300}, d.array("features").shape());
    assertArrayEquals(new long[] {40, 23}, d.array("genres").shape());
    try (MmImdbFile mm = MmImdbFile.open(f)) {
      assertEquals(mm.read(Source.TEXT, 3, 4)[7], d.array("features").getDouble(3, 7), 0);
    }
  }

  @Test
  void malformedFilesAreRefusedSayingWhereAndWhat() throws IOException {
    Path ragged = Files.writeString(tmp.resolve("r.json"), "{\"y\": [[1, 2], [3]]}");
    assertEquals(ragged + ": 'y[1]' is not an array of 2 like the first element at its depth:"
        + " the array is not rectangular", message(ragged));
    Path text = Files.writeString(tmp.resolve("t.json"), "{\"y\": [1, \"two\"]}");
    assertEquals(text + ": 'y[1]' is not a number, its siblings are", message(text));
    Path broken = Files.writeString(tmp.resolve("b.json"), "{\"y\": [1, 2}");
    assertTrue(message(broken).startsWith(broken + ":1:"), message(broken));
    Path field = Files.writeString(tmp.resolve("f.csv"), "x,y\n1,2\n3,abc\n");
    assertEquals(field + ":3: column 'y' holds 'abc', not a number", message(field));
    Path shortRow = Files.writeString(tmp.resolve("s.csv"), "x,y\n1,2\n3\n");
    assertEquals(shortRow + ":3: 1 fields, the header has 2", message(shortRow));
    Path twice = Files.writeString(tmp.resolve("h.csv"), "x,x\n1,2\n");
    assertEquals(twice + ":1: column 2 of the header is 'x' again; every column needs a name of"
        + " its own", message(twice));
    Path empty = Files.writeString(tmp.resolve("e.json"), "");
    assertTrue(message(empty).startsWith(empty + ": "), message(empty));
    assertEquals("data file '" + tmp + "' is a directory", message(tmp));
    Path other = Files.writeString(tmp.resolve("d.txt"), "1 2 3");
    assertEquals("data file '" + other + "' is not a .json, .csv, .h5 or .hdf5 file", message(other));
  }

  private static String message(Path file) {
    return assertThrows(UserError.class, () -> DataFile.read(file)).getMessage();
  }
}
