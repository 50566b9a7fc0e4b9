package dev.sluice.lint;

import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * A report of hand-made findings that exercises every part of every format: inheritance, related
 * locations, a fix, a suppression with and without reason, every severity, characters that need
 * escaping in XML and JSON, a path with a space and a non-ASCII letter, a clean file, and a load
 * diagnostic (a finding whose rule is not in the report's rules).
 */
public final class TestReports {

  /** A fixed tool, so golden files do not change with the project version. */
  public static final ToolInfo TOOL =
      new ToolInfo("sluice", "0.0.0-test", ToolInfo.HOME_URI, ToolInfo.DOCS_BASE_URI);

  static final RuleInfo SSE001 =
      RuleInfo.of("SSE001", "forward-request buffers the response of an event stream",
          Severity.WARNING, "sse", "buffering");
  static final RuleInfo SSE004 =
      RuleInfo.of("SSE004", "Response caching buffers an event stream", Severity.ERROR, "sse",
          "cache");
  static final RuleInfo SSE006 =
      RuleInfo.of("SSE006", "Outbound body rewrite buffers an event stream", Severity.INFO, "sse");
  static final RuleInfo SLU001 =
      RuleInfo.of("SLU001", "A sluice-disable comment gives no reason", Severity.WARNING,
          "suppression");

  private TestReports() {}

  public static LintReport sample() {
    String api = "apis/echo/policy.xml";
    String global = "global.xml";
    Finding inherited =
        Finding.of(
            "SSE001",
            Severity.WARNING,
            SourcePosition.of(api, 12, 6),
            "<base/> inherits a plain <forward-request/> from the global policy, which buffers the"
                + " whole response of this event stream",
            FindingDetails.none()
                .withInheritance("global > api echo > operation echo/stream")
                .withRelated(
                    RelatedLocation.of(
                        SourcePosition.of(global, 5, 6), "the inherited forward-request"))
                .withFix(
                    Fix.of(
                        "Set buffer-response=\"false\" on the forward-request",
                        TextEdit.insert(
                            SourcePosition.of(global, 5, 22), " buffer-response=\"false\""))));
    Finding cache =
        Finding.of(
            "SSE004",
            Severity.ERROR,
            SourcePosition.of(api, 20, 6),
            "<cache-lookup> & <cache-store> hold the \"whole\" response in memory");
    Finding suppressed =
        Finding.of(
                "SSE004",
                Severity.ERROR,
                SourcePosition.of(global, 9, 6),
                "<cache-store> holds the whole response in memory")
            .suppressedBy(
                new Suppression("responses here are small JSON", SourcePosition.of(global, 8, 6)));
    Finding noReason =
        Finding.of(
            "SLU001",
            Severity.WARNING,
            SourcePosition.of(global, 14, 6),
            "sluice-disable without a reason; write <!-- sluice-disable SSE004: why this is safe -->");
    Finding suppressedNoReason =
        Finding.of(
                "SSE004",
                Severity.ERROR,
                SourcePosition.of(global, 15, 6),
                "<cache-lookup> holds the whole response in memory")
            .suppressedBy(new Suppression("", SourcePosition.of(global, 14, 6)));
    Finding info =
        Finding.of(
            "SSE006",
            Severity.INFO,
            SourcePosition.of("products/späť dir/policy.xml", 3, 4),
            "set-body rewrites the response\tbody");
    Finding notLoaded =
        Finding.of(
            "NOT_WELL_FORMED",
            Severity.ERROR,
            SourcePosition.of("broken.xml", 4, 9),
            "element <inbound> is not closed before </policies>");
    return new LintReport(
        TOOL,
        List.of(api, global, "clean.xml", "products/späť dir/policy.xml"),
        List.of(SSE006, SSE004, SSE001, SLU001),
        List.of(info, suppressedNoReason, noReason, suppressed, cache, inherited, notLoaded));
  }

  static Optional<Finding> first(LintReport report, String ruleId) {
    return report.findings().stream().filter(f -> f.ruleId().equals(ruleId)).findFirst();
  }
}
