package org.pmm.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pmm.infer.Elbos;

/** docs/language.md's estimator table lists exactly the registry's estimators, in its order. */
class EstimatorDocsTest {
  @Test
  void tableMatchesTheRegistry() throws IOException {
    String doc = Files.readString(Path.of("docs/language.md"));
    String table = doc.substring(doc.indexOf("| estimator | what it is |"));
    table = table.substring(0, table.indexOf("\n\n"));
    Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(table);
    List<String> documented = new ArrayList<>();
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertEquals(Elbos.usages(), documented);
  }
}
