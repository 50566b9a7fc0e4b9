package dev.sluice.lint.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.lint.LintReport;
import dev.sluice.lint.TestReports;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class XmlFormatsTest {

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void junit_has_a_suite_per_file_and_counts_failures_and_skips() throws Exception {
    LintReport report = TestReports.sample();
    Document junit = parse(ReportFormat.JUNIT.format(report));

    Element root = junit.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("failures")).isEqualTo("4");
    assertThat(root.getAttribute("skipped")).isEqualTo("2");
    NodeList suites = junit.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(report.files().size());
    Element clean = (Element) suites.item(2);
    assertThat(clean.getAttribute("name")).isEqualTo("clean.xml");
    assertThat(clean.getAttribute("tests")).isEqualTo("1");
    assertThat(clean.getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void junit_failure_message_survives_escaping() throws Exception {
    Document junit = parse(ReportFormat.JUNIT.format(TestReports.sample()));

    NodeList failures = junit.getElementsByTagName("failure");
    boolean found = false;
    for (int i = 0; i < failures.getLength(); i++) {
      Element failure = (Element) failures.item(i);
      if (failure.getAttribute("message")
          .equals("<cache-lookup> & <cache-store> hold the \"whole\" response in memory")) {
        found = true;
        assertThat(failure.getAttribute("type")).isEqualTo("error");
        assertThat(((Element) failure.getParentNode()).getAttribute("classname"))
            .isEqualTo("sluice.SSE004");
      }
    }
    assertThat(found).isTrue();
  }

  @Test
  void checkstyle_lists_every_file_and_leaves_out_suppressed_findings() throws Exception {
    LintReport report = TestReports.sample();
    Document checkstyle = parse(ReportFormat.CHECKSTYLE.format(report));

    assertThat(checkstyle.getDocumentElement().getAttribute("version")).isEqualTo("4.3");
    assertThat(checkstyle.getElementsByTagName("file").getLength()).isEqualTo(report.files().size());
    assertThat(checkstyle.getElementsByTagName("error").getLength())
        .isEqualTo(report.activeFindings().size());
    Element info = (Element) checkstyle.getElementsByTagName("error").item(4);
    assertThat(info.getAttribute("message")).isEqualTo("set-body rewrites the response\tbody");
    assertThat(info.getAttribute("severity")).isEqualTo("info");
    assertThat(info.getAttribute("source")).isEqualTo("sluice.SSE006");
  }

  @Test
  void characters_xml_cannot_hold_are_replaced() throws Exception {
    assertThat(Xml.attribute("a\u0000b\uD800c")).isEqualTo("a\uFFFDb\uFFFDc");
    assertThat(Xml.text("\uD83D\uDE00 & <")).isEqualTo("\uD83D\uDE00 &amp; &lt;");
  }
}
