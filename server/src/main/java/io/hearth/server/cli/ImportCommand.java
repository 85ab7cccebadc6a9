package io.hearth.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hearth import}: the group of commands that bring outside data into Hearth. */
@Command(
    name = "import",
    description = "Import data into a Hearth data directory.",
    subcommands = {ImportBlocksCommand.class})
public final class ImportCommand implements Runnable {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to import: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: try 'hearth import blocks'.");
  }
}
