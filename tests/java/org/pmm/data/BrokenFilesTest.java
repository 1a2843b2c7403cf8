package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.UserError;

/** Every broken file gives a UserError that names the dataset, the expectation and the finding. */
class BrokenFilesTest {
  @TempDir Path dir;

  private final SurrogateGenerator.Data data = TestFiles.tiny(5);

  private static void assertMessage(UserError error, String... parts) {
    for (String part : parts) {
      assertTrue(error.getMessage().contains(part),
          () -> "message '" + error.getMessage() + "' should contain '" + part + "'");
    }
  }

  private UserError loadFails(Path path) {
    return assertThrows(UserError.class, () -> MmImdbData.load(path));
  }

  @Test
  void missingDataset() {
    Path path = TestFiles.writeCustom(dir.resolve("m.h5"), f -> {
      f.putDataset("features", data.text());
      f.putDataset("genres", data.genres());
      f.putDataset("imdb_ids", data.imdbIds());
    });
    assertMessage(loadFails(path), "'vgg_features'", "missing");
  }

  @Test
  void wrongWidth() {
    Path path = TestFiles.writeCustom(dir.resolve("w.h5"), f -> {
      f.putDataset("features", new float[5][299]);
      f.putDataset("vgg_features", data.image());
      f.putDataset("genres", data.genres());
      f.putDataset("imdb_ids", data.imdbIds());
    });
    assertMessage(loadFails(path), "'features'", "width 300", "found width 299");
  }

  @Test
  void wrongRank() {
    Path path = TestFiles.writeCustom(dir.resolve("r.h5"), f -> {
      f.putDataset("features", data.text());
      f.putDataset("vgg_features", data.image());
      f.putDataset("genres", new int[5 * 23]);
      f.putDataset("imdb_ids", data.imdbIds());
    });
    assertMessage(loadFails(path), "'genres'", "rank 2", "found rank 1");
  }

  @Test
  void rowCountsDisagree() {
    Path path = TestFiles.writeCustom(dir.resolve("n.h5"), f -> {
      f.putDataset("features", data.text());
      f.putDataset("vgg_features", data.image());
      f.putDataset("genres", new int[4][23]);
      f.putDataset("imdb_ids", data.imdbIds());
    });
    assertMessage(loadFails(path), "row counts disagree", "5 rows", "'genres' has 4");
  }

  @Test
  void nonNumericFeatures() {
    Path path = TestFiles.writeCustom(dir.resolve("s.h5"), f -> {
      f.putDataset("features", new String[][] {{"a"}});
      f.putDataset("vgg_features", data.image());
      f.putDataset("genres", data.genres());
      f.putDataset("imdb_ids", data.imdbIds());
    });
    UserError error = loadFails(path);
    assertMessage(error, "'features'");
  }

  @Test
  void integerFeaturesAreNotFloat() {
    Path path = TestFiles.writeCustom(dir.resolve("i.h5"), f -> {
      f.putDataset("features", new int[5][300]);
      f.putDataset("vgg_features", data.image());
      f.putDataset("genres", data.genres());
      f.putDataset("imdb_ids", data.imdbIds());
    });
    assertMessage(loadFails(path), "'features'", "float type", "found int32");
  }

  @Test
  void nanFeature() {
    data.image()[3][17] = Float.NaN;
    Path path = TestFiles.write(dir.resolve("nan.h5"), data);
    assertMessage(loadFails(path), "'vgg_features'", "NaN", "row 3, column 17", "finite");
  }

  @Test
  void infiniteFeature() {
    data.text()[0][1] = Float.POSITIVE_INFINITY;
    Path path = TestFiles.write(dir.resolve("inf.h5"), data);
    assertMessage(loadFails(path), "'features'", "Infinity", "row 0, column 1");
  }

  @Test
  void labelsNotZeroOrOne() {
    data.genres()[2][5] = 2;
    Path path = TestFiles.write(dir.resolve("l.h5"), data);
    assertMessage(loadFails(path), "'genres'", "2.0", "row 2, column 5", "0 or 1");
  }

