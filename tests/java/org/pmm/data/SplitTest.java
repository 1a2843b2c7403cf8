package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pmm.base.UserError;

class SplitTest {
  @Test
  void officialRangesOfTheFullFileAreMmImdbs() {
    Split split = Split.official(SplitRanges.proportional(25_959));
    assertEquals(15_552, split.train().length);
    assertEquals(18_160 - 15_552, split.dev().length);
    assertEquals(25_959 - 18_160, split.test().length);
    assertEquals(15_552, split.dev()[0]);
    assertEquals(18_160, split.test()[0]);
    assertEquals(25_958, split.test()[split.test().length - 1]);
  }

  @Test
  void smallerFilesKeepTheProportions() {
    // 1000 * 15552 / 25959 = 599.1 and 1000 * 18160 / 25959 = 699.6.
    assertEquals(new SplitRanges(599, 700, 1000), SplitRanges.proportional(1000));
    assertEquals(new SplitRanges(24, 28, 40), SplitRanges.proportional(40));
  }

  @Test
  void randomSplitIs70To30WithTenPercentOfTrainForValidation() {
    Split split = Split.random(1000, 4);
    assertEquals(300, split.test().length);
    assertEquals(70, split.dev().length);
    assertEquals(630, split.train().length);
    int[] all = IntStream.concat(IntStream.concat(Arrays.stream(split.train()),
        Arrays.stream(split.dev())), Arrays.stream(split.test())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 1000).toArray(), all);
  }

  @Test
  void randomSplitIsFixedBySplitSeed() {
    assertArrayEquals(Split.random(500, 7).test(), Split.random(500, 7).test());
    assertFalse(Arrays.equals(Split.random(500, 7).test(), Split.random(500, 8).test()));
  }

  @Test
  void unknownSplitNameIsAUserError() {
    MmImdbData data = MmImdbData.load(TestFiles.resource("mmimdb_fixture.h5"));
    UserError error = assertThrows(UserError.class, () -> Split.create("offical", data, 0));
    assertEquals("unknown split 'offical'; expected 'official' or 'random'", error.getMessage());
    assertEquals(25, Split.create("official", data, 0).train().length);
  }

  @Test
  void theFewestRowsForEverySplitPartAreThoseOfTheSplitsThemselves() {
    assertEquals(7, Split.minimumRows(Split.OFFICIAL));
    assertEquals(7, Split.minimumRows(Split.RANDOM));
    for (int rows = 1; rows <= 200; rows++) {
      Split official = Split.official(SplitRanges.proportional(rows));
      Split random = Split.random(rows, 0);
      assertEquals(rows >= 7 || rows == 4, official.dev().length > 0
          && official.test().length > 0, "" + rows);
      assertEquals(rows >= 7, random.dev().length > 0 && random.test().length > 0
          && random.train().length > 0, "" + rows);
    }
  }

  @Test
  void aSplitWithAnEmptyPartIsRefusedWithItsSizes() {
    MmImdbData data = MmImdbData.load(TestFiles.resource("mmimdb_fixture_empty_dev.h5"));
    Split split = Split.create(Split.OFFICIAL, data, 0);
    UserError error = assertThrows(UserError.class, () -> split.requireEveryPart(data, "to probe"));
    assertEquals("data file '" + data.path() + "' is too small to probe: its official split "
        + "(from the file's 'split' attribute) has 4 training, 0 validation and 2 test rows; "
        + "every part needs at least one row", error.getMessage());
    Split random = Split.create(Split.RANDOM, data, 0);
    UserError small = assertThrows(UserError.class, () -> random.requireEveryPart(data, "to train on"));
    assertEquals("data file '" + data.path() + "' is too small to train on: its random split "
        + "(70/30, then 10% of the training rows for validation, of its 6 rows) has 4 training, "
        + "0 validation and 2 test rows; every part needs at least one row; files of 7 rows or "
        + "more always have rows in every part", small.getMessage());
    MmImdbData fixture = MmImdbData.load(TestFiles.resource("mmimdb_fixture.h5"));
    Split.create(Split.OFFICIAL, fixture, 0).requireEveryPart(fixture, "to train on");
  }
}
