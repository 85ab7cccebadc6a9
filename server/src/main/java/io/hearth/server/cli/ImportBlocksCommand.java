package io.hearth.server.cli;

import io.hearth.server.DataLayout;
import io.hearth.server.config.ServerConfig;
import io.hearth.tsdb.block.BlockMeta;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hearth import blocks DIR}: validates Prometheus-format blocks (as written by {@code
 * promtool tsdb create-blocks-from} or taken from a Prometheus data directory) and copies them into
 * an instance's database. Works whether Hearth runs or not: a stopped Hearth loads the blocks at
 * its next start, a running one when its compactor next reloads the block directories. Every block
 * is validated before any is copied, so a refusal imports nothing.
 *
 * <p>Exit status: 0 when every block was imported, 2 when the import was refused (no block, a
 * damaged block, a ULID already present, recent data), 1 on an I/O failure while copying.
 */
@Command(
    name = "blocks",
    description = "Validate Prometheus TSDB blocks in DIR and copy them into an instance.",
    sortOptions = false)
public final class ImportBlocksCommand implements Callable<Integer> {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  /** Exit status of a refused import. */
  static final int EXIT_REFUSED = 2;

  /** Exit status of an I/O failure while copying. */
  static final int EXIT_FAILURE = 1;

  /**
   * How far back the head of a running database may hold data that is not in blocks yet: 1.5 head
   * chunk ranges, after which head compaction cuts a block.
   */
  private static final Duration HEAD_SPAN = Duration.ofHours(3);

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "A directory of block directories (<ULID>/), or one block directory.")
  Path source;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Hearth's data directory (default: ./data).")
  Path dataDir = ServerConfig.DEFAULT_DATA_DIR;

  @Option(
      names = "--instance",
      paramLabel = "ID",
      description = "The instance to import into (default: default).")
  String instance = DataLayout.DEFAULT_INSTANCE;

  @Option(
      names = "--allow-recent",
      description =
          "Import blocks reaching into the last 3 h even beyond the newest existing block. Only safe"
              + " when the instance holds no samples of that period in its WAL: at its next start the"
              + " database drops WAL samples older than its newest block's end.")
  boolean allowRecent;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!DataLayout.isValidInstanceId(instance)) {
      err.println("hearth import blocks: invalid instance id \"" + instance + "\"");
      return EXIT_REFUSED;
    }
    Path dbDir = new DataLayout(dataDir).instanceDir(instance);
    List<Path> blocks;
    List<BlockMeta> metas = new ArrayList<>();
    try {
      blocks = BlockImport.find(source);
      long newestEnd = BlockImport.newestBlockEnd(dbDir);
      long recent = System.currentTimeMillis() - HEAD_SPAN.toMillis();
      for (Path b : blocks) {
        BlockMeta m = BlockImport.validate(b);
        if (dbDir.resolve(m.ulid()).toFile().exists()) {
          throw new BlockImport.Refused(
              dbDir.resolve(m.ulid()) + ": the database already holds block " + m.ulid());
        }
        if (!allowRecent && m.maxT() > recent && m.maxT() > newestEnd) {
          throw new BlockImport.Refused(
              b
                  + ": the block ends at "
                  + m.maxT()
                  + " ms, within the last 3 h and after the newest existing block; the instance's"
                  + " WAL samples before that time would be dropped at its next start (use"
                  + " --allow-recent if the instance holds none)");
        }
        metas.add(m);
      }
    } catch (BlockImport.Refused e) {
      err.println("hearth import blocks: " + e.getMessage() + "; nothing was imported");
      return EXIT_REFUSED;
    } catch (IOException e) {
      err.println("hearth import blocks: cannot read " + source + ": " + e.getMessage());
      return EXIT_FAILURE;
    }
    for (int i = 0; i < blocks.size(); i++) {
      BlockMeta m = metas.get(i);
      try {
        Path target = BlockImport.install(blocks.get(i), dbDir);
        out.printf(
            "imported block %s: [%d, %d) ms, %d series, %d samples -> %s%n",
            m.ulid(), m.minT(), m.maxT(), m.numSeries(), m.numSamples(), target);
      } catch (BlockImport.Refused e) {
        err.println("hearth import blocks: " + e.getMessage());
        return EXIT_REFUSED;
      } catch (IOException e) {
        err.println("hearth import blocks: cannot copy " + blocks.get(i) + ": " + e.getMessage());
        return EXIT_FAILURE;
      }
    }
    out.flush();
    return 0;
  }
}
