package dev.sluice.xml;

import dev.sluice.lint.FixtureGateway;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.Linter;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleInfo;
import dev.sluice.lint.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lint rules' pass and fail fixtures (kept with the rules in policy-core) read through the real
 * {@link PolicyReader}: the files load without diagnostics and every rule reports exactly where the
 * fixture's {@code <!-- EXPECT: ID -->} comments say. This is the end-to-end check that the
 * reader attaches comments (and so {@code sluice-disable} suppressions) the way the linter expects.
 */
class LintFixturesTest {

  private static final Pattern EXPECT = Pattern.compile("<!--\\s*EXPECT:\\s*([^>]*?)\\s*-->");
  private static final Pattern ONLY_EXPECT = Pattern.compile("\\s*(<!--\\s*EXPECT:[^>]*?-->\\s*)+");

  private static Path fixtures() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent()
        .resolve("policy-core/src/test/resources/lint/rules");
  }

  static Stream<Rule> rules() {
    return RuleRegistry.standard().rules().stream();
  }

  @ParameterizedTest
  @MethodSource("rules")
  void fixtures_read_by_the_reader_give_the_expected_findings(Rule rule) throws IOException {
    for (String name : List.of("pass.xml", "fail.xml")) {
      Path file = fixtures().resolve(rule.id()).resolve(name);
      String text = Files.readString(file, StandardCharsets.UTF_8);
      LoadResult<PolicyDocument> loaded = PolicyReader.create().read(name, text);
      assertThat(loaded.diagnostics()).as("%s loads cleanly", file).isEmpty();

      var context = FixtureGateway.context(file);
      LintReport report =
          context.isEmpty()
              ? Linter.create().lintAsStreamingOperation(loaded.value().orElseThrow())
              : Linter.create().lint(FixtureGateway.gateway(loaded.value().orElseThrow(), context));
      List<Finding> findings =
          report.findings().stream()
              .filter(f -> f.ruleId().equals(rule.id()) || !RuleInfo.isValidId(f.ruleId()))
              .toList();

      assertThat(actual(findings))
          .as("%s findings on %s (line: rule)", rule.id(), file)
          .containsExactlyElementsOf(expected(text));
    }
  }

  private static List<String> actual(List<Finding> findings) {
    return findings.stream()
        .filter(f -> !f.isSuppressed())
        .sorted(Comparator.comparingInt((Finding f) -> f.position().line())
            .thenComparing(Finding::ruleId))
        .map(f -> f.position().line() + ": " + f.ruleId())
        .toList();
  }

  /** Same convention as the policy-core harness: the next line not blank and not an EXPECT. */
  private static List<String> expected(String text) {
    String[] lines = text.split("\n", -1);
    List<int[]> found = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher matcher = EXPECT.matcher(lines[i]);
      while (matcher.find()) {
        int target = i + 1;
        while (lines[target].isBlank() || ONLY_EXPECT.matcher(lines[target]).matches()) {
          target++;
        }
        for (String id : matcher.group(1).split("[\\s,]+")) {
          found.add(new int[] {target + 1, ids.size()});
          ids.add(id);
        }
      }
    }
    return found.stream()
        .sorted(Comparator.<int[]>comparingInt(e -> e[0]).thenComparing(e -> ids.get(e[1])))
        .map(e -> e[0] + ": " + ids.get(e[1]))
        .toList();
  }
}
