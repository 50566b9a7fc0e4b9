package dev.sluice.xml;

import dev.sluice.core.Attribute;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.Gateway;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.expr.ExpressionCompiler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles every policy expression of a loaded gateway, with its named values, so that syntax and
 * type errors are reported at load time with their position inside the file.
 */
final class ExpressionCheck {
  private final ExpressionCompiler compiler;

  ExpressionCheck(ExpressionCompiler compiler) {
    this.compiler = compiler;
  }

  List<Diagnostic> check(Gateway gateway) {
    Map<String, String> namedValues = new LinkedHashMap<>();
    // A secret kept elsewhere (Key Vault) has no value here; it is still a known name.
    gateway.namedValues().forEach((name, value) -> namedValues.put(name, value.value().orElse("")));
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Gateway.ScopedDocument scoped : gateway.scopedDocuments()) {
      check(scoped.document(), namedValues, diagnostics);
    }
    for (PolicyDocument fragment : gateway.fragments().values()) {
      check(fragment, namedValues, diagnostics);
    }
    return diagnostics;
  }

  private void check(PolicyDocument document, Map<String, String> namedValues, List<Diagnostic> out) {
    Deque<PolicyNode> pending = new ArrayDeque<>();
    pending.push(document.root());
    while (!pending.isEmpty()) {
      PolicyNode node = pending.pop();
      for (Attribute attribute : node.attributes()) {
        compile(attribute.value(), namedValues, out);
      }
      node.text().ifPresent(text -> compile(text, namedValues, out));
      for (int i = node.children().size() - 1; i >= 0; i--) {
        pending.push(node.children().get(i));
      }
    }
  }

  private void compile(PolicyValue value, Map<String, String> namedValues, List<Diagnostic> out) {
    value.expression().ifPresent(expression -> out.addAll(compiler.compile(expression, namedValues).diagnostics()));
  }
}
