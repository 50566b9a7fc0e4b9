package dev.sluice.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.LoadResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code expressions/suite.txt}: expressions in the style of real APIM policies, each with its
 * expected value, failure or diagnostic.
 *
 * <p>Format: a case starts with {@code ### name}; the lines up to the expectation are the
 * expression; the expectation is one of {@code => text} (the value's C# text, {@code \n} for a line
 * break), {@code !! ExceptionType} (an evaluation failure) or {@code E CODE line:col} (a compile
 * diagnostic at that position, relative to the expression's first character at 1:1).
 */
class ExpressionSuiteTest {

  record Case(String name, String code, String expectation) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = ExpressionSuiteTest.class.getResourceAsStream("/expressions/suite.txt")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
      String name = null;
      StringBuilder code = new StringBuilder();
      for (String line : lines) {
        if (line.startsWith("### ")) {
          name = line.substring(4).trim();
          code.setLength(0);
        } else if (name != null && (line.startsWith("=> ") || line.startsWith("!! ") || line.startsWith("E ") || line.equals("=>"))) {
          cases.add(new Case(name, code.toString().stripTrailing(), line));
          name = null;
        } else if (name != null) {
          code.append(code.length() == 0 ? "" : "\n").append(line);
        }
      }
    }
    return cases;
  }

  static Stream<Case> suite() throws IOException {
    return cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suite")
  void expression_behaves_as_expected(Case c) {
    LoadResult<CompiledExpression> compiled = Fixtures.compile(c.code());
    String e = c.expectation();
    if (e.startsWith("E ")) {
      String[] parts = e.split(" ");
      assertThat(compiled.errors()).as("diagnostics of %s", c.code()).isNotEmpty();
      Diagnostic d = compiled.errors().get(0);
      assertThat(d.code() + " " + d.position().line() + ":" + d.position().column())
          .as("diagnostic %s", d)
          .isEqualTo(parts[1] + " " + parts[2]);
      return;
    }
    assertThat(compiled.errors()).as("diagnostics of %s", c.code()).isEmpty();
    EvalResult result = compiled.value().orElseThrow().evaluate(Fixtures.context());
    if (e.startsWith("!! ")) {
      assertThat(result).isInstanceOf(EvaluationFailure.class);
      assertThat(((EvaluationFailure) result).exceptionType()).as("failure %s", result).isEqualTo(e.substring(3).trim());
      return;
    }
    String expected = e.length() <= 3 ? "" : unescape(e.substring(3));
    assertThat(result).as("result of %s", c.code()).isInstanceOf(EvalResult.Success.class);
    assertThat(((EvalResult.Success) result).text()).isEqualTo(expected);
  }

  /** {@code \\n} is a line break and {@code \\\\} a backslash; any other backslash is literal. */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == '\\')) {
        out.append(s.charAt(++i) == 'n' ? '\n' : '\\');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @org.junit.jupiter.api.Test
  void suite_has_at_least_two_hundred_cases() throws IOException {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(200);
    assertThat(cases().stream().map(Case::name).distinct().count()).isEqualTo(cases().size());
  }
}
