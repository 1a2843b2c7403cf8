package org.pmm.cli;

import java.util.Map;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import org.pmm.experiment.run.GridShare;

/**
 * The value of {@code --shard}: {@code K/N} (1 ≤ K ≤ N), or {@code slurm} for the task of a Slurm
 * array job, whose K and N come from {@code SLURM_ARRAY_TASK_ID}, {@code SLURM_ARRAY_TASK_COUNT},
 * and, where Slurm sets them, {@code SLURM_ARRAY_TASK_MIN} and {@code SLURM_ARRAY_TASK_STEP}, so
 * that {@code --array=0-3}, {@code 1-4} and {@code 1-7:2} all give shares 1 to 4 of 4.
 *
 * <pre>{@code
 * ShardOption.parse("2/4", System.getenv());     // GridShare[index=2, count=4]
 * ShardOption.parse("slurm", Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0",
 *     "SLURM_ARRAY_TASK_COUNT", "4"));             // GridShare[index=1, count=4]
 * }</pre>
 */
final class ShardOption {
  private ShardOption() {}

  static GridShare parse(String value, Map<String, String> env) {
    if (value.equals("slurm")) {
      return fromSlurm(env);
    }
    int slash = value.indexOf('/');
    try {
      if (slash > 0) {
        int k = Integer.parseInt(value.substring(0, slash).trim());
        int n = Integer.parseInt(value.substring(slash + 1).trim());
        if (n >= 1 && k >= 1 && k <= n) {
          return new GridShare(k, n);
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new UserError("--shard expects K/N with 1 <= K <= N (such as 2/4), or slurm; got '"
        + value + "'", ExitCodes.USAGE);
  }

  private static GridShare fromSlurm(Map<String, String> env) {
    int id = slurmNumber(env, "SLURM_ARRAY_TASK_ID", null);
    int count = slurmNumber(env, "SLURM_ARRAY_TASK_COUNT", null);
    int min = slurmNumber(env, "SLURM_ARRAY_TASK_MIN", 1);
    int step = slurmNumber(env, "SLURM_ARRAY_TASK_STEP", 1);
    if (step < 1 || (id - min) % step != 0) {
      throw new UserError("--shard slurm: task " + id + " is not on the array's grid (first "
          + min + ", step " + step + ")", ExitCodes.USAGE);
    }
    int k = (id - min) / step + 1;
    if (count < 1 || k < 1 || k > count) {
      throw new UserError("--shard slurm: task " + id + " (first " + min + ", step " + step
          + ") is not one of the array's " + count + " tasks; submit the array as --array=1-N"
          + " or 0-(N-1)", ExitCodes.USAGE);
    }
    return new GridShare(k, count);
  }

  private static int slurmNumber(Map<String, String> env, String name, Integer fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      if (fallback != null) {
        return fallback;
      }
      throw new UserError("--shard slurm: " + name + " is not set; run it as a task of a Slurm"
          + " array job (sbatch --array=1-N), or give --shard K/N", ExitCodes.USAGE);
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UserError("--shard slurm: " + name + " is '" + v + "', not a number",
          ExitCodes.USAGE);
    }
  }
}
