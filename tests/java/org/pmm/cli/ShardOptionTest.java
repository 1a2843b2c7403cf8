package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import org.pmm.experiment.run.GridShare;

/**
 * {@code --shard}: K/N as written, and the Slurm array task's share from the variables Slurm sets,
 * for arrays numbered from 0, from 1, and with a step; anything else a usage error saying why.
 */
class ShardOptionTest {
  @Test
  void kOverN() {
    assertEquals(new GridShare(2, 4), ShardOption.parse("2/4", Map.of()));
    assertEquals(new GridShare(1, 1), ShardOption.parse("1/1", Map.of()));
  }

  @Test
  void malformedOrOutOfRangeIsAUsageError() {
    for (String bad : new String[] {"0/4", "5/4", "2", "a/b", "2/0", "/4", "-1/4"}) {
      UserError e = assertThrows(UserError.class, () -> ShardOption.parse(bad, Map.of()), bad);
      assertEquals(ExitCodes.USAGE, e.exitCode(), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void slurmArraysFromZeroFromOneAndWithAStepGiveSharesOneToN() {
    for (int task = 0; task < 4; task++) {
      assertEquals(new GridShare(task + 1, 4), ShardOption.parse("slurm", Map.of(
          "SLURM_ARRAY_TASK_ID", "" + task, "SLURM_ARRAY_TASK_MIN", "0",
          "SLURM_ARRAY_TASK_COUNT", "4")));
      assertEquals(new GridShare(task + 1, 4), ShardOption.parse("slurm", Map.of(
          "SLURM_ARRAY_TASK_ID", "" + (task + 1), "SLURM_ARRAY_TASK_MIN", "1",
          "SLURM_ARRAY_TASK_COUNT", "4")));
      assertEquals(new GridShare(task + 1, 4), ShardOption.parse("slurm", Map.of(
          "SLURM_ARRAY_TASK_ID", "" + (1 + 2 * task), "SLURM_ARRAY_TASK_MIN", "1",
          "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "4")));
    }
    assertEquals(new GridShare(3, 5), ShardOption.parse("slurm", Map.of(
        "SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT", "5")), "no MIN: numbered from 1");
  }

  @Test
  void slurmOutsideAnArrayJobSaysWhatIsMissing() {
    UserError e = assertThrows(UserError.class, () -> ShardOption.parse("slurm", Map.of()));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("SLURM_ARRAY_TASK_ID is not set"), e.getMessage());
    UserError beyond = assertThrows(UserError.class, () -> ShardOption.parse("slurm", Map.of(
        "SLURM_ARRAY_TASK_ID", "9", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT",
        "4")));
    assertTrue(beyond.getMessage().contains("not one of the array's 4 tasks"),
        beyond.getMessage());
  }
}
