package org.pmm.cli;

import org.pmm.base.ExitCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.data.MmImdbFile;

class DataCommandTest {
  @TempDir Path dir;

  @Test
  void generateThenInspect() {
    Path out = dir.resolve("s.h5");
    assertEquals(0, Main.run("data", "generate", "--out", out.toString(), "--rows", "150",
        "--seed", "2", "--quiet"));
    try (MmImdbFile file = MmImdbFile.open(out)) {
      assertEquals(150, file.rows());
    }
    PrintStream old = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("data", "inspect", out.toString(), "--time");
    } finally {
      System.setOut(old);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertEquals(0, code);
    assertTrue(printed.contains("vgg_features   [150, 4096]"), printed);
    assertTrue(printed.contains("checks: ok"), printed);
    assertTrue(printed.contains("load time:"), printed);
  }

  @Test
  void badFileIsExitCodeOneAndBadRowsIsUsage() throws Exception {
    Path text = dir.resolve("notes.h5");
    Files.writeString(text, "hello");
    assertEquals(ExitCodes.BAD_INPUT, Main.run("data", "inspect", text.toString()));
    assertEquals(ExitCodes.USAGE, Main.run("data", "generate", "--out",
        dir.resolve("x.h5").toString(), "--rows", "0"));
    assertEquals(ExitCodes.USAGE, Main.run("data", "generate"));
  }
}
