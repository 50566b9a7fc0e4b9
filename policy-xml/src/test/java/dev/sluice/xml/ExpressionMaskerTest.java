package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.DiagnosticCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionMaskerTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "@(\"a)b\")",
        "@('(')",
        "@(')')",
        "@('\\'')",
        "@(\"\\\")\")",
        "@(@\"C:\\x\\\")",
        "@(@\"say \"\")\"\" ok\")",
        "@($\"{(\"}\")} and {{braces}} {x:N2}\")",
        "@($@\"{a}\\{b}\"\"\")",
        "@(@$\"{a}\")",
        "@($\"{$\"{1}\"}\")",
        "@{ /* } ) */ return 1; }",
        "@{ // } )\n return 1; }",
        "@(a < b && c > d)",
        "@(x.GetValueOrDefault<string>(\"k\", \"\"))",
        "@{ var o = new JObject(); o[\"a\"] = \"{\"; return o.ToString(); }",
      })
  void finds_the_true_end_of_an_expression(String expression) {
    assertThat(ExpressionMasker.expressionEnd(expression + " tail", 0)).isEqualTo(expression.length());
    assertThat(ExpressionMasker.isWholeExpression(expression)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"@(a", "@(\"a)", "@(\"a\n\")", "@{ return 1;", "@('a)", "@(@\"a)", "@($\"{a\")"})
  void reports_unclosed_expressions(String expression) {
    assertThat(ExpressionMasker.expressionEnd(expression, 0)).isEqualTo(-1);
  }

  @Test
  void masks_with_same_length_and_line_breaks() {
    String xml = "<a v=\"@(x == \"<\")\">\n  <b>@{\n  return \"a<b\";\n}</b></a>";
    ExpressionMasker.Result result = ExpressionMasker.mask(xml);

    assertThat(result.problem()).isEmpty();
    String masked = new String(result.masked());
    assertThat(masked).hasSameSizeAs(xml);
    assertThat(masked)
        .isEqualTo("<a v=\"xxxxxxxxxxx\">\n  <b>xx\nxxxxxxxxxxxxxxx\nx</b></a>");
  }

  @Test
  void reads_references_in_the_escaped_form() {
    String xml = "<a v=\"@(&quot;(&quot; == x &amp;&amp; y &lt; 2)\" w=\"1\"/>";
    String masked = new String(ExpressionMasker.mask(xml).masked());

    assertThat(masked).startsWith("<a v=\"xxxx").endsWith("\" w=\"1\"/>");
    assertThat(masked).doesNotContain("quot");
  }

  @Test
  void leaves_at_signs_outside_expression_starts_alone() {
    String xml = "<a v=\"x@(y)\" m='mail@(host)'>ops@(contoso) <!-- @(c --><![CDATA[@(d]]></a>";
    ExpressionMasker.Result result = ExpressionMasker.mask(xml);

    assertThat(result.problem()).isEmpty();
    assertThat(new String(result.masked())).isEqualTo(xml);
  }

  @Test
  void masks_single_quoted_attribute_expressions() {
    String xml = "<a v='@(x == \"a\" ? 1 : 2)'/>";
    assertThat(new String(ExpressionMasker.mask(xml).masked())).isEqualTo("<a v='xxxxxxxxxxxxxxxxxxx'/>");
  }

  @Test
  void reports_unterminated_expression_at_its_start() {
    String xml = "<a>\n  <b v=\"@(x(\" />\n</a>";
    ExpressionMasker.Result result = ExpressionMasker.mask(xml);

    assertThat(result.problem()).hasValueSatisfying(p -> {
      assertThat(p.code()).isEqualTo(DiagnosticCode.UNTERMINATED_EXPRESSION);
      assertThat(p.offset()).isEqualTo(xml.indexOf('@'));
    });
  }

  @Test
  void reports_doctype_before_any_parser_sees_it() {
    String xml = "<!-- c --><!DOCTYPE a [<!ENTITY x \"@(\">]><a/>";
    ExpressionMasker.Result result = ExpressionMasker.mask(xml);

    assertThat(result.problem()).hasValueSatisfying(p -> {
      assertThat(p.code()).isEqualTo(DiagnosticCode.DOCTYPE_FORBIDDEN);
      assertThat(p.offset()).isEqualTo(10);
    });
  }
}
