package dev.sluice.core.expr;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What a compiled expression reads, found statically when it was compiled: used by the linter to
 * tell which policies touch a message body, and by the runtime to know what to prepare.
 *
 * <p>{@code contextPaths} are the deepest context members named, such as {@code
 * context.Request.Headers} or {@code context.Response.Body}; a path ending in {@code .Body} means
 * the body is read, which buffers it. {@code variablesRead} are the names read with a constant name
 * ({@code context.Variables["x"]}, {@code GetValueOrDefault<T>("x")}, {@code ContainsKey("x")});
 * {@code readsDynamicVariable} is true when a name is computed at run time, so any variable may be
 * read.
 */
public record ExpressionAnalysis(
    Set<String> contextPaths,
    boolean readsRequestBody,
    boolean readsResponseBody,
    Set<String> variablesRead,
    boolean readsDynamicVariable) {

  public ExpressionAnalysis {
    contextPaths = Set.copyOf(requireNonNull(contextPaths, "contextPaths"));
    variablesRead = Set.copyOf(requireNonNull(variablesRead, "variablesRead"));
  }

  /** Whether the expression reads the request or the response body. */
  public boolean readsBody() {
    return readsRequestBody || readsResponseBody;
  }

  /**
   * Whether the value may derive from a message body: it reads a body itself, or reads a variable
   * that holds a body-derived value. The linter feeds the set of such variables, grown as it walks
   * {@code set-variable} policies in order (a variable set from a body-derived value is itself
   * body-derived).
   */
  public boolean derivesFromBody(Set<String> bodyDerivedVariables) {
    if (readsBody()) {
      return true;
    }
    if (readsDynamicVariable && !bodyDerivedVariables.isEmpty()) {
      return true;
    }
    for (String v : variablesRead) {
      if (bodyDerivedVariables.contains(v)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the expression reads the context member at {@code path} or anything under it. */
  public boolean reads(String path) {
    for (String p : contextPaths) {
      if (p.equals(path) || p.startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }
}
