package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StandardizerTest {
  @Test
  void fitsOnTrainingRowsOnlyAndAppliesToAll() {
    // Three rows, two columns; training rows 0 and 2.
    float[] data = {1, 10, 100, -5, 3, 10};
    Standardizer s = Standardizer.fit(data, 2, new int[] {0, 2});
    // Column 0 over rows {0, 2}: values 1, 3 -> mean 2, population std 1.
    assertEquals(2.0, s.mean(0), 1e-12);
    assertEquals(1.0, s.std(0), 1e-12);
    // Column 1: values 10, 10 -> mean 10, std 0 -> treated as 1 (centred only).
    assertEquals(10.0, s.mean(1), 1e-12);
    assertEquals(1.0, s.std(1), 1e-12);
    s.applyInPlace(data);
    assertArrayEquals(new float[] {-1, 0, 98, -15, 1, 0}, data, 1e-6f);
  }

  @Test
  void standardisedTrainingColumnsHaveMeanZeroAndStdOne() {
    MmImdbData data = MmImdbData.load(TestFiles.resource("mmimdb_fixture.h5"));
    int[] train = Split.create("official", data, 0).train();
    float[] before = data.text().clone();
    Standardizer.Pair stats = data.standardizeInPlace(train);
    for (int c : new int[] {0, 150, 299}) {
      double sum = 0;
      double squares = 0;
      for (int r : train) {
        sum += data.text()[r * 300 + c];
        squares += data.text()[r * 300 + c] * data.text()[r * 300 + c];
      }
      assertEquals(0.0, sum / train.length, 1e-5);
      assertEquals(1.0, squares / train.length, 1e-4);
      // A test row is transformed with the training statistics, not its own.
      int testRow = 35;
      double expected = (before[testRow * 300 + c] - stats.text().mean(c)) / stats.text().std(c);
      assertEquals(expected, data.text()[testRow * 300 + c], 1e-5);
    }
  }
}
