package org.pmm.cli;

import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line as the user typed it, for the report: {@code pmm} and every argument Main
 * received, in order, each quoted for a POSIX shell when it needs it, so that the line can be
 * pasted to run the same command again. Taken from the arguments themselves rather than rebuilt
 * from the parsed options, which would drop any flag the rebuilding forgot.
 *
 * <pre>{@code
 * TypedCommand.of(spec)                                 // pmm experiment --seed 3 --out runs/a
 * TypedCommand.join(List.of("train", "--set", "elbo=iwae(5)"))  // pmm train --set 'elbo=iwae(5)'
 * }</pre>
 */
final class TypedCommand {
  /** Characters a shell passes through unquoted. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private TypedCommand() {}

  /** The arguments of the running command line (the root command's parse). */
  static String of(CommandSpec spec) {
    return join(spec.root().commandLine().getParseResult().originalArgs());
  }

  /**
   * The running command line without an option and its value ({@code --shard 2/4} or
   * {@code --shard=2/4}): what a run's shards have in common.
   */
  static String without(CommandSpec spec, String option) {
    List<String> args = spec.root().commandLine().getParseResult().originalArgs();
    java.util.ArrayList<String> kept = new java.util.ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals(option)) {
        i++;
      } else if (!args.get(i).startsWith(option + "=")) {
        kept.add(args.get(i));
      }
    }
    return join(kept);
  }

  /** {@code pmm} followed by the arguments, quoted where a shell would need it. */
  static String join(List<String> args) {
    StringBuilder line = new StringBuilder("pmm");
    for (String a : args) {
      line.append(' ').append(quoted(a));
    }
    return line.toString();
  }

  private static String quoted(String arg) {
    if (PLAIN.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
