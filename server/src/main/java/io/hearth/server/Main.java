package io.hearth.server;

import io.hearth.server.cli.ImportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code hearth} command line. Exit status: 0 after an orderly shutdown or for help and
 * version, 1 when the server cannot start or its database fails, 2 for invalid flags or
 * configuration.
 */
@Command(
    name = "hearth",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Hearth, a Prometheus-compatible metrics service.",
    subcommands = {ServeCommand.class, ImportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  /** Runs the command line and exits the JVM with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** A fresh command line for {@code hearth}; tests parse or execute it without exiting. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  /** Without a subcommand there is nothing to do: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: try 'hearth serve'.");
  }

  /** Supplies {@code --version} from {@link BuildInfo}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      BuildInfo b = BuildInfo.current();
      return new String[] {
        "hearth " + b.version() + " (revision " + b.revision() + ", Java " + b.javaVersion() + ")"
      };
    }
  }
}
