package org.pmm.lang;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmm.lang.check.ProgramChecker;

/** Every ```pmm example of docs/language.md checks without errors. */
class DocsExamplesTest {
  private static final Pattern FENCE = Pattern.compile("```pmm\\n(.*?)```", Pattern.DOTALL);

  record Example(int number, String text) {
    @Override
    public String toString() {
      return "example " + number + ": " + text.lines().findFirst().orElse("");
    }
  }

  static List<Example> examples() throws IOException {
    Matcher matcher = FENCE.matcher(Files.readString(Path.of("docs/language.md")));
    List<Example> out = new ArrayList<>();
    while (matcher.find()) {
      out.add(new Example(out.size() + 1, matcher.group(1)));
    }
    assertTrue(out.size() >= 10, "only " + out.size() + " examples");
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void checks(Example example, @TempDir Path directory) throws IOException {
    Path file = directory.resolve("example.pmm");
    Files.writeString(file, example.text());
    ProgramChecker.checkFile(file, "example.pmm");
  }
}
