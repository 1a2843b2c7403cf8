package org.pmm.lang;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.diag.Diagnostic;

/**
 * One case of the error table in {@code tests/resources/lang/errors.txt}: the input files
 * ({@code case.pmm} first) and the error headers expected, each followed by the headers of its
 * notes.
 */
record ErrorCase(String name, Map<String, String> files, List<String> expected) {

  @Override
  public String toString() {
    return name;
  }

  static List<ErrorCase> load(String text) {
    List<ErrorCase> cases = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      if (!lines[i].startsWith("=== ")) {
        i++;
        continue;
      }
      String name = lines[i++].substring(4);
      Map<String, String> files = new LinkedHashMap<>();
      String file = "case.pmm";
      StringBuilder content = new StringBuilder();
      while (!lines[i].equals("---")) {
        if (lines[i].startsWith("+++ ")) {
          files.put(file, content.toString());
          file = lines[i].substring(4);
          content = new StringBuilder();
        } else {
          content.append(lines[i]).append('\n');
        }
        i++;
      }
      files.put(file, content.toString());
      i++;
      List<String> expected = new ArrayList<>();
      while (i < lines.length && !lines[i].startsWith("=== ") && !lines[i].isEmpty()) {
        expected.add(lines[i++]);
      }
      cases.add(new ErrorCase(name, files, expected));
    }
    return cases;
  }

  /** Writes the files into {@code directory} and checks {@code case.pmm}; the error headers. */
  List<String> run(Path directory) {
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ProgramChecker.checkFile(directory.resolve("case.pmm"), "case.pmm");
      return List.of();
    } catch (CheckFailed failed) {
      List<String> lines = new ArrayList<>();
      for (Diagnostic d : failed.diagnostics()) {
        lines.add(d.header());
        d.notes().forEach(note -> lines.add(note.header()));
      }
      return lines;
    }
  }
}
