package io.hearth.api.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.model.LabelMatcher;
import java.util.List;

/**
 * {@code /api/v1/admin/tsdb/*}: deleting series, cleaning tombstones and snapshots, with
 * Prometheus' parameters, status codes and messages. Without a {@link TsdbAdmin} every endpoint
 * answers Prometheus' "admin APIs disabled" error. Thread-safe.
 */
final class AdminHandlers {
  private final TsdbAdmin admin;

  /** Creates the handlers; {@code admin} null disables them. */
  AdminHandlers(TsdbAdmin admin) {
    this.admin = admin;
  }

  private static ApiResult disabled() {
    return ApiResult.error(ApiError.of(ErrorType.UNAVAILABLE, "admin APIs disabled"));
  }

  /** {@code delete_series}: {@code match[]} (required), {@code start}, {@code end}; 204. */
  ApiResult deleteSeries(FormParams p) {
    if (admin == null) {
      return disabled();
    }
    List<String> match = p.all("match[]");
    if (match.isEmpty()) {
      return ApiResult.error(ApiError.badData("no match[] parameter provided"));
    }
    long start = ApiParams.timeParam(p, "start", ApiParams.MIN_TIME_MS);
    long end = ApiParams.timeParam(p, "end", ApiParams.MAX_TIME_MS);
    // Every selector parses before anything is deleted, so a bad one deletes nothing.
    List<LabelMatcher[]> sets = ApiParams.matchers(match);
    for (LabelMatcher[] set : sets) {
      try {
        admin.deleteSeries(start, end, set);
      } catch (RuntimeException e) {
        return ApiResult.error(ApiError.internal(String.valueOf(e.getMessage())));
      }
    }
    return new ApiResult.NoContent();
  }

  /** {@code clean_tombstones}: no parameters; 204. */
  ApiResult cleanTombstones(FormParams p) {
    if (admin == null) {
      return disabled();
    }
    try {
      admin.cleanTombstones();
    } catch (RuntimeException e) {
      return ApiResult.error(ApiError.internal(String.valueOf(e.getMessage())));
    }
    return new ApiResult.NoContent();
  }

  /** {@code snapshot}: {@code skip_head} (a Go boolean); {@code {"name": ...}}. */
  ApiResult snapshot(FormParams p) {
    if (admin == null) {
      return disabled();
    }
    String raw = p.get("skip_head");
    boolean skipHead = false;
    if (raw != null && !raw.isEmpty()) {
      switch (raw) {
        case "1", "t", "T", "TRUE", "true", "True" -> skipHead = true;
        case "0", "f", "F", "FALSE", "false", "False" -> skipHead = false;
        default -> {
          return ApiResult.error(
              ApiError.badData(
                  "unable to parse boolean 'skip_head' argument: strconv.ParseBool: parsing "
                      + GoStrings.quote(raw)
                      + ": invalid syntax"));
        }
      }
    }
    String name;
    try {
      name = admin.snapshot(skipHead);
    } catch (RuntimeException e) {
      return ApiResult.error(ApiError.internal("create snapshot: " + e.getMessage()));
    }
    return ApiResult.data(
        w -> {
          JsonGenerator g = w.generator();
          g.writeStartObject();
          g.writeStringField("name", name);
          g.writeEndObject();
        });
  }
}
