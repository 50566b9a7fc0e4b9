package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.core.Attribute;
import dev.sluice.core.Comment;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.LoadResult;
import dev.sluice.core.NamedValueRef;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.SourcePosition;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Fuzzes the policy reader with arbitrary bytes: nothing may escape it, every read yields a
 * document or an error, and every position it hands out lies within the input.
 *
 * <p>A normal build replays the inputs under {@code PolicyReaderFuzzTestInputs} (the realistic and
 * bad fixtures, and inputs that once failed). The {@code fuzz} profile fuzzes for {@code
 * fuzz.duration}; see docs/testing.md.
 */
class PolicyReaderFuzzTest {
  private static final String NAME = "fuzz.xml";
  private static final PolicyReader READER = PolicyReader.create();

  @FuzzTest
  @DictionaryEntries({
    "<policies>", "</policies>", "<inbound>", "</inbound>", "<backend>", "<outbound>", "<on-error>",
    "<base />", "<fragment>", "</fragment>", "<set-header name=\"a\" exists-action=\"override\">",
    "<value>", "</value>", "<choose>", "<when condition=\"", "<otherwise>", "<set-body>",
    "</set-body>", "@(", "@{", "return ", "\"", "'", "&quot;", "&lt;", "&amp;", "&#x41;", "&bogus;",
    "<!--", "-->", "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>", "<!DOCTYPE", "{{name}}",
    "$\"{", "@\""
  })
  void reads_any_bytes_into_a_document_or_an_error(byte[] input) {
    LoadResult<PolicyDocument> result = READER.read(NAME, input);

    assertThat(result.value().isPresent() || result.hasErrors())
        .as("a read without a document reports an error: %s", result.diagnostics())
        .isTrue();
    int lines = lineCount(input);
    for (Diagnostic diagnostic : result.diagnostics()) {
      assertWithin(diagnostic.position(), lines, input);
    }
    result.value().ifPresent(document -> assertNodesWithin(document, lines, input));
  }

  /** Lines as the reader counts them: {@code \n}, {@code \r\n} and a lone {@code \r} end one. */
  private static int lineCount(byte[] input) {
    int lines = 1;
    for (int i = 0; i < input.length; i++) {
      if (input[i] == '\n' || (input[i] == '\r' && (i + 1 == input.length || input[i + 1] != '\n'))) {
        lines++;
      }
    }
    return lines;
  }

  private static void assertNodesWithin(PolicyDocument document, int lines, byte[] input) {
    Deque<PolicyNode> todo = new ArrayDeque<>();
    todo.push(document.root());
    while (!todo.isEmpty()) {
      PolicyNode node = todo.pop();
      assertWithin(node.position(), lines, input);
      for (Attribute attribute : node.attributes()) {
        assertWithin(attribute.position(), lines, input);
        assertValueWithin(attribute.value(), lines, input);
      }
      node.text().ifPresent(text -> assertValueWithin(text, lines, input));
      for (Comment comment : node.comments()) {
        assertWithin(comment.position(), lines, input);
      }
      for (Comment comment : node.trailingComments()) {
        assertWithin(comment.position(), lines, input);
      }
      node.children().forEach(todo::push);
    }
  }

  private static void assertValueWithin(PolicyValue value, int lines, byte[] input) {
    assertWithin(value.position(), lines, input);
    value.expression().ifPresent(expression -> assertWithin(expression.position(), lines, input));
    for (NamedValueRef ref : value.namedValues()) {
      assertWithin(ref.position(), lines, input);
    }
  }

  private static void assertWithin(SourcePosition position, int lines, byte[] input) {
    assertThat(position.file()).isEqualTo(NAME);
    assertThat(position.line()).as("line of %s", position).isBetween(1, lines);
    assertThat(position.column()).as("column of %s", position).isBetween(1, input.length + 1);
  }
}
