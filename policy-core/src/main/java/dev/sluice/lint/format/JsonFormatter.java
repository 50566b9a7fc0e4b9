package dev.sluice.lint.format;

import dev.sluice.core.Severity;
import dev.sluice.lint.Finding;
import dev.sluice.lint.Fix;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.RelatedLocation;
import dev.sluice.lint.RuleInfo;
import dev.sluice.lint.TextEdit;
import java.util.List;
import java.util.Map;

/**
 * Sluice's own JSON report, schema version {@value #SCHEMA_VERSION}, documented in {@code
 * docs/lint-output.md}. Every key is always present ({@code null} or {@code []} when empty) so
 * consumers need no existence checks; keys are only ever added within a schema version.
 */
final class JsonFormatter {

  static final int SCHEMA_VERSION = 1;

  private JsonFormatter() {}

  static String format(LintReport report) {
    Map<String, Object> root = Json.object();
    root.put("schemaVersion", SCHEMA_VERSION);
    Map<String, Object> tool = Json.object();
    tool.put("name", report.tool().name());
    tool.put("version", report.tool().version());
    root.put("tool", tool);

    Map<String, Object> summary = Json.object();
    summary.put("files", report.files().size());
    summary.put("errors", report.count(Severity.ERROR));
    summary.put("warnings", report.count(Severity.WARNING));
    summary.put("infos", report.count(Severity.INFO));
    summary.put("suppressed", report.suppressedCount());
    root.put("summary", summary);

    root.put("files", List.copyOf(report.files()));

    List<Object> rules = Json.array();
    for (RuleInfo rule : report.rules()) {
      Map<String, Object> entry = Json.object();
      entry.put("id", rule.id());
      entry.put("summary", rule.summary());
      entry.put("defaultSeverity", rule.defaultSeverity().label());
      entry.put("tags", List.copyOf(rule.sortedTags()));
      entry.put("helpUri", report.tool().helpUri(rule));
      rules.add(entry);
    }
    root.put("rules", rules);

    List<Object> findings = Json.array();
    for (Finding finding : report.findings()) {
      findings.add(finding(finding));
    }
    root.put("findings", findings);
    return Json.write(root);
  }

  private static Map<String, Object> finding(Finding finding) {
    Map<String, Object> entry = Json.object();
    entry.put("ruleId", finding.ruleId());
    entry.put("severity", finding.severity().label());
    entry.put("message", finding.message());
    entry.put("location", Locations.json(finding.position()));
    entry.put("inheritance", finding.inheritance().orElse(null));
    List<Object> related = Json.array();
    for (RelatedLocation location : finding.related()) {
      Map<String, Object> item = Json.object();
      item.put("location", Locations.json(location.position()));
      item.put("message", location.message());
      related.add(item);
    }
    entry.put("related", related);
    entry.put("suppressed", finding.isSuppressed());
    entry.put(
        "suppression",
        finding
            .suppression()
            .map(
                s -> {
                  Map<String, Object> item = Json.object();
                  item.put("reason", s.reason());
                  item.put("location", Locations.json(s.position()));
                  return (Object) item;
                })
            .orElse(null));
    entry.put("fix", finding.fix().map(JsonFormatter::fix).orElse(null));
    return entry;
  }

  private static Object fix(Fix fix) {
    Map<String, Object> item = Json.object();
    item.put("description", fix.description());
    List<Object> edits = Json.array();
    for (TextEdit edit : fix.edits()) {
      Map<String, Object> change = Json.object();
      change.put("start", Locations.json(edit.start()));
      change.put("end", Locations.json(edit.end()));
      change.put("replacement", edit.replacement());
      edits.add(change);
    }
    item.put("edits", edits);
    return item;
  }
}
