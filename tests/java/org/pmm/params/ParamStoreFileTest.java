package org.pmm.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.optim.Adam;
import org.pmm.optim.Optimizer;
import org.pmm.tensor.Tensor;

/**
 * A store and its optimiser state survive a save/load round trip exactly: continuing training
 * from the loaded copy gives bit-identical parameters to continuing the original.
 */
class ParamStoreFileTest {
  @TempDir
  Path dir;

  private static void train(ParamStore store, Optimizer opt, int steps) {
    for (int i = 0; i < steps; i++) {
      try (ParamStore.Activation a = store.activate()) {
        Tensor w = store.get("w", () -> Nd4j.createFromArray(new float[][] {{1, -2}, {3, 0.5f}}),
            Constraints.real());
        Tensor s = store.get("s", () -> Nd4j.createFromArray(0.5, 2.0), Constraints.positive());
        w.square().sum().backward();
        s.log().square().sum().backward();
        opt.step(store.parameters());
      }
    }
  }

  @Test
  void roundTripContinuesTrainingExactly() throws IOException {
    ParamStore original = new ParamStore();
    Adam adam = new Adam(0.05);
    train(original, adam, 5);
    Path file = dir.resolve("params.pmmparams");
    ParamStoreFile.save(file, original, Map.of("all", adam));

    ParamStore loaded = new ParamStore();
    Adam adam2 = new Adam(0.05);
    ParamStoreFile.load(file, loaded, Map.of("all", adam2));
    assertEquals("positive (softplus)", loaded.entry("s").constraint().describe());

    train(original, adam, 3);
    train(loaded, adam2, 3);
    for (String name : new String[] {"w", "s"}) {
      assertEquals(original.entry(name).unconstrained().value(),
          loaded.entry(name).unconstrained().value(), name);
    }
    assertEquals(DataType.DOUBLE, loaded.entry("s").unconstrained().dataType());
    assertEquals(8, adam2.states().get("w").step());
  }

  @Test
  void truncatedOrForeignFilesAreRejectedWithTheirName() throws IOException {
    ParamStore store = new ParamStore();
    Adam adam = new Adam(0.05);
    train(store, adam, 1);
    Path file = dir.resolve("p.bin");
    ParamStoreFile.save(file, store, Map.of("all", adam));
    byte[] bytes = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    IOException e = assertThrows(IOException.class,
        () -> ParamStoreFile.load(cut, new ParamStore(), Map.of("all", new Adam(0.05))));
    assertTrue(e.getMessage().contains("cut.bin") && e.getMessage().contains("truncated"),
        e.getMessage());
    Path text = dir.resolve("text.bin");
    Files.writeString(text, "hello\n");
    e = assertThrows(IOException.class,
        () -> ParamStoreFile.load(text, new ParamStore(), Map.of()));
    assertTrue(e.getMessage().contains("not a pmm parameter file"), e.getMessage());
  }
}
