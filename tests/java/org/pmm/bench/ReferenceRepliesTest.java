package org.pmm.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lines of {@code pytorch_reference.py --serve}, as the script prints them, and bad ones. */
class ReferenceRepliesTest {
  @Test
  void readsTheReadyLine() {
    ReferenceReplies.Ready r = ReferenceReplies.ready("{\"torch_version\": \"1.13.0a0\","
        + " \"threads\": 2, \"config\": \"bench\", \"ready\": true, \"system\": \"gmu\"}");
    assertEquals("1.13.0a0", r.torchVersion());
    assertEquals(2, r.threads());
  }

  @Test
  void readsARoundsStepTimes() {
    double[] s = ReferenceReplies.round(
        "{\"seconds\": [0.3125, 0.25, 1.5e-1], \"loss\": 344.97}", 3);
    assertArrayEquals(new double[] {0.3125, 0.25, 0.15}, s, 0.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"seconds\": [0.3, 0.2], \"loss\": 0.5}",           // two times for three steps
      "{\"seconds\": [0.3, 0.2, -0.1], \"loss\": 0.5}",     // a negative time
      "{\"seconds\": [0.3, \"x\", 0.1], \"loss\": 0.5}",    // not a number
      "{\"seconds\": [0.3, 0.2, 0.1]}",                     // no loss
      "{\"seconds\": [0.3, 0.2, 0.1], \"loss\": NaN}",      // Python's json.dumps of nan
      "{\"seconds\": 0.3, \"loss\": 0.5}",                  // not a list
      "[0.3, 0.2, 0.1]",                                    // not an object
      "Traceback (most recent call last):"})               // not JSON
  void rejectsAnUnexpectedRoundReplyQuotingIt(String line) {
    PytorchReferenceException e = assertThrows(PytorchReferenceException.class,
        () -> ReferenceReplies.round(line, 3));
    assertTrue(e.getMessage().startsWith("the PyTorch reference sent an unexpected line"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(line), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"torch_version\": \"1.13\", \"threads\": 2}",                   // not ready
      "{\"torch_version\": \"1.13\", \"threads\": 0, \"ready\": true}",  // no thread
      "{\"threads\": 2, \"ready\": true}",                               // no version
      "{\"seconds\": [0.1], \"loss\": 0.5}"})                           // a round, not ready
  void rejectsAReadyLineWithoutItsFields(String line) {
    PytorchReferenceException e = assertThrows(PytorchReferenceException.class,
        () -> ReferenceReplies.ready(line));
    assertTrue(e.getMessage().contains("expected a ready line"), e.getMessage());
  }

  @Test
  void aMissingLineSaysTheReferenceEnded() {
    PytorchReferenceException e = assertThrows(PytorchReferenceException.class,
        () -> ReferenceReplies.round(null, 2));
    assertTrue(e.getMessage().contains("ended before sending a round's reply"), e.getMessage());
  }

  @Test
  void aLongLineIsQuotedShortened() {
    String line = "x".repeat(1000);
    PytorchReferenceException e = assertThrows(PytorchReferenceException.class,
        () -> ReferenceReplies.round(line, 1));
    assertTrue(e.getMessage().endsWith("x".repeat(200) + "..."), e.getMessage());
  }
}