  @Test
  void floatLabelsAreAccepted() {
    float[][] labels = new float[5][23];
    for (int r = 0; r < 5; r++) {
      labels[r][r] = 1f;
    }
    Path path = TestFiles.writeCustom(dir.resolve("fl.h5"), f -> {
      f.putDataset("features", data.text());
      f.putDataset("vgg_features", data.image());
      f.putDataset("genres", labels).putAttribute("target_names",
          SurrogateGenerator.targetNamesJson());
      f.putDataset("imdb_ids", data.imdbIds());
    });
    MmImdbData loaded = MmImdbData.load(path);
    assertTrue(loaded.labels()[2 * 23 + 2] == 1f && loaded.rowsWithoutGenre() == 0);
  }

  @Test
  void rowsWithoutGenreWarnNotFail() {
    data.genres()[1][1] = 0;
    data.genres()[4][4] = 0;
    MmImdbData loaded = MmImdbData.load(TestFiles.write(dir.resolve("g.h5"), data));
    assertTrue(loaded.rowsWithoutGenre() == 2);
    assertTrue(loaded.warnings().stream().anyMatch(w -> w.contains("2 of 5 rows")));
  }

  @Test
  void truncatedFile() throws IOException {
    Path full = TestFiles.write(dir.resolve("full.h5"), TestFiles.tiny(20));
    byte[] bytes = Files.readAllBytes(full);
    for (int keep : new int[] {bytes.length / 2, bytes.length - 100, 600, 100, 9}) {
      Path cut = dir.resolve("cut" + keep + ".h5");
      Files.write(cut, java.util.Arrays.copyOf(bytes, keep));
      UserError error = loadFails(cut);
      assertMessage(error, cut.toString());
      if (keep >= 100) {
        assertMessage(error, "it is truncated: it has " + keep + " bytes but its superblock "
            + "says it ends at byte " + bytes.length);
      } else {
        // 9 bytes: the signature and no superblock
        assertMessage(error, "it is damaged or truncated: its superblock");
      }
    }
  }

  @Test
  void damagedMetadataIsCalledDamagedWithoutJhdfsWords() throws IOException {
    Path path = TestFiles.write(dir.resolve("ohdr.h5"), TestFiles.tiny(5));
    byte[] bytes = Files.readAllBytes(path);
    int found = 0;
    for (int i = 0; i + 4 <= bytes.length; i++) {
      // the second object header is the first dataset's: 'features' (jhdf writes in order)
      if (bytes[i] == 'O' && bytes[i + 1] == 'H' && bytes[i + 2] == 'D' && bytes[i + 3] == 'R'
          && ++found == 2) {
        bytes[i] = 'X';
      }
    }
    Files.write(path, bytes);
    UserError error = loadFails(path);
    assertMessage(error, "cannot read HDF5 file '" + path + "': it is damaged: ",
        "cannot be decoded");
    assertTrue(!error.getMessage().contains("Hdf") && !error.getMessage().contains("group '/"),
        error.getMessage());
  }

  @Test
  void externalAndSoftLinksAreDescribedWithoutBeingFollowed() {
    try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(TestFiles.resource("mmimdb_fixture_links.h5"))) {
      assertTrue(hdf.getChild("vgg_features").isLink());
      assertEquals("an external link to '/vgg_features' in file 'mmimdb_fixture.h5'",
          HdfTypes.describeNode(hdf.getChild("vgg_features")));
      assertEquals("a soft link to '/stored/features'",
          HdfTypes.describeNode(hdf.getChild("features")));
      assertEquals("a group", HdfTypes.describeNode(hdf.getChild("stored")));
    }
    try (MmImdbFile file = MmImdbFile.open(TestFiles.resource("mmimdb_fixture.h5"))) {
      assertTrue(file.layout().stream().allMatch(d -> !d.type().equals("group")));
    }
  }

  @Test
  void textFileNamedH5() throws IOException {
    Path path = dir.resolve("notes.h5");
    Files.writeString(path, "this is not HDF5\n".repeat(100));
    assertMessage(loadFails(path), "not an HDF5 file");
  }

  @Test
  void missingFile() {
    assertMessage(loadFails(dir.resolve("absent.h5")), "does not exist");
  }
}
