package io.hearth.server;

import io.hearth.server.config.ConfigException;
import io.hearth.server.config.ConfigLoader;
import io.hearth.server.config.ListenAddress;
import io.hearth.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code hearth serve}: runs the server until SIGTERM or SIGINT. Flags override the configuration
 * file, which overrides the defaults.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Run the Hearth server until SIGTERM or SIGINT.",
    sortOptions = false)
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  /** Exit status for an invalid configuration, the same as for invalid flags. */
  static final int EXIT_CONFIG = 2;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      converter = ListenConverter.class,
      description = "Address to serve HTTP on (default: 127.0.0.1:9290).")
  ListenAddress listen;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory (default: ./data).")
  Path dataDir;

  @Option(
      names = "--retention.time",
      paramLabel = "DURATION",
      description = "How long to keep blocks, e.g. 15d (default: 15d).")
  String retentionTime;

  @Option(
      names = "--retention.size",
      paramLabel = "SIZE",
      description = "The most block bytes to keep, e.g. 10GB; 0 for no limit (default: 0).")
  String retentionSize;

  /**
   * Accepted so that Prometheus command lines keep working. Unlike Prometheus, Hearth always serves
   * {@code /api/v1/admin/tsdb/*}: it listens on loopback without authentication by default, where
   * anyone who can reach it can already write any data through Remote Write.
   */
  @Option(
      names = "--web.enable-admin-api",
      description =
          "Accepted for Prometheus compatibility; the admin API (/api/v1/admin/tsdb/*: delete_series,"
              + " clean_tombstones, snapshot) is always enabled.")
  boolean enableAdminApi;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration file; flags override its values.")
  Path configFile;

  /**
   * The configuration this command runs with: defaults, then the file, then flags.
   *
   * @throws ConfigException if the configuration file is unreadable or invalid
   */
  public ServerConfig effectiveConfig() {
    ServerConfig config =
        configFile == null ? ServerConfig.defaults() : ConfigLoader.load(configFile);
    if (listen != null) {
      config = config.withListen(listen);
    }
    if (dataDir != null) {
      config = config.withDataDir(dataDir);
    }
    if (retentionTime != null || retentionSize != null) {
      java.time.Duration time = config.retention().time();
      long bytes = config.retention().bytes();
      if (retentionTime != null) {
        time = io.hearth.server.config.PromDuration.parse("--retention.time", retentionTime);
        if (time.isZero()) {
          throw ConfigException.invalidValue(
              "--retention.time", retentionTime, "must be longer than 0");
        }
      }
      if (retentionSize != null) {
        bytes =
            io.hearth.server.config.RetentionConfig.parseSize("--retention.size", retentionSize);
      }
      config = config.withRetention(new io.hearth.server.config.RetentionConfig(time, bytes));
    }
    return config;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config;
    try {
      config = effectiveConfig();
    } catch (ConfigException e) {
      LOG.error(e.getMessage());
      return EXIT_CONFIG;
    }
    HearthServer server;
    try {
      server = HearthServer.start(config);
    } catch (StartupException e) {
      LOG.error(e.getMessage());
      return HearthServer.EXIT_FAILURE;
    }
    ShutdownSignals.install(server);
    return server.awaitTermination();
  }

  /** Parses {@code --listen} values for picocli. */
  static final class ListenConverter implements ITypeConverter<ListenAddress> {
    @Override
    public ListenAddress convert(String value) {
      try {
        return ListenAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "': " + e.getMessage());
      }
    }
  }
}
