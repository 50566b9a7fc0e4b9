package dev.sluice.lint.format;

import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import dev.sluice.lint.Finding;
import dev.sluice.lint.Fix;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.RelatedLocation;
import dev.sluice.lint.RuleInfo;
import dev.sluice.lint.TextEdit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, one run: {@code tool.driver} with the rules that ran, one result per finding.
 * Suppressed findings carry {@code suppressions: [{kind: inSource, ...}]}; unsuppressed ones an
 * empty {@code suppressions} array, which SARIF reads as "known not suppressed". Columns are UTF-16
 * code units, as in {@link SourcePosition}.
 */
final class SarifFormatter {

  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifFormatter() {}

  static String format(LintReport report) {
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<Object> rules = Json.array();
    for (RuleInfo rule : report.rules()) {
      ruleIndex.put(rule.id(), rules.size());
      Map<String, Object> descriptor = Json.object();
      descriptor.put("id", rule.id());
      descriptor.put("shortDescription", message(rule.summary()));
      descriptor.put("helpUri", report.tool().helpUri(rule));
      Map<String, Object> configuration = Json.object();
      configuration.put("level", level(rule.defaultSeverity()));
      descriptor.put("defaultConfiguration", configuration);
      Map<String, Object> properties = Json.object();
      properties.put("tags", List.copyOf(rule.sortedTags()));
      descriptor.put("properties", properties);
      rules.add(descriptor);
    }

    Map<String, Object> driver = Json.object();
    driver.put("name", report.tool().name());
    driver.put("version", report.tool().version());
    driver.put("informationUri", report.tool().informationUri());
    driver.put("rules", rules);
    Map<String, Object> tool = Json.object();
    tool.put("driver", driver);

    List<Object> results = Json.array();
    for (Finding finding : report.findings()) {
      results.add(result(finding, ruleIndex));
    }

    Map<String, Object> run = Json.object();
    run.put("tool", tool);
    run.put("columnKind", "utf16CodeUnits");
    run.put("results", results);

    Map<String, Object> log = Json.object();
    log.put("$schema", SCHEMA_URI);
    log.put("version", "2.1.0");
    log.put("runs", List.of(run));
    return Json.write(log);
  }

  private static Map<String, Object> result(Finding finding, Map<String, Integer> ruleIndex) {
    Map<String, Object> result = Json.object();
    result.put("ruleId", finding.ruleId());
    Integer index = ruleIndex.get(finding.ruleId());
    if (index != null) {
      result.put("ruleIndex", index);
    }
    result.put("level", level(finding.severity()));
    result.put("message", message(finding.message()));
    Map<String, Object> location = Json.object();
    location.put("physicalLocation", physical(finding.position()));
    result.put("locations", List.of(location));
    if (!finding.related().isEmpty()) {
      List<Object> related = Json.array();
      int id = 1;
      for (RelatedLocation item : finding.related()) {
        Map<String, Object> entry = Json.object();
        entry.put("id", id++);
        entry.put("physicalLocation", physical(item.position()));
        entry.put("message", message(item.message()));
        related.add(entry);
      }
      result.put("relatedLocations", related);
    }
    List<Object> suppressions = Json.array();
    finding
        .suppression()
        .ifPresent(
            s -> {
              Map<String, Object> entry = Json.object();
              entry.put("kind", "inSource");
              if (s.hasReason()) {
                entry.put("justification", s.reason());
              }
              Map<String, Object> where = Json.object();
              where.put("physicalLocation", physical(s.position()));
              entry.put("location", where);
              suppressions.add(entry);
            });
    result.put("suppressions", suppressions);
    finding.fix().ifPresent(fix -> result.put("fixes", List.of(fix(fix))));
    finding
        .inheritance()
        .ifPresent(
            chain -> {
              Map<String, Object> properties = Json.object();
              properties.put("inheritance", chain);
              result.put("properties", properties);
            });
    return result;
  }

  private static Map<String, Object> fix(Fix fix) {
    // One artifactChange per file, in the order files first appear among the edits.
    Map<String, List<Object>> byFile = new LinkedHashMap<>();
    for (TextEdit edit : fix.edits()) {
      Map<String, Object> deleted = Json.object();
      deleted.put("startLine", edit.start().line());
      deleted.put("startColumn", edit.start().column());
      deleted.put("endLine", edit.end().line());
      deleted.put("endColumn", edit.end().column());
      Map<String, Object> replacement = Json.object();
      replacement.put("deletedRegion", deleted);
      Map<String, Object> inserted = Json.object();
      inserted.put("text", edit.replacement());
      replacement.put("insertedContent", inserted);
      byFile.computeIfAbsent(edit.start().file(), f -> Json.array()).add(replacement);
    }
    List<Object> changes = Json.array();
    byFile.forEach(
        (file, replacements) -> {
          Map<String, Object> change = Json.object();
          change.put("artifactLocation", artifact(file));
          change.put("replacements", replacements);
          changes.add(change);
        });
    Map<String, Object> result = Json.object();
    result.put("description", message(fix.description()));
    result.put("artifactChanges", changes);
    return result;
  }

  private static Map<String, Object> physical(SourcePosition position) {
    Map<String, Object> region = Json.object();
    region.put("startLine", position.line());
    region.put("startColumn", position.column());
    Map<String, Object> physical = Json.object();
    physical.put("artifactLocation", artifact(position.file()));
    physical.put("region", region);
    return physical;
  }

  private static Map<String, Object> artifact(String file) {
    Map<String, Object> artifact = Json.object();
    artifact.put("uri", Locations.uri(file));
    return artifact;
  }

  private static Map<String, Object> message(String text) {
    Map<String, Object> message = Json.object();
    message.put("text", text);
    return message;
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
