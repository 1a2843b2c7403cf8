package org.pmm.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every check and syntax error class: input → the exact error headers, from one table. */
class ErrorTableTest {

  static List<ErrorCase> cases() throws IOException {
    try (InputStream in = ErrorTableTest.class.getResourceAsStream("/lang/errors.txt")) {
      return ErrorCase.load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedErrors(ErrorCase errorCase, @TempDir Path directory) {
    List<String> actual = errorCase.run(directory);
    if (System.getProperty("lang.errors.print") != null) {
      System.out.println("=== " + errorCase.name() + "\n" + String.join("\n", actual));
    }
    assertEquals(errorCase.expected(), actual);
  }

  @Test
  void tableIsLargeAndEveryCaseExpectsAnError() throws IOException {
    List<ErrorCase> cases = cases();
    assertTrue(cases.size() >= 40, "only " + cases.size() + " cases");
    for (ErrorCase errorCase : cases) {
      assertTrue(!errorCase.expected().isEmpty(), errorCase.name() + " expects no error");
    }
  }
}
