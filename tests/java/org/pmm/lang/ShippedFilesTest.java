package org.pmm.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmm.lang.check.ProgramChecker;

/** Every shipped file in stdlib/ and models/ passes the checker (tests run from the repository root). */
class ShippedFilesTest {

  static List<Path> shipped() throws IOException {
    try (Stream<Path> stdlib = Files.list(Path.of("stdlib")); Stream<Path> models = Files.list(Path.of("models"))) {
      List<Path> files = Stream.concat(stdlib, models).filter(p -> p.toString().endsWith(".pmm")).sorted().toList();
      assertFalse(files.isEmpty());
      return files;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void checks(Path file) {
    assertNotNull(ProgramChecker.checkFile(file, file.toString()));
  }

  @org.junit.jupiter.api.Test
  void theSystemsOfSpecSectionThreeAreShipped() throws IOException {
    List<String> names = shipped().stream().map(p -> p.getFileName().toString()).toList();
    for (String name : List.of("pmmo.pmm", "gmu.pmm", "mmo.pmm", "normal_normal.pmm", "beta_bernoulli.pmm",
        "logistic_regression.pmm", "bayesian.pmm", "fusion.pmm", "layers.pmm")) {
      assertEquals(true, names.contains(name), name);
    }
  }
}
