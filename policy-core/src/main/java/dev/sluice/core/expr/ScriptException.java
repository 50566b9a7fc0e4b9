package dev.sluice.core.expr;

import java.util.Map;

/**
 * A C# exception raised while evaluating: {@code type} is the .NET exception name a {@code catch}
 * clause matches against. Caught by {@code try/catch} in blocks or turned into an {@link
 * EvaluationFailure}; never leaves the package.
 */
final class ScriptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private static final Map<String, String> PARENT =
      Map.ofEntries(
          Map.entry("SystemException", "Exception"),
          Map.entry("FormatException", "SystemException"),
          Map.entry("ArgumentException", "SystemException"),
          Map.entry("ArgumentNullException", "ArgumentException"),
          Map.entry("ArgumentOutOfRangeException", "ArgumentException"),
          Map.entry("NullReferenceException", "SystemException"),
          Map.entry("InvalidCastException", "SystemException"),
          Map.entry("InvalidOperationException", "SystemException"),
          Map.entry("IndexOutOfRangeException", "SystemException"),
          Map.entry("KeyNotFoundException", "SystemException"),
          Map.entry("NotSupportedException", "SystemException"),
          Map.entry("ArithmeticException", "SystemException"),
          Map.entry("DivideByZeroException", "ArithmeticException"),
          Map.entry("OverflowException", "ArithmeticException"),
          Map.entry("UriFormatException", "FormatException"),
          Map.entry("JsonException", "Exception"),
          Map.entry("JsonReaderException", "JsonException"),
          Map.entry("JsonSerializationException", "JsonException"),
          Map.entry("RegexMatchTimeoutException", "SystemException"));

  final String type;

  ScriptException(String type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  /** Whether a {@code catch (name)} clause catches this exception. */
  boolean isA(String name) {
    String simple = name.substring(name.lastIndexOf('.') + 1);
    for (String t = type; t != null; t = PARENT.get(t)) {
      if (t.equals(simple)) {
        return true;
      }
    }
    return simple.equals("Exception");
  }

  static boolean isKnownType(String name) {
    String simple = name.substring(name.lastIndexOf('.') + 1);
    return simple.equals("Exception") || PARENT.containsKey(simple);
  }

  /** The C# view of a Java exception thrown by library code. */
  static ScriptException from(RuntimeException e) {
    if (e instanceof ScriptException se) {
      return se;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String type;
    if (e instanceof NullPointerException) {
      type = "NullReferenceException";
      message = "Object reference not set to an instance of an object.";
    } else if (e instanceof ClassCastException) {
      type = "InvalidCastException";
      message = "Specified cast is not valid.";
    } else if (e instanceof NumberFormatException || e instanceof java.time.format.DateTimeParseException) {
      type = "FormatException";
      message = "Input string was not in a correct format: " + message;
    } else if (e instanceof IndexOutOfBoundsException) {
      type = "ArgumentOutOfRangeException";
    } else if (e instanceof ArithmeticException) {
      type = message.contains("zero") ? "DivideByZeroException" : "OverflowException";
    } else if (e instanceof IllegalArgumentException) {
      type = "ArgumentException";
    } else if (e instanceof UnsupportedOperationException) {
      type = "NotSupportedException";
    } else {
      type = "Exception";
    }
    return new ScriptException(type, message);
  }
}
