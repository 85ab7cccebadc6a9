package io.hearth.bench.peers;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders one run of the peer benchmark as a Markdown subsection: workload, ingest and storage per
 * peer, then a latency table with ratios against the baseline (Hearth when it ran, else Prometheus,
 * else the first peer). Not thread-safe; one instance per report.
 */
final class ReportWriter {
  private final BenchOptions options;
  private final WorkloadSpec spec;
  private final PayloadFile.Summary summary;
  private final List<PeerProcess.Kind> ran;
  private final Map<PeerProcess.Kind, String> skipped;
  private final Map<PeerProcess.Kind, String> versions;
  private final Map<PeerProcess.Kind, IngestReport> ingest;
  private final StringBuilder out = new StringBuilder();

  ReportWriter(
      BenchOptions options,
      WorkloadSpec spec,
      PayloadFile.Summary summary,
      List<PeerProcess.Kind> ran,
      Map<PeerProcess.Kind, String> skipped,
      Map<PeerProcess.Kind, String> versions,
      Map<PeerProcess.Kind, IngestReport> ingest) {
    this.options = options;
    this.spec = spec;
    this.summary = summary;
    this.ran = ran;
    this.skipped = skipped;
    this.versions = versions;
    this.ingest = ingest;
  }

  /** Returns the Markdown text, starting with the {@code ### Run <date>} heading. */
  String render(Map<BenchQuery, Map<PeerProcess.Kind, Latencies>> latencies) {
    String when = PeerBenchmark.utcMinute(System.currentTimeMillis());
    line("### Run " + when.substring(0, 10));
    line("");
    StringBuilder who = new StringBuilder();
    for (PeerProcess.Kind k : ran) {
      who.append(who.isEmpty() ? "" : ", ").append(k.display()).append(' ').append(versions.get(k));
    }
    line(
        "Measured "
            + when
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " cores, all peers on one machine over loopback: "
            + who
            + ".");
    for (Map.Entry<PeerProcess.Kind, String> e : skipped.entrySet()) {
      line("**" + e.getKey().display() + " skipped:** " + e.getValue() + ".");
    }
    line("");
    line(
        String.format(
            Locale.ROOT,
            "Workload (seed %d): %d instances x %d series = %,d series, one sample every %d s over"
                + " %s = %,d samples; node_cpu (%d CPUs x 8 modes), 5 node_memory gauges, network"
                + " counters, http_requests_total and a 10-bucket duration histogram for %d"
                + " handlers, with occasional counter resets. Sent time-major as %,d Remote Write"
                + " 1.0 requests of %d series x %d samples over %d connections (%,d bytes snappy).",
            spec.seed(),
            spec.instances(),
            summary.series() / spec.instances(),
            summary.series(),
            spec.intervalMillis() / 1000,
            PeerBenchmark.human(options.span()),
            summary.samples(),
            spec.cpus(),
            spec.handlers(),
            summary.requests(),
            options.batchSeries(),
            options.batchSteps(),
            options.shards(),
            summary.compressedBytes()));
    line("");
    renderIngest();
    renderLatencies(latencies);
    return out.toString();
  }

