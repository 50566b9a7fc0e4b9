package dev.sluice.core;

/**
 * The stable codes of load-time diagnostics (reading, validating against the catalog, resolving
 * scopes). The code printed is the constant's name; never rename one, only add.
 */
public enum DiagnosticCode {
  // Reading
  IO_ERROR(Severity.ERROR),
  EMPTY_DOCUMENT(Severity.ERROR),
  INVALID_ENCODING(Severity.ERROR),
  NOT_WELL_FORMED(Severity.ERROR),
  DOCTYPE_FORBIDDEN(Severity.ERROR),
  ENTITY_FORBIDDEN(Severity.ERROR),
  DOCUMENT_TOO_LARGE(Severity.ERROR),
  NESTING_TOO_DEEP(Severity.ERROR),
  ATTRIBUTE_TOO_LARGE(Severity.ERROR),
  TEXT_TOO_LARGE(Severity.ERROR),
  UNTERMINATED_EXPRESSION(Severity.ERROR),
  // Document structure
  WRONG_ROOT(Severity.ERROR),
  UNKNOWN_SECTION(Severity.ERROR),
  DUPLICATE_SECTION(Severity.ERROR),
  // Policies against the catalog
  UNKNOWN_POLICY(Severity.WARNING),
  POLICY_NOT_ALLOWED_IN_SECTION(Severity.ERROR),
  POLICY_NOT_ALLOWED_IN_PARENT(Severity.ERROR),
  POLICY_NOT_ALLOWED_IN_SCOPE(Severity.ERROR),
  REPEATED_POLICY(Severity.ERROR),
  UNKNOWN_ATTRIBUTE(Severity.ERROR),
  DUPLICATE_ATTRIBUTE(Severity.ERROR),
  MISSING_ATTRIBUTE(Severity.ERROR),
  INVALID_VALUE(Severity.ERROR),
  UNCHECKED_PLACEHOLDER(Severity.WARNING),
  EXPRESSION_NOT_ALLOWED(Severity.ERROR),
  UNKNOWN_ELEMENT(Severity.ERROR),
  MISSING_ELEMENT(Severity.ERROR),
  REPEATED_ELEMENT(Severity.ERROR),
  TEXT_NOT_ALLOWED(Severity.ERROR),
  // Fragments
  FRAGMENT_CONTAINS_SECTION(Severity.ERROR),
  FRAGMENT_CONTAINS_BASE(Severity.ERROR),
  FRAGMENT_NESTED_INCLUDE(Severity.ERROR),
  // Scopes and the graph
  MISSING_FRAGMENT(Severity.ERROR),
  INCLUDE_CYCLE(Severity.ERROR),
  BASE_AT_GLOBAL_SCOPE(Severity.ERROR),
  MISSING_POLICY_FILE(Severity.ERROR),
  INVALID_DESCRIPTOR(Severity.ERROR),
  INVALID_SPECIFICATION(Severity.WARNING),
  UNKNOWN_REFERENCE(Severity.ERROR),
  MISSING_SECTION(Severity.WARNING),
  // Policy expressions
  EXPRESSION_SYNTAX(Severity.ERROR),
  EXPRESSION_UNSUPPORTED(Severity.ERROR),
  EXPRESSION_TYPE(Severity.ERROR),
  EXPRESSION_NAMED_VALUE(Severity.WARNING),
  // Runtime compilation
  POLICY_NOT_EXECUTABLE(Severity.ERROR),
  STREAM_BUFFERED(Severity.WARNING),
  // Lint configuration
  INVALID_LINT_CONFIG(Severity.ERROR),
  UNKNOWN_RULE(Severity.WARNING);

  private final Severity defaultSeverity;

  DiagnosticCode(Severity defaultSeverity) {
    this.defaultSeverity = defaultSeverity;
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }
}
