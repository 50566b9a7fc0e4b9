package dev.sluice.core.expr;

import dev.sluice.core.DiagnosticCode;

/**
 * A syntax, binding or type error at an offset in the code; caught by the compiler and turned into
 * a diagnostic. Never leaves this package.
 */
final class SyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int offset;
  final DiagnosticCode code;

  SyntaxError(int offset, String message) {
    this(offset, message, DiagnosticCode.EXPRESSION_SYNTAX);
  }

  SyntaxError(int offset, String message, boolean unsupported) {
    this(offset, message, unsupported ? DiagnosticCode.EXPRESSION_UNSUPPORTED : DiagnosticCode.EXPRESSION_SYNTAX);
  }

  SyntaxError(int offset, String message, DiagnosticCode code) {
    super(message, null, false, false);
    this.offset = offset;
    this.code = code;
  }

  static SyntaxError type(int offset, String message) {
    return new SyntaxError(offset, message, DiagnosticCode.EXPRESSION_TYPE);
  }

  static SyntaxError unsupported(int offset, String message) {
    return new SyntaxError(offset, message, DiagnosticCode.EXPRESSION_UNSUPPORTED);
  }
}
