package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Attribute;
import dev.sluice.core.Comment;
import dev.sluice.core.Expression;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.Section;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyReaderTest {
  private final PolicyReader reader = PolicyReader.create();

  private PolicyDocument read(String xml) {
    LoadResult<PolicyDocument> result = reader.read("p.xml", xml);
    assertThat(result.errors()).isEmpty();
    return result.value().orElseThrow();
  }

  private static String at(Object positioned) {
    dev.sluice.core.SourcePosition position;
    if (positioned instanceof PolicyNode n) {
      position = n.position();
    } else if (positioned instanceof Attribute a) {
      position = a.position();
    } else if (positioned instanceof PolicyValue v) {
      position = v.position();
    } else if (positioned instanceof Expression e) {
      position = e.position();
    } else {
      position = ((Comment) positioned).position();
    }
    return position.line() + ":" + position.column();
  }

  @Test
  void raw_escaped_and_cdata_forms_give_the_same_model() {
    String raw =
        "<policies><inbound><choose><when condition=\"@(h.GetValueOrDefault(\"X\",\"\") == \"(\" && n < 2)\">"
            + "<set-header name=\"A\"><value>@(\"a\" + \"<b>\")</value></set-header></when></choose></inbound></policies>";
    String escaped =
        "<policies><inbound><choose><when condition=\"@(h.GetValueOrDefault(&quot;X&quot;,&quot;&quot;) == &quot;(&quot; &amp;&amp; n &lt; 2)\">"
            + "<set-header name=\"A\"><value>@(\"a\" + \"&lt;b&gt;\")</value></set-header></when></choose></inbound></policies>";
    String cdata =
        "<policies><inbound><choose><when condition='@(h.GetValueOrDefault(\"X\",\"\") == \"(\" &amp;&amp; n &lt; 2)'>"
            + "<set-header name=\"A\"><value><![CDATA[@(\"a\" + \"<b>\")]]></value></set-header></when></choose></inbound></policies>";

    PolicyDocument expected = PolicyDocuments.withoutPositions(read(raw));
    assertThat(PolicyDocuments.withoutPositions(read(escaped))).isEqualTo(expected);
    assertThat(PolicyDocuments.withoutPositions(read(cdata))).isEqualTo(expected);
    PolicyNode when = expected.policies(Section.INBOUND).get(0).children().get(0);
    assertThat(when.attribute("condition").orElseThrow().value().expression())
        .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("h.GetValueOrDefault(\"X\",\"\") == \"(\" && n < 2"));
  }

  @Test
  void positions_name_the_element_attribute_value_and_expression() {
    PolicyDocument document =
        read(
            """
            <policies>
              <inbound>
                <set-header name="X-Id" exists-action='override'>
                  <value>
                    @(context.RequestId)
                  </value>
                </set-header>
                <choose>
                  <when condition="@(a &lt; b)" />
                </choose>
              </inbound>
            </policies>
            """);
    PolicyNode setHeader = document.policies(Section.INBOUND).get(0);
    Attribute exists = setHeader.attribute("exists-action").orElseThrow();
    PolicyValue value = setHeader.child("value").orElseThrow().text().orElseThrow();
    Attribute condition =
        document.policies(Section.INBOUND).get(1).child("when").orElseThrow().attribute("condition").orElseThrow();

    assertThat(at(document.root())).isEqualTo("1:1");
    assertThat(at(document.section(Section.INBOUND).orElseThrow())).isEqualTo("2:3");
    assertThat(at(setHeader)).isEqualTo("3:5");
    assertThat(at(setHeader.attribute("name").orElseThrow())).isEqualTo("3:17");
    assertThat(at(setHeader.attribute("name").orElseThrow().value())).isEqualTo("3:23");
    assertThat(at(exists)).isEqualTo("3:29");
    assertThat(at(exists.value())).isEqualTo("3:44");
    assertThat(value.text()).isEqualTo("@(context.RequestId)");
    assertThat(at(value.expression().orElseThrow())).isEqualTo("5:9");
    assertThat(at(condition.value().expression().orElseThrow())).isEqualTo("9:24");
    assertThat(condition.value().text()).isEqualTo("@(a < b)");
  }

  @Test
  void crlf_line_breaks_give_the_same_positions_as_lf() {
    String lf = "<policies>\n  <inbound>\n    <base />\n  </inbound>\n</policies>\n";
    PolicyDocument withLf = read(lf);
    PolicyDocument withCrLf = read(lf.replace("\n", "\r\n"));
    assertThat(withCrLf).isEqualTo(withLf);
    assertThat(at(withCrLf.policies(Section.INBOUND).get(0))).isEqualTo("3:5");
  }

  @Test
  void mixed_expression_and_text_is_a_literal() {
    PolicyNode node =
        read("<fragment><set-variable name=\"v\" value=\"@(1) and more\" /></fragment>").root().children().get(0);
    PolicyValue value = node.attribute("value").orElseThrow().value();
    assertThat(value.isExpression()).isFalse();
    assertThat(value.text()).isEqualTo("@(1) and more");
  }

  @Test
  void keeps_placeholders_named_values_and_at_signs_verbatim() {
    String xml =
        "<fragment><set-header name=\"${header}\"><value>{{key}}-%{Build.Id}</value><value>me@(home)</value></set-header></fragment>";
    PolicyNode node =
        read(xml)
            .root()
            .children()
            .get(0);
    assertThat(node.attribute("name").orElseThrow().value().hasPlaceholder()).isTrue();
    PolicyValue first = node.children().get(0).text().orElseThrow();
    assertThat(first.text()).isEqualTo("{{key}}-%{Build.Id}");
    assertThat(first.namedValues()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("key");
      assertThat(r.position().column()).isEqualTo(xml.indexOf("{{key}}") + 1);
    });
    assertThat(first.hasPlaceholder()).isTrue();
    assertThat(node.children().get(1).text().orElseThrow().isExpression()).isFalse();
  }

  @Test
  void raw_element_keeps_inner_markup_verbatim_and_decodes_plain_text() {
    String envelope = "\n  <s:Envelope><s:Body a=\"@(x(\"q\"))\">@(y < 1) &amp; {{v}}</s:Body></s:Envelope>\n";
    PolicyDocument document =
        read("<fragment><set-body>" + envelope + "</set-body><set-body> a &amp; b </set-body><set-body/></fragment>");
    List<PolicyNode> bodies = document.root().children();

    assertThat(bodies.get(0).text().orElseThrow().text()).isEqualTo(envelope);
    assertThat(bodies.get(0).children()).isEmpty();
    assertThat(bodies.get(1).text().orElseThrow().text()).isEqualTo(" a & b ");
    assertThat(bodies.get(2).text()).isEmpty();
  }

  @Test
  void whitespace_only_text_is_absent_and_other_text_is_verbatim() {
    PolicyDocument document =
        read("<fragment><set-method>\n   </set-method><set-method>  POST \n</set-method></fragment>");
    assertThat(document.root().children().get(0).text()).isEmpty();
    assertThat(document.root().children().get(1).text().orElseThrow().text()).isEqualTo("  POST \n");
  }

  @Test
  void attaches_comments_to_the_following_element_or_as_trailing() {
    PolicyDocument document =
        read(
            "<!--a--><policies><!--b--><inbound><!--c--><base /><!--d--></inbound><!--e--></policies><!--f-->");
    PolicyNode inbound = document.section(Section.INBOUND).orElseThrow();

    assertThat(document.root().comments()).extracting(Comment::text).containsExactly("a");
    assertThat(inbound.comments()).extracting(Comment::text).containsExactly("b");
    assertThat(inbound.children().get(0).comments()).extracting(Comment::text).containsExactly("c");
    assertThat(inbound.trailingComments()).extracting(Comment::text).containsExactly("d");
    assertThat(document.root().trailingComments()).extracting(Comment::text).containsExactly("e", "f");
    assertThat(at(document.root().trailingComments().get(1))).isEqualTo("1:89");
  }

  @Test
  void keeps_unknown_policies_as_generic_nodes() {
    PolicyNode node =
        read("<fragment><my-custom-policy mode=\"x\"><inner>@(1 < 2)</inner></my-custom-policy></fragment>")
            .root()
            .children()
            .get(0);
    assertThat(node.name()).isEqualTo("my-custom-policy");
    assertThat(node.attributeText("mode")).contains("x");
    assertThat(node.child("inner").orElseThrow().text().orElseThrow().isExpression()).isTrue();
  }

  @Test
  void reads_fragment_kind_and_sections_in_any_order() {
    assertThat(read("<fragment />").kind()).isEqualTo(PolicyDocument.Kind.FRAGMENT);
    PolicyDocument document = read("<policies><outbound /><inbound><base /></inbound></policies>");
    assertThat(document.kind()).isEqualTo(PolicyDocument.Kind.POLICY);
    assertThat(document.policies(Section.INBOUND)).extracting(PolicyNode::name).containsExactly("base");
    assertThat(document.section(Section.BACKEND)).isEmpty();
  }

  @Test
  void reads_bytes_text_and_files_alike(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    String xml = "<policies>\n  <inbound><base /></inbound>\n</policies>";
    java.nio.file.Path file = dir.resolve("p.xml");
    java.nio.file.Files.writeString(file, xml);
    PolicyDocument fromFile = reader.read(file).value().orElseThrow();

    assertThat(fromFile.file()).isEqualTo(file.toString());
    assertThat(PolicyDocuments.withoutPositions(fromFile)).isEqualTo(PolicyDocuments.withoutPositions(read(xml)));
    assertThat(reader.read("p.xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).value())
        .contains(read(xml));
  }
}
