package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyWriterTest {
  private final PolicyReader reader = PolicyReader.create();
  private final PolicyWriter writer = PolicyWriter.create();

  static String[] files() {
    return RealisticPoliciesTest.FILES;
  }

  @ParameterizedTest
  @MethodSource("files")
  void parse_write_parse_gives_equal_model(String file) {
    PolicyDocument first = RealisticPoliciesTest.read(file).value().orElseThrow();
    String written = writer.write(first);
    LoadResult<PolicyDocument> again = reader.read("written-" + file, written);

    assertThat(again.errors()).as(written).isEmpty();
    assertThat(PolicyDocuments.withoutPositions(again.value().orElseThrow()))
        .isEqualTo(PolicyDocuments.withoutPositions(first));
    assertThat(writer.write(again.value().orElseThrow())).isEqualTo(written);
  }

  @Test
  void writes_expressions_raw_and_literals_escaped() {
    String xml =
        "<policies><inbound>"
            + "<set-header name=\"a&amp;b &quot;q&quot;\" exists-action=\"override\">"
            + "<value>@(context.Request.Headers.GetValueOrDefault(&quot;X&quot;,&quot;&quot;).Length &lt; 3)</value>"
            + "<value>x &lt; y &amp;&amp; z</value>"
            + "</set-header>"
            + "<choose><when condition=\"@(&quot;a&quot; == &quot;b&quot;)\"><base /></when></choose>"
            + "</inbound></policies>";
    String written = writer.write(reader.read("a.xml", xml).value().orElseThrow());

    assertThat(written)
        .isEqualTo(
            """
            <policies>
              <inbound>
                <set-header name="a&amp;b &quot;q&quot;" exists-action="override">
                  <value>@(context.Request.Headers.GetValueOrDefault("X","").Length < 3)</value>
                  <value>x &lt; y &amp;&amp; z</value>
                </set-header>
                <choose>
                  <when condition="@("a" == "b")">
                    <base />
                  </when>
                </choose>
              </inbound>
            </policies>
            """);
  }

  @Test
  void writes_raw_markup_verbatim_and_raw_text_escaped() {
    String xml =
        "<fragment><set-body template=\"liquid\"><a:Envelope><a:Body>{{body.x}} &amp; 1</a:Body></a:Envelope></set-body>"
            + "<set-body>{\"a\": \"x &amp; &lt;y&gt;\"}</set-body></fragment>";
    String written = writer.write(reader.read("b.xml", xml).value().orElseThrow());

    assertThat(written)
        .isEqualTo(
            """
            <fragment>
              <set-body template="liquid"><a:Envelope><a:Body>{{body.x}} &amp; 1</a:Body></a:Envelope></set-body>
              <set-body>{"a": "x &amp; &lt;y&gt;"}</set-body>
            </fragment>
            """);
  }

  @Test
  void keeps_comments_in_place() {
    String xml =
        "<!-- head --><policies><!-- before inbound --><inbound><base /><!-- end of inbound --></inbound>"
            + "<outbound><!-- empty --></outbound></policies><!-- tail -->";
    String written = writer.write(reader.read("c.xml", xml).value().orElseThrow());

    assertThat(written)
        .isEqualTo(
            """
            <!-- head -->
            <policies>
              <!-- before inbound -->
              <inbound>
                <base />
                <!-- end of inbound -->
              </inbound>
              <outbound>
                <!-- empty -->
              </outbound>
              <!-- tail -->
            </policies>
            """);
  }
}
