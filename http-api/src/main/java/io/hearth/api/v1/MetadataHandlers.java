package io.hearth.api.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.model.LabelMatcher;
import io.hearth.model.LabelNames;
import io.hearth.model.Labels;
import io.hearth.model.Utf8Order;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkQueryable;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.LabelQuerier;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.storage.SelectHints;
import io.hearth.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The storage-only metadata endpoints: {@code series}, {@code labels}, {@code label/<name>/values},
 * {@code metadata}, {@code targets/metadata}. Thread-safe if storage and source are.
 */
final class MetadataHandlers {
  private static final String TRUNCATED = "results truncated due to limit";

  private final Queryable storage;
  private final MetadataSource metadata;

  MetadataHandlers(Queryable storage, MetadataSource metadata) {
    this.storage = storage;
    this.metadata = metadata;
  }

  ApiResult series(FormParams p) {
    List<String> match = p.all("match[]");
    if (match.isEmpty()) {
      return ApiResult.error(ApiError.badData("no match[] parameter provided"));
    }
    int limit = ApiParams.limitParam(p);
    long start = ApiParams.timeParam(p, "start", ApiParams.MIN_TIME_MS);
    long end = ApiParams.timeParam(p, "end", ApiParams.MAX_TIME_MS);
    List<LabelMatcher[]> sets;
    try {
      sets = ApiParams.matchers(match);
    } catch (ApiException e) {
      throw new ApiException(ApiError.invalidParam("match[]", e.error().message()));
    }
    SelectHints hints = new SelectHints(start, end, 0, "series", 0, List.of(), false);
    List<Labels> result;
    // Only labels are wanted: a chunk querier, when storage has one, decodes no samples.
    try (LabelQuerier q =
        storage instanceof ChunkQueryable c
            ? c.chunkQuerier(start, end)
            : storage.querier(start, end)) {
      if (sets.size() == 1) {
        result = new ArrayList<>();
        LabelCursor s = select(q, hints, sets.get(0));
        while (s.next()) {
          result.add(s.labels());
          if (limit > 0 && result.size() > limit) {
            break;
          }
        }
      } else {
        TreeSet<Labels> union = new TreeSet<>();
        for (LabelMatcher[] set : sets) {
          LabelCursor s = select(q, hints, set);
          while (s.next()) {
            union.add(s.labels());
          }
        }
        result = new ArrayList<>(union);
      }
    }
    List<String> warnings = List.of();
    if (limit > 0 && result.size() > limit) {
      result = result.subList(0, limit);
      warnings = List.of(TRUNCATED);
    }
    List<Labels> out = result;
    return ApiResult.data(
        w -> {
          JsonGenerator g = w.generator();
          g.writeStartArray();
          for (Labels l : out) {
            w.labels(l);
          }
          g.writeEndArray();
        },
        warnings);
  }

  /** The label sets of a sorted series set, of either querier kind. */
  private interface LabelCursor {
    boolean next();

    Labels labels();
  }

  private static LabelCursor select(LabelQuerier q, SelectHints hints, LabelMatcher[] matchers) {
    if (q instanceof ChunkQuerier cq) {
      ChunkSeriesSet s = cq.select(true, hints, matchers);
      return new LabelCursor() {
        @Override
        public boolean next() {
          return s.next();
        }

        @Override
        public Labels labels() {
          return s.at().labels();
        }
      };
    }
    SeriesSet s = ((Querier) q).select(true, hints, matchers);
    return new LabelCursor() {
      @Override
      public boolean next() {
        return s.next();
      }

      @Override
      public Labels labels() {
        return s.at().labels();
      }
    };
  }

  ApiResult labels(FormParams p) {
    int limit = ApiParams.limitParam(p);
    long start = ApiParams.timeParam(p, "start", ApiParams.MIN_TIME_MS);
    long end = ApiParams.timeParam(p, "end", ApiParams.MAX_TIME_MS);
    List<LabelMatcher[]> sets = ApiParams.matchers(p.all("match[]"));
    List<String> names;
    try (Querier q = storage.querier(start, end)) {
      if (sets.size() <= 1) {
        names = q.labelNames(sets.isEmpty() ? new LabelMatcher[0] : sets.get(0));
      } else {
        TreeSet<String> union = new TreeSet<>(Utf8Order::compare);
        for (LabelMatcher[] set : sets) {
          union.addAll(q.labelNames(set));
        }
        names = new ArrayList<>(union);
      }
    }
    return truncatedStrings(names, limit);
  }

