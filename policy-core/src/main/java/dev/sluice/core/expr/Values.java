package dev.sluice.core.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** C# semantics for runtime values: ToString, formatting, equality and conversions. */
final class Values {
  private Values() {}

  // ---- ToString

  /** {@code value.ToString()} as C# prints it; null is the empty string (as in concatenation). */
  static String toText(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Double d) {
      return formatDouble(d);
    }
    if (value instanceof LocalDateTime date) {
      return formatDate(date, "M/d/yyyy h:mm:ss tt");
    }
    if (value instanceof Duration duration) {
      return formatTimeSpan(duration);
    }
    if (value instanceof byte[]) {
      return "System.Byte[]";
    }
    if (value instanceof List<?>) {
      return "System.Collections.Generic.List`1[System.Object]";
    }
    if (value instanceof Map.Entry<?, ?> e) {
      return "[" + toText(e.getKey()) + ", " + toText(e.getValue()) + "]";
    }
    if (value instanceof ExpressionContext.Url url) {
      return urlText(url);
    }
    if (value instanceof ExpressionContext.Response || value instanceof ExpressionContext.Request
        || value instanceof ExpressionContext.Body) {
      // An embedder's implementation class says nothing to a policy author; the interface does.
      return typeName(value);
    }
    return value.toString();
  }

  static String urlText(ExpressionContext.Url url) {
    StringBuilder s = new StringBuilder();
    s.append(url.scheme()).append("://").append(url.host());
    boolean defaultPort =
        url.port() == -1 || (url.scheme().equalsIgnoreCase("https") && url.port() == 443)
            || (url.scheme().equalsIgnoreCase("http") && url.port() == 80);
    if (!defaultPort) {
      s.append(':').append(url.port());
    }
    s.append(url.path().startsWith("/") ? "" : "/").append(url.path()).append(url.queryString());
    return s.toString();
  }

  /** Shortest round-trip form, with .NET's exponent style ({@code 1E+20}). */
  static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent >= 15 || exponent < -5) {
      String digits = exact.unscaledValue().abs().toString();
      StringBuilder s = new StringBuilder(d < 0 ? "-" : "");
      s.append(digits.charAt(0));
      if (digits.length() > 1) {
        s.append('.').append(digits, 1, digits.length());
      }
      s.append('E').append(exponent < 0 ? '-' : '+');
      String e = Integer.toString(Math.abs(exponent));
      s.append(e.length() < 2 ? "0" + e : e);
      return s.toString();
    }
    return exact.toPlainString();
  }

  static String formatTimeSpan(Duration duration) {
    boolean negative = duration.isNegative();
    Duration d = duration.abs();
    long days = d.toDays();
    long ticks = d.getNano() / 100;
    StringBuilder s = new StringBuilder(negative ? "-" : "");
    if (days > 0) {
      s.append(days).append('.');
    }
    s.append(String.format(Locale.ROOT, "%02d:%02d:%02d", d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart()));
    if (ticks > 0) {
      s.append(String.format(Locale.ROOT, ".%07d", ticks));
    }
    return s.toString();
  }

  // ---- format strings

  /** {@code value.ToString(format)} for numbers, dates, time spans and GUIDs. */
  static String format(Object value, String format) {
    if (format == null || format.isEmpty()) {
      return toText(value);
    }
    if (value instanceof LocalDateTime date) {
      return formatDate(date, format);
    }
    if (value instanceof Duration duration) {
      return formatTimeSpan(duration);
    }
    if (value instanceof UUID uuid) {
      return switch (format) {
        case "N", "n" -> uuid.toString().replace("-", "");
        case "B", "b" -> "{" + uuid + "}";
        case "P", "p" -> "(" + uuid + ")";
        default -> uuid.toString();
      };
    }
    if (value instanceof JValue v) {
      return format(v.value, format);
    }
    if (value instanceof Number || value instanceof Character) {
      return formatNumber(value instanceof Character c ? (int) c : (Number) value, format);
    }
    return toText(value);
  }

  static String formatNumber(Number number, String format) {
    char kind = Character.toUpperCase(format.charAt(0));
    String rest = format.substring(1);
    boolean standard = rest.chars().allMatch(Character::isDigit) && rest.length() <= 2 && "NFDXPECGR".indexOf(kind) >= 0;
    if (!standard) {
      return customNumber(number, format);
    }
    int precision = rest.isEmpty() ? -1 : Integer.parseInt(rest);
    boolean integral = number instanceof Integer || number instanceof Long;
    switch (kind) {
      case 'D':
        {
          if (!integral) {
            throw new ScriptException("FormatException", "Format specifier was invalid.");
          }
          long v = number.longValue();
          String digits = Long.toString(Math.abs(v));
          while (digits.length() < precision) {
            digits = "0" + digits;
          }
          return (v < 0 ? "-" : "") + digits;
        }
      case 'X':
        {
          if (!integral) {
            throw new ScriptException("FormatException", "Format specifier was invalid.");
          }
          String hex = number instanceof Integer i ? Integer.toHexString(i) : Long.toHexString(number.longValue());
          if (format.charAt(0) == 'X') {
            hex = hex.toUpperCase(Locale.ROOT);
          }
          while (hex.length() < precision) {
            hex = "0" + hex;
          }
          return hex;
        }
      case 'F':
      case 'N':
      case 'P':
      case 'C':
        {
          BigDecimal v = decimal(number);
          if (kind == 'P') {
            v = v.movePointRight(2);
          }
          v = v.setScale(precision < 0 ? 2 : precision, RoundingMode.HALF_UP);
          String plain = v.abs().toPlainString();
          if (kind != 'F') {
            int dot = plain.indexOf('.');
            String whole = dot < 0 ? plain : plain.substring(0, dot);
            StringBuilder grouped = new StringBuilder();
            for (int i = 0; i < whole.length(); i++) {
              if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(',');
              }
              grouped.append(whole.charAt(i));
            }
            plain = grouped + (dot < 0 ? "" : plain.substring(dot));
          }
          String sign = v.signum() < 0 ? "-" : "";
          return switch (kind) {
            case 'P' -> sign + plain + " %";
            case 'C' -> sign + "\u00a4" + plain;
            default -> sign + plain;
          };
        }
      case 'E':
        {
          String s = String.format(Locale.ROOT, "%." + (precision < 0 ? 6 : precision) + "E", number.doubleValue());
          int e = s.indexOf('E');
          String exp = s.substring(e + 2);
          while (exp.length() < 3) {
            exp = "0" + exp;
          }
          return s.substring(0, e + 2).replace("E", format.charAt(0) == 'e' ? "e" : "E") + exp;
        }
      default:
        return integral ? number.toString() : formatDouble(number.doubleValue());
    }
  }

  private static BigDecimal decimal(Number number) {
    if (number instanceof Integer || number instanceof Long) {
      return BigDecimal.valueOf(number.longValue());
    }
    double d = number.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new ScriptException("FormatException", "Cannot format " + formatDouble(d) + ".");
    }
    return new BigDecimal(d);
  }

  /** Custom numeric formats such as {@code 0.00}, {@code #,##0}, {@code 00000}. */
  private static String customNumber(Number number, String format) {
    for (int i = 0; i < format.length(); i++) {
      if ("0#.,%".indexOf(format.charAt(i)) < 0) {
        throw new ScriptException("FormatException", "Format specifier '" + format + "' is not supported.");
      }
    }
    int dot = format.indexOf('.');
    String fraction = dot < 0 ? "" : format.substring(dot + 1);
    String whole = dot < 0 ? format : format.substring(0, dot);
    boolean percent = format.indexOf('%') >= 0;
    int minFraction = (int) fraction.chars().filter(c -> c == '0').count();
    int maxFraction = (int) fraction.chars().filter(c -> c == '0' || c == '#').count();
    int minWhole = (int) whole.chars().filter(c -> c == '0').count();
    boolean grouping = whole.indexOf(',') >= 0;
    BigDecimal v = decimal(number);
    if (percent) {
      v = v.movePointRight(2);
    }
    v = v.setScale(maxFraction, RoundingMode.HALF_UP);
    String plain = v.abs().toPlainString();
    int p = plain.indexOf('.');
    String w = p < 0 ? plain : plain.substring(0, p);
    String f = p < 0 ? "" : plain.substring(p + 1);
    while (f.length() > minFraction && f.endsWith("0")) {
      f = f.substring(0, f.length() - 1);
    }
    if (w.equals("0") && minWhole == 0) {
      w = "";
    }
    while (w.length() < minWhole) {
      w = "0" + w;
    }
    if (grouping) {
      StringBuilder g = new StringBuilder();
      for (int i = 0; i < w.length(); i++) {
        if (i > 0 && (w.length() - i) % 3 == 0) {
          g.append(',');
        }
        g.append(w.charAt(i));
      }
      w = g.toString();
    }
    String result = w + (f.isEmpty() ? "" : "." + f) + (percent ? "%" : "");
    return (v.signum() < 0 ? "-" : "") + (result.isEmpty() ? "0" : result);
  }

  /** .NET date formatting: standard specifiers (o, s, u, r, d, D, t, T, g, G) and custom patterns. */
  static String formatDate(LocalDateTime date, String format) {
    String pattern =
        switch (format) {
          case "o", "O" -> "yyyy-MM-ddTHH:mm:ss.fffffffK";
          case "s" -> "yyyy-MM-ddTHH:mm:ss";
          case "u" -> "yyyy-MM-dd HH:mm:ssZ";
          case "r", "R" -> "ddd, dd MMM yyyy HH:mm:ss 'GMT'";
          case "d" -> "M/d/yyyy";
          case "D" -> "dddd, MMMM d, yyyy";
          case "t" -> "h:mm tt";
          case "T" -> "h:mm:ss tt";
          case "g" -> "M/d/yyyy h:mm tt";
          case "G" -> "M/d/yyyy h:mm:ss tt";
          default -> format;
        };
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int run = 1;
      while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
        run++;
      }
      switch (c) {
        case 'y' -> out.append(run <= 2 ? pad(date.getYear() % 100, run) : pad(date.getYear(), run));
        case 'M' -> out.append(
            run >= 4 ? date.getMonth().getDisplayName(TextStyle.FULL, Locale.US)
                : run == 3 ? date.getMonth().getDisplayName(TextStyle.SHORT, Locale.US)
                : pad(date.getMonthValue(), run));
        case 'd' -> out.append(
            run >= 4 ? date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US)
                : run == 3 ? date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US)
                : pad(date.getDayOfMonth(), run));
        case 'H' -> out.append(pad(date.getHour(), run));
        case 'h' -> out.append(pad(date.getHour() % 12 == 0 ? 12 : date.getHour() % 12, run));
        case 'm' -> out.append(pad(date.getMinute(), run));
        case 's' -> out.append(pad(date.getSecond(), run));
        case 'f', 'F' -> {
          String nanos = String.format(Locale.ROOT, "%09d", date.getNano()).substring(0, Math.min(run, 9));
          if (c == 'F') {
            nanos = nanos.replaceAll("0+$", "");
            if (nanos.isEmpty() && out.length() > 0 && out.charAt(out.length() - 1) == '.') {
              out.setLength(out.length() - 1);
            }
          }
          out.append(nanos);
        }
        case 't' -> out.append(run == 1 ? (date.getHour() < 12 ? "A" : "P") : (date.getHour() < 12 ? "AM" : "PM"));
        case 'K' -> out.append("Z");
        case 'z' -> out.append(run >= 3 ? "+00:00" : run == 2 ? "+00" : "+0");
        case '\'', '"' -> {
          int close = pattern.indexOf(c, i + 1);
          if (close < 0) {
            throw new ScriptException("FormatException", "Cannot find a matching quote character for the character '" + c + "'.");
          }
          out.append(pattern, i + 1, close);
          run = close - i + 1;
        }
        case '\\' -> {
          if (i + 1 < pattern.length()) {
            out.append(pattern.charAt(i + 1));
          }
          run = 2;
        }
        default -> out.append(String.valueOf(c).repeat(run));
      }
      i += run;
    }
    return out.toString();
  }

  private static String pad(int value, int width) {
    String s = Integer.toString(value);
    while (s.length() < width) {
      s = "0" + s;
    }
    return s;
  }

  /** {@code DateTime.Parse}: ISO 8601 (with or without offset), RFC 1123 and US dates; result in UTC. */
  static LocalDateTime parseDate(String text) {
    if (text == null) {
      throw new ScriptException("ArgumentNullException", "String reference not set to an instance of a String.");
    }
    String s = text.trim();
    try {
      return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (RuntimeException ignoredIso) {
      // Try the next accepted form.
    }
    try {
      return LocalDateTime.parse(s);
    } catch (RuntimeException ignoredLocal) {
      // Try the next accepted form.
    }
    try {
      return LocalDate.parse(s).atStartOfDay();
    } catch (RuntimeException ignoredDate) {
      // Try the next accepted form.
    }
    try {
      return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME)
          .withZoneSameInstant(ZoneOffset.UTC)
          .toLocalDateTime();
    } catch (RuntimeException ignoredRfc) {
      // Try the next accepted form.
    }
    for (String pattern : new String[] {"M/d/yyyy h:mm:ss a", "M/d/yyyy H:mm:ss", "M/d/yyyy H:mm", "M/d/yyyy"}) {
      try {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.US);
        return pattern.contains("H") || pattern.contains("h")
            ? LocalDateTime.parse(s, f)
            : LocalDate.parse(s, f).atStartOfDay();
      } catch (RuntimeException ignoredUs) {
        // Try the next accepted form.
      }
    }
    throw new ScriptException("FormatException", "String '" + text + "' was not recognized as a valid DateTime.");
  }

  /** {@code string.Format}: {@code {0}}, {@code {0:N2}}, {@code {0,-10}}, doubled braces. */
  static String compositeFormat(String format, List<Object> args, Frame frame) {
    if (format == null) {
      throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter 'format')");
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c == '{') {
        if (i + 1 < format.length() && format.charAt(i + 1) == '{') {
          out.append('{');
          i += 2;
          continue;
        }
        int close = format.indexOf('}', i);
        if (close < 0) {
          throw new ScriptException("FormatException", "Input string was not in a correct format.");
        }
        String spec = format.substring(i + 1, close);
        String itemFormat = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
          itemFormat = spec.substring(colon + 1);
          spec = spec.substring(0, colon);
        }
        int alignment = 0;
        int comma = spec.indexOf(',');
        try {
          if (comma >= 0) {
            alignment = Integer.parseInt(spec.substring(comma + 1).trim());
            spec = spec.substring(0, comma);
          }
          int index = Integer.parseInt(spec.trim());
          if (index < 0 || index >= args.size()) {
            throw new ScriptException(
                "FormatException", "Index (zero based) must be greater than or equal to zero and less than the size of the argument list.");
          }
          String item = format(args.get(index), itemFormat);
          int padding = Math.abs(alignment) - item.length();
          if (padding > 0 && alignment > 0) {
            out.append(" ".repeat(padding));
          }
          out.append(item);
          if (padding > 0 && alignment < 0) {
            out.append(" ".repeat(padding));
          }
          frame.length(out.length());
        } catch (NumberFormatException e) {
          throw new ScriptException("FormatException", "Input string was not in a correct format.");
        }
        i = close + 1;
      } else if (c == '}') {
        if (i + 1 < format.length() && format.charAt(i + 1) == '}') {
          out.append('}');
          i += 2;
        } else {
          throw new ScriptException("FormatException", "Input string was not in a correct format.");
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return frame.text(out.toString());
  }

  // ---- equality and comparison

  /** C# {@code ==} over boxed values: numbers by value, JValues by their value, others by equals. */
  static boolean valueEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a instanceof JValue v && !(b instanceof JToken)) {
      a = v.value;
    }
    if (b instanceof JValue v && !(a instanceof JToken)) {
      b = v.value;
    }
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Character c) {
      a = (int) c;
    }
    if (b instanceof Character c) {
      b = (int) c;
    }
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Double || y instanceof Double || x instanceof Float || y instanceof Float) {
        return x.doubleValue() == y.doubleValue();
      }
      return x.longValue() == y.longValue();
    }
    if (a instanceof JToken && b instanceof JToken) {
      return a == b || a instanceof JValue && a.equals(b);
    }
    return a.equals(b);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Character c) {
      a = (int) c;
    }
    if (b instanceof Character c) {
      b = (int) c;
    }
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Double || y instanceof Double) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
      return Long.compare(x.longValue(), y.longValue());
    }
    if (a instanceof String x && b instanceof String y) {
      return ordinalCompare(x, y, false);
    }
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Comparable c && a.getClass() == b.getClass()) {
      return c.compareTo(b);
    }
    throw new ScriptException("ArgumentException", "At least one object must implement IComparable.");
  }

  static int ordinalCompare(String a, String b, boolean ignoreCase) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int c = ignoreCase ? a.compareToIgnoreCase(b) : a.compareTo(b);
    return Integer.signum(c);
  }

  // ---- conversions

  static int toInt(Object value) {
    if (value instanceof Integer i) {
      return i;
    }
    if (value instanceof Character c) {
      return c;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    throw cast(value, "Int32");
  }

  static long toLong(Object value) {
    if (value instanceof Character c) {
      return c;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    throw cast(value, "Int64");
  }

  static double toDouble(Object value) {
    if (value instanceof Character c) {
      return c;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw cast(value, "Double");
  }

  static ScriptException cast(Object value, String target) {
    if (value == null) {
      return new ScriptException("NullReferenceException", "Object reference not set to an instance of an object.");
    }
    return new ScriptException(
        "InvalidCastException", "Unable to cast object of type '" + typeName(value) + "' to type '" + target + "'.");
  }

  /** Newtonsoft's explicit conversions from a token to a CLR type, named as in C#. */
  static Object fromToken(JToken token, String target) {
    if (token == null) {
      return null;
    }
    if (!(token instanceof JValue v)) {
      if (target.equals("string")) {
        throw new ScriptException(
            "ArgumentException", "Can not convert " + token.type() + " to String.");
      }
      throw new ScriptException("ArgumentException", "Can not convert " + token.type() + " to " + clrName(target) + ".");
    }
    Object value = v.value;
    if (value == null) {
      if (target.equals("string") || target.equals("object")) {
        return null;
      }
      throw new ScriptException("ArgumentException", "Can not convert Null to " + clrName(target) + ".");
    }
    try {
      switch (target) {
        case "string":
          return value instanceof String s ? s : toText(value);
        case "int":
          return value instanceof String s ? Integer.parseInt(s.trim()) : checkedInt(value);
        case "long":
          return value instanceof String s ? Long.parseLong(s.trim()) : toLong(value);
        case "double":
          return value instanceof String s ? Double.parseDouble(s.trim()) : toDouble(value);
        case "bool":
          if (value instanceof Boolean b) {
            return b;
          }
          if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
          }
          if (value instanceof Number n) {
            return n.doubleValue() != 0;
          }
          break;
        case "DateTime":
          if (value instanceof String s) {
            return parseDate(s);
          }
          break;
        case "Guid":
          if (value instanceof String s) {
            return UUID.fromString(s);
          }
          break;
        case "object":
          return value;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new ScriptException("FormatException", "Input string was not in a correct format.");
    }
    throw new ScriptException("ArgumentException", "Can not convert " + v.type() + " to " + clrName(target) + ".");
  }

  private static int checkedInt(Object value) {
    if (value instanceof Double d) {
      return (int) d.doubleValue();
    }
    long l = toLong(value);
    if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
      throw new ScriptException("OverflowException", "Value was either too large or too small for an Int32.");
    }
    return (int) l;
  }

  static String clrName(String csName) {
    return switch (csName) {
      case "string" -> "String";
      case "int" -> "Int32";
      case "long" -> "Int64";
      case "double" -> "Double";
      case "bool" -> "Boolean";
      case "object" -> "Object";
      case "char" -> "Char";
      default -> csName;
    };
  }

  /** The .NET name of a runtime value's type, for messages. */
  static String typeName(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "System.String";
    }
    if (value instanceof Integer) {
      return "System.Int32";
    }
    if (value instanceof Long) {
      return "System.Int64";
    }
    if (value instanceof Double) {
      return "System.Double";
    }
    if (value instanceof Boolean) {
      return "System.Boolean";
    }
    if (value instanceof Character) {
      return "System.Char";
    }
    if (value instanceof JToken token) {
      return jsonTypeName(token);
    }
    if (value instanceof List<?>) {
      return "System.Object[]";
    }
    if (value instanceof LocalDateTime) {
      return "System.DateTime";
    }
    if (value instanceof Duration) {
      return "System.TimeSpan";
    }
    if (value instanceof UUID) {
      return "System.Guid";
    }
    if (value instanceof Jwt || value instanceof BasicCredentials) {
      return value.toString();
    }
    if (value instanceof ExpressionContext.Response) {
      return "IResponse";
    }
    if (value instanceof ExpressionContext.Request) {
      return "IRequest";
    }
    if (value instanceof ExpressionContext.Body) {
      return "IMessageBody";
    }
    if (value instanceof ExpressionContext.Url) {
      return "IUrl";
    }
    return value.getClass().getSimpleName();
  }

  static String jsonTypeName(JToken token) {
    return "Newtonsoft.Json.Linq." + token.getClass().getSimpleName();
  }

  /** Characters kept by {@code Uri.EscapeDataString} (RFC 3986 unreserved). */
  static String escapeDataString(String s) {
    if (s == null) {
      throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter 'stringToEscape')");
    }
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  static String unescapeDataString(String s, boolean plusIsSpace) {
    if (s == null) {
      return null;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()
          && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
        bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 3;
        continue;
      }
      if (bytes.size() > 0) {
        out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        bytes.reset();
      }
      out.append(plusIsSpace && c == '+' ? ' ' : c);
      i++;
    }
    if (bytes.size() > 0) {
      out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /** {@code WebUtility.UrlEncode}: spaces as '+', unreserved characters kept. */
  static String urlEncode(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '!' || c == '*' || c == '(' || c == ')') {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  static String htmlEncode(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String htmlDecode(String s) {
    if (s == null) {
      return null;
    }
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
  }
}
