package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmm.base.ExitCodes;
import picocli.CommandLine;

/**
 * Every command and subcommand answers {@code --help} and {@code -h} with its usage and exit 0,
 * even one with required parameters ({@code pmm check --help} once failed with "Missing
 * required parameter"). The commands are found by walking the command tree, so that a new one
 * cannot be forgotten.
 */
class HelpEverywhereTest {
  private static void collect(CommandLine cli, List<String> prefix, List<List<String>> out) {
    out.add(prefix);
    cli.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        List<String> path = new ArrayList<>(prefix);
        path.add(name);
        collect(sub, path, out);
      }
    });
  }

  @Test
  void everyCommandAnswersHelp() {
    List<List<String>> commands = new ArrayList<>();
    collect(new CommandLine(new Main()), List.of(), commands);
    assertTrue(commands.size() >= 9, "commands found: " + commands);
    for (List<String> command : commands) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(command);
        args.add(flag);
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exit(), args + ": " + r.err());
      }
    }
  }
}
