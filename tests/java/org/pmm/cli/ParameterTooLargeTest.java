package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.pmm.base.ExitCodes;
import org.pmm.base.ParameterTooLargeException;
import org.pmm.data.SurrogateGenerator;
import org.pmm.nn.Init;

/**
 * A size set far too large ({@code --set hidden=1000000000}, a typo's extra zeros) is refused
 * before its arrays are allocated, naming the parameter, its shape, the estimate and the
 * hyperparameter that sets it; the process never grows towards it. The estimate is four arrays
 * of the parameter's size (value, gradient, two Adam moments).
 */
class ParameterTooLargeTest {
  @TempDir
  static Path tmp;
  static Path data;

  @BeforeAll
  static void data() throws IOException {
    data = tmp.resolve("small.h5");
    SurrogateGenerator.write(data, 200, 1, line -> { });
  }

  @ParameterizedTest
  @ValueSource(strings = {"gmu", "pmmo"})
  void aHugeWidthIsRefusedBeforeTrainingNamingTheHyperparameter(String model) {
    long before = Pointer.physicalBytes();
    CliRun r = CliRun.of("train", "models/" + model + ".pmm", "--data", data.toString(),
        "--set", "hidden=1000000000", "--out", tmp.resolve(model).toString(), "--quiet");
    int exit = r.exit();
    String said = r.err();
    assertEquals(ExitCodes.BAD_INPUT, exit, said);
    assertTrue(said.matches("(?s).*pmm: error: param '[^']+': a parameter of shape \\[\\d+, "
        + "1000000000\\] needs .*its size comes from hidden = 1000000000 \\(lower it with --set\\).*"),
        said);
    assertFalse(said.contains("internal error"), said);
    assertTrue(Pointer.physicalBytes() - before < (1L << 30),
        "nothing near the parameter's size was allocated");
  }

  @Test
  void theEstimateIsFourArraysOfTheParametersSizeBesideWhatTheProcessUses() {
    long room = Pointer.totalPhysicalBytes() - Pointer.physicalBytes();
    // float parameters whose four arrays fit with room to spare, and just do not fit
    Init.requireRoom(DataType.FLOAT, room / 4 / 4 / 2);
    long tooMany = room / 4 / 4 + (64L << 20);
    ParameterTooLargeException e = assertThrows(ParameterTooLargeException.class,
        () -> Init.requireRoom(DataType.FLOAT, tooMany));
    assertEquals(tooMany, e.shape()[0]);
    assertTrue(e.getMessage().startsWith("a parameter of shape [" + tooMany + "] needs "),
        e.getMessage());
  }
}
