package dev.sluice.runtime;

import dev.sluice.core.graph.GraphNode;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A compiled {@code set-header} (the policy, or the element inside {@code return-response} and
 * {@code send-request}): name, {@code exists-action} and values, each possibly an expression.
 */
record HeaderSetter(TextValue name, TextValue action, List<TextValue> values) {
  HeaderSetter {
    values = List.copyOf(values);
  }

  static Optional<HeaderSetter> compile(GraphNode node, Compilation compilation) {
    Optional<TextValue> name = compilation.required(node, "name");
    Optional<TextValue> action = compilation.attribute(node, "exists-action", "override");
    List<TextValue> values = new ArrayList<>();
    for (GraphNode value : node.children("value")) {
      compilation.text(value).ifPresent(values::add);
    }
    if (name.isEmpty() || action.isEmpty()) {
      return Optional.empty();
    }
    if (action.get().isLiteral()) {
      String literal = action.get().literalText().trim().toLowerCase(Locale.ROOT);
      if (!List.of("override", "skip", "append", "delete").contains(literal)) {
        compilation.error(node.position(), "exists-action must be override, skip, append or delete");
        return Optional.empty();
      }
    }
    return Optional.of(new HeaderSetter(name.get(), action.get(), values));
  }

  void apply(MultiMap headers, PolicyContext context) {
    String headerName = name.text(context);
    String mode = action.text(context).trim().toLowerCase(Locale.ROOT);
    if (mode.equals("delete")) {
      headers.remove(headerName);
      return;
    }
    List<String> evaluated = new ArrayList<>(values.size());
    for (TextValue value : values) {
      evaluated.add(value.text(context));
    }
    switch (mode) {
      case "skip" -> {
        if (!headers.contains(headerName)) {
          headers.set(headerName, evaluated);
        }
      }
      case "append" -> headers.add(headerName, evaluated);
      case "override" -> headers.set(headerName, evaluated);
      default ->
          throw new PolicyFailure(
              500,
              dev.sluice.core.expr.EvaluationFailure.NAME,
              "Expression evaluation failed. exists-action '" + mode + "' is not valid");
    }
  }
}
