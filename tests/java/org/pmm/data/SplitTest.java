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
}