  private void renderIngest() {
    line(
        "| peer | ingest samples/s | send s | failed requests | all visible after s"
            + " | series / samples visible | on disk after flush | bytes/sample | blocks only: bytes/sample"
            + " | RSS MiB |");
    line("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|");
    for (PeerProcess.Kind k : ran) {
      IngestReport r = ingest.get(k);
      String diskNote =
          switch (k) {
            case VICTORIAMETRICS -> "after force_flush, before background merges";
            default ->
                r.disk().blocks() == 0
                    ? "head/WAL only"
                    : r.disk().blocks() + " block(s) + head/WAL";
          };
      line(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %.1f | %d | %s | %,d / %,d | %,d bytes (%s) | %.2f | %s | %s |",
              k.display(),
              r.send().samplesPerSecond(),
              r.send().seconds(),
              r.send().failedRequests(),
              Double.isNaN(r.visibleSeconds())
                  ? "never (bound hit)"
                  : String.format(Locale.ROOT, "%.1f", r.visibleSeconds()),
              r.seriesVisible(),
              r.samplesVisible(),
              r.disk().bytes(),
              diskNote,
              (double) r.disk().bytes() / summary.samples(),
              Double.isNaN(r.disk().blockBytesPerSample())
                  ? "-"
                  : String.format(
                      Locale.ROOT,
                      "%.2f (%,d samples)",
                      r.disk().blockBytesPerSample(),
                      r.disk().blockSamples()),
              r.residentBytes() < 0 ? "?" : Long.toString(r.residentBytes() >> 20)));
    }
    line("");
    line(
        "Ingest rate is end-to-end (samples accepted / wall time of the replay, payloads"
            + " pre-encoded); bytes on disk are apparent file sizes divided by all samples"
            + " written; \"blocks only\" divides the files of the Prometheus-format block"
            + " directories by the samples their meta.json files count.");
    line("");
  }

  private void renderLatencies(Map<BenchQuery, Map<PeerProcess.Kind, Latencies>> latencies) {
    PeerProcess.Kind base =
        ran.contains(PeerProcess.Kind.HEARTH)
            ? PeerProcess.Kind.HEARTH
            : ran.contains(PeerProcess.Kind.PROMETHEUS) || ran.isEmpty()
                ? PeerProcess.Kind.PROMETHEUS
                : ran.getFirst();
    line(
        String.format(
            Locale.ROOT,
            "Median (p90) latency in ms over %d runs after %d warm-ups; range queries cover %s at"
                + " step %d s; ratio = peer median / %s median (above 1 means slower than %s);"
                + " \"n\" = result series (entries for metadata calls) per peer.",
            options.runs(),
            options.warmups(),
            PeerBenchmark.human(options.span()),
            60,
            base.display(),
            base.display()));
    line("");
    StringBuilder head = new StringBuilder("| call |");
    StringBuilder rule = new StringBuilder("|---|");
    for (PeerProcess.Kind k : ran) {
      head.append(' ').append(k.display()).append(" |");
      rule.append("---:|");
    }
    for (PeerProcess.Kind k : ran) {
      if (k != base) {
        head.append(' ').append(k.display()).append(" / ").append(base.display()).append(" |");
        rule.append("---:|");
      }
    }
    head.append(" n |");
    rule.append("---|");
    line(head.toString());
    line(rule.toString());
    for (Map.Entry<BenchQuery, Map<PeerProcess.Kind, Latencies>> e : latencies.entrySet()) {
      Map<PeerProcess.Kind, Latencies> row = e.getValue();
      StringBuilder b = new StringBuilder("| ").append(e.getKey().title().replace("|", "\\|"));
      b.append(" |");
      for (PeerProcess.Kind k : ran) {
        Latencies l = row.get(k);
        b.append(' ')
            .append(
                l.ok()
                    ? String.format(Locale.ROOT, "%.1f (%.1f)", l.medianMillis(), l.p90Millis())
                    : "failed")
            .append(" |");
      }
      Latencies baseline = row.get(base);
      for (PeerProcess.Kind k : ran) {
        if (k == base) {
          continue;
        }
        Latencies l = row.get(k);
        boolean both = baseline != null && baseline.ok() && l.ok();
        b.append(' ')
            .append(
                both
                    ? String.format(Locale.ROOT, "%.2f", l.medianMillis() / baseline.medianMillis())
                    : "-")
            .append(" |");
      }
      StringBuilder n = new StringBuilder();
      for (PeerProcess.Kind k : ran) {
        n.append(n.isEmpty() ? "" : " / ").append(row.get(k).resultSize());
      }
      b.append(' ').append(n).append(" |");
      line(b.toString());
    }
    for (Map.Entry<BenchQuery, Map<PeerProcess.Kind, Latencies>> e : latencies.entrySet()) {
      for (Map.Entry<PeerProcess.Kind, Latencies> p : e.getValue().entrySet()) {
        if (!p.getValue().ok()) {
          line("");
          line(
              "- "
                  + p.getKey().display()
                  + " failed "
                  + e.getKey().title()
                  + ": "
                  + p.getValue().error().replace("\n", " "));
        }
      }
    }
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
