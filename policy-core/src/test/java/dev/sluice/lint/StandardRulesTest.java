package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.lint.rules.StandardRules;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered rule is documented, has fixtures, and passes them. */
class StandardRulesTest {

  static Stream<Rule> rules() {
    return RuleRegistry.standard().rules().stream();
  }

  @Test
  void registration_list_is_sorted_by_id_without_duplicates() {
    List<String> ids = StandardRules.all().stream().map(Rule::id).toList();

    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(RuleRegistry.standard().infos()).extracting(RuleInfo::id).isEqualTo(ids);
  }

  @Test
  void registry_rejects_two_rules_with_one_id() {
    assertThatThrownBy(() -> RuleRegistry.of(List.of(new LinterTest.SetHeaderRule(),
            new LinterTest.SetHeaderRule())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void has_a_documentation_page_naming_it(Rule rule) throws IOException {
    var page = RuleFixtures.DOCS.resolve(rule.id() + ".md");

    assertThat(page).as("documentation page %s", TestPaths.project().relativize(page)).exists();
    String text = Files.readString(page);
    assertThat(text).startsWith("# " + rule.id() + ": " + rule.info().summary());
    assertThat(text).contains("Default severity: " + rule.info().defaultSeverity().label());
    assertThat(Files.readString(RuleFixtures.DOCS.resolve("README.md")))
        .as("docs/rules/README.md lists the rule").contains("[" + rule.id() + "](" + rule.id() + ".md)");
  }

  @ParameterizedTest
  @MethodSource("rules")
  void pass_fixture_has_no_finding_and_no_expectation(Rule rule) throws IOException {
    var pass = RuleFixtures.fixture(rule.id(), "pass.xml");

    assertThat(pass).exists();
    assertThat(FixtureExpectations.parse(Files.readString(pass)).expected()).isEmpty();
    RuleFixtures.assertMatchesExpectations(rule, pass);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void fail_fixture_has_findings_exactly_where_expected(Rule rule) throws IOException {
    var fail = RuleFixtures.fixture(rule.id(), "fail.xml");

    assertThat(fail).exists();
    assertThat(FixtureExpectations.parse(Files.readString(fail)).expected())
        .as("a fail fixture expects at least one finding").isNotEmpty()
        .allSatisfy(e -> assertThat(e).endsWith(": " + rule.id()));
    RuleFixtures.assertMatchesExpectations(rule, fail);
  }
}
