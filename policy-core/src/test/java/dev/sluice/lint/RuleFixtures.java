package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.PolicyDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The lint-rule test harness: every rule has {@code lint/rules/<ID>/pass.xml} (no finding) and
 * {@code fail.xml} (findings exactly where its {@code <!-- EXPECT: ID -->} comments say), and a
 * documentation page {@code docs/rules/<ID>.md}. Optional properties files
 * declare gateway facts the rule needs (see {@link FixtureGateway}). Only the rule's own findings are compared, so
 * fixtures of one rule do not change when another is added.
 */
final class RuleFixtures {

  static final Path FIXTURES = TestPaths.module().resolve("src/test/resources/lint/rules");
  static final Path DOCS = TestPaths.project().resolve("docs/rules");

  private RuleFixtures() {}

  static Path fixture(String ruleId, String name) {
    return FIXTURES.resolve(ruleId).resolve(name);
  }

  /**
   * Lints one fixture with every standard rule (and {@code rule}, replacing a standard rule of the
   * same id) as the policy of one operation that streams (see {@link
   * Linter#lintAsStreamingOperation}), and returns the findings of {@code rule} and the load
   * diagnostics: other rules run, as in real use, but do not appear. Problems building the graph (a
   * missing section, say) do, so fixtures must be complete.
   */
  static List<Finding> findings(Rule rule, String fileName, String text) {
    return findings(rule, fileName, text, new Properties());
  }

  /** As {@link #findings(Rule, String, String)}, in the gateway {@code context} declares. */
  static List<Finding> findings(Rule rule, String fileName, String text, Properties context) {
    PolicyDocument document = FixtureDocuments.read(fileName, text);
    List<Rule> rules = new ArrayList<>(RuleRegistry.standard().rules());
    rules.removeIf(r -> r.id().equals(rule.id()));
    rules.add(rule);
    Linter linter =
        Linter.builder().registry(RuleRegistry.of(rules)).tool(TestReports.TOOL).build();
    LintReport report =
        context.isEmpty()
            ? linter.lintAsStreamingOperation(document)
            : linter.lint(FixtureGateway.gateway(document, context));
    return report.findings().stream()
        .filter(f -> f.ruleId().equals(rule.id()) || !RuleInfo.isValidId(f.ruleId()))
        .toList();
  }

  /** Asserts the rule's findings on the fixture are exactly those its EXPECT comments name. */
  static void assertMatchesExpectations(Rule rule, Path fixture) throws IOException {
    String text = Files.readString(fixture, StandardCharsets.UTF_8);
    FixtureExpectations expectations = FixtureExpectations.parse(text);
    List<Finding> findings =
        findings(rule, fixture.getFileName().toString(), text, FixtureGateway.context(fixture));
    assertThat(FixtureExpectations.actual(findings))
        .as("findings of %s on %s (line: rule), against its EXPECT comments", rule.id(), fixture)
        .containsExactlyElementsOf(expectations.expected());
  }
}
