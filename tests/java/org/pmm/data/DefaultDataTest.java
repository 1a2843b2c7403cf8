package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultDataTest {
  @Test
  void pathIsUnderPmmHomeAndAnExistingFileIsReused(@TempDir Path home) throws Exception {
    String old = System.getProperty("pmm.home");
    System.setProperty("pmm.home", home.toString());
    try {
      Path expected = home.resolve("data").resolve("surrogate.h5");
      assertEquals(expected, DefaultData.path());
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, "cached");
      assertEquals(expected, DefaultData.ensure(line -> {
        throw new AssertionError("must not regenerate: " + line);
      }));
      assertEquals("cached", Files.readString(expected));
    } finally {
      if (old == null) {
        System.clearProperty("pmm.home");
      } else {
        System.setProperty("pmm.home", old);
      }
    }
  }
}