  ApiResult labelValues(FormParams p, String rawName) {
    String name = rawName.startsWith("U__") ? unescapeName(rawName) : rawName;
    if (!LabelNames.isValidLabelName(name)) {
      return ApiResult.error(ApiError.badData("invalid label name: " + GoStrings.quote(name)));
    }
    int limit = ApiParams.limitParam(p);
    long start = ApiParams.timeParam(p, "start", ApiParams.MIN_TIME_MS);
    long end = ApiParams.timeParam(p, "end", ApiParams.MAX_TIME_MS);
    List<LabelMatcher[]> sets = ApiParams.matchers(p.all("match[]"));
    List<String> values;
    try (Querier q = storage.querier(start, end)) {
      if (sets.size() <= 1) {
        values =
            new ArrayList<>(
                q.labelValues(name, sets.isEmpty() ? new LabelMatcher[0] : sets.get(0)));
      } else {
        TreeSet<String> union = new TreeSet<>(Utf8Order::compare);
        for (LabelMatcher[] set : sets) {
          union.addAll(q.labelValues(name, set));
        }
        values = new ArrayList<>(union);
      }
    }
    values.sort(Utf8Order::compare);
    return truncatedStrings(values, limit);
  }

  private static ApiResult truncatedStrings(List<String> values, int limit) {
    List<String> out = values;
    List<String> warnings = List.of();
    if (limit > 0 && values.size() > limit) {
      out = values.subList(0, limit);
      warnings = List.of(TRUNCATED);
    }
    List<String> data = out;
    return ApiResult.data(w -> w.stringArray(data), warnings);
  }

  /**
   * Reverses Prometheus' value-encoding escape of label names ({@code U__} prefix, {@code __} for
   * {@code _}, {@code _<hex>_} for a code point); returns {@code name} unchanged if malformed.
   */
  static String unescapeName(String name) {
    String s = name.substring(3);
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '_') {
        b.append(c);
        i++;
        continue;
      }
      if (i + 1 < s.length() && s.charAt(i + 1) == '_') {
        b.append('_');
        i += 2;
        continue;
      }
      int close = s.indexOf('_', i + 1);
      if (close < 0 || close == i + 1 || close - i - 1 > 8) {
        return name;
      }
      int cp = 0;
      for (int k = i + 1; k < close; k++) {
        int d = Character.digit(s.charAt(k), 16);
        if (d < 0) {
          return name;
        }
        cp = cp * 16 + d;
      }
      if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return name;
      }
      b.appendCodePoint(cp);
      i = close + 1;
    }
    return b.toString();
  }

  ApiResult metadata(FormParams p) {
    int limit = goAtoiOr(p.get("limit"), "limit must be a number");
    int limitPerMetric = goAtoiOr(p.get("limit_per_metric"), "limit_per_metric must be a number");
    String metric = p.get("metric");
    TreeMap<String, List<MetricMetadata>> sorted = new TreeMap<>(Utf8Order::compare);
    for (Map.Entry<String, List<MetricMetadata>> e : metadata.metadata(metric).entrySet()) {
      if (limit >= 0 && sorted.size() >= limit) {
        break;
      }
      List<MetricMetadata> l = e.getValue();
      if (limitPerMetric > 0 && l.size() > limitPerMetric) {
        l = l.subList(0, limitPerMetric);
      }
      sorted.put(e.getKey(), l);
    }
    return ApiResult.data(
        w -> {
          JsonGenerator g = w.generator();
          g.writeStartObject();
          for (Map.Entry<String, List<MetricMetadata>> e : sorted.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (MetricMetadata m : e.getValue()) {
              g.writeStartObject();
              g.writeStringField("type", m.type());
              g.writeStringField("help", m.help());
              g.writeStringField("unit", m.unit());
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  ApiResult targetMetadata(FormParams p) {
    goAtoiOr(p.get("limit"), "limit must be a number");
    String matchTarget = p.get("match_target");
    if (!matchTarget.isEmpty()) {
      try {
        ApiParams.matchers(List.of(matchTarget));
      } catch (ApiException e) {
        throw new ApiException(ApiError.invalidParam("match_target", e.error().message()));
      }
    }
    return ApiResult.data(
        w -> {
          w.generator().writeStartArray();
          w.generator().writeEndArray();
        });
  }

  private static int goAtoiOr(String s, String message) {
    if (s.isEmpty()) {
      return -1;
    }
    try {
      String t = s.startsWith("+") ? s.substring(1) : s;
      if (t.isEmpty() || t.startsWith("+") || t.startsWith("-") && t.length() == 1) {
        throw new NumberFormatException();
      }
      long v = Long.parseLong(t);
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    } catch (NumberFormatException e) {
      throw new ApiException(ApiError.badData(message));
    }
  }
}
