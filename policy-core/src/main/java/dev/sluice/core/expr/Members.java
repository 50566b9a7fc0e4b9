package dev.sluice.core.expr;

import static dev.sluice.core.expr.Library.*;

import dev.sluice.core.expr.Type.Impl;
import dev.sluice.core.expr.Type.ResultType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

/** The members of the allow-listed types, registered once when {@link Library} loads. */
final class Members {
  private Members() {}

  private static final ResultType ELEM = (r, a, t) -> r.arg;
  private static final ResultType ENUM_OF_ELEM = (r, a, t) -> ENUMERABLE.of(r.arg);
  private static final ResultType SELECT = (r, a, t) -> ENUMERABLE.of(a.get(0));
  private static final ResultType TYPE_ARG = (r, a, t) -> t.isEmpty() ? OBJECT : t.get(0);

  private static List<Type.Param> ps(Type.Param... params) {
    return List.of(params);
  }

  static void register() {
    object();
    strings();
    numbers();
    linq();
    json();
    regex();
    utilities();
    dates();
    context();
    credentials();
  }

  private static void object() {
    method(OBJECT, "ToString", STRING, ps(), (f, t, a) -> f.text(Values.toText(t)));
    method(OBJECT, "Equals", BOOL, ps(p(OBJECT)), (f, t, a) -> Values.valueEquals(t, a[0]));
    method(OBJECT, "GetHashCode", INT, ps(), (f, t, a) -> t.hashCode());
    staticMethod(OBJECT, "Equals", BOOL, ps(p(OBJECT), p(OBJECT)), (f, t, a) -> Values.valueEquals(a[0], a[1]));
    prop(EXCEPTION, "Message", STRING, (f, t, a) -> ((ScriptException) t).getMessage());
    prop(KVP, "Key", STRING, (f, t, a) -> ((Map.Entry<?, ?>) t).getKey());
    prop(KVP, "Value", (r, a, t) -> r.arg, (f, t, a) -> ((Map.Entry<?, ?>) t).getValue());
  }

  // ---- string

  private static void strings() {
    prop(STRING, "Length", INT, (f, t, a) -> str(t).length());
    indexer(STRING, CHAR, ps(p(INT)), (f, t, a) -> {
      int i = i(a[0]);
      if (i < 0 || i >= str(t).length()) {
        throw new ScriptException("IndexOutOfRangeException", "Index was outside the bounds of the array.");
      }
      return str(t).charAt(i);
    });
    staticProp(STRING, "Empty", STRING, (f, t, a) -> "");
    method(STRING, "Contains", BOOL, ps(p(STRING)), (f, t, a) -> str(t).contains(notNull(a[0], "value")));
    method(STRING, "Contains", BOOL, ps(p(CHAR)), (f, t, a) -> str(t).indexOf((Character) a[0]) >= 0);
    method(STRING, "Contains", BOOL, ps(p(STRING), p(STRING_COMPARISON)), (f, t, a) ->
        ignoreCase(a[1]) ? lower(str(t)).contains(lower(notNull(a[0], "value"))) : str(t).contains(notNull(a[0], "value")));
    for (String name : new String[] {"StartsWith", "EndsWith"}) {
      boolean starts = name.equals("StartsWith");
      method(STRING, name, BOOL, ps(p(STRING)), (f, t, a) -> affix(str(t), notNull(a[0], "value"), starts, false));
      method(STRING, name, BOOL, ps(p(CHAR)), (f, t, a) -> affix(str(t), a[0].toString(), starts, false));
      method(STRING, name, BOOL, ps(p(STRING), p(STRING_COMPARISON)), (f, t, a) -> affix(str(t), notNull(a[0], "value"), starts, ignoreCase(a[1])));
      method(STRING, name, BOOL, ps(p(STRING), p(BOOL), p(OBJECT)), (f, t, a) -> affix(str(t), notNull(a[0], "value"), starts, (Boolean) a[1]));
    }
    for (String name : new String[] {"IndexOf", "LastIndexOf"}) {
      boolean last = name.equals("LastIndexOf");
      method(STRING, name, INT, ps(p(STRING)), (f, t, a) -> indexOf(str(t), notNull(a[0], "value"), last, false, -1));
      method(STRING, name, INT, ps(p(CHAR)), (f, t, a) -> indexOf(str(t), a[0].toString(), last, false, -1));
      method(STRING, name, INT, ps(p(STRING), p(STRING_COMPARISON)), (f, t, a) -> indexOf(str(t), notNull(a[0], "value"), last, ignoreCase(a[1]), -1));
      method(STRING, name, INT, ps(p(STRING), p(INT)), (f, t, a) -> indexOf(str(t), notNull(a[0], "value"), last, false, i(a[1])));
      method(STRING, name, INT, ps(p(CHAR), p(INT)), (f, t, a) -> indexOf(str(t), a[0].toString(), last, false, i(a[1])));
    }
    method(STRING, "IndexOfAny", INT, ps(p(ARRAY.of(CHAR))), (f, t, a) -> {
      String s = str(t);
      for (int i = 0; i < s.length(); i++) {
        if (list(a[0]).contains(s.charAt(i))) {
          return i;
        }
      }
      return -1;
    });
    method(STRING, "Replace", STRING, ps(p(STRING), p(STRING)), (f, t, a) -> {
      String old = notNull(a[0], "oldValue");
      if (old.isEmpty()) {
        throw new ScriptException("ArgumentException", "String cannot be of zero length. (Parameter 'oldValue')");
      }
      String s = str(t);
      String with = a[1] == null ? "" : str(a[1]);
      if (with.length() > old.length()) {
        f.size((long) s.length() / Math.max(1, old.length()) * with.length() + s.length());
      }
      return f.text(s.replace(old, with));
    });
    method(STRING, "Replace", STRING, ps(p(CHAR), p(CHAR)), (f, t, a) -> str(t).replace((Character) a[0], (Character) a[1]));
    method(STRING, "Substring", STRING, ps(p(INT)), (f, t, a) -> substring(str(t), i(a[0]), str(t).length() - i(a[0])));
    method(STRING, "Substring", STRING, ps(p(INT), p(INT)), (f, t, a) -> substring(str(t), i(a[0]), i(a[1])));
    method(STRING, "Remove", STRING, ps(p(INT)), (f, t, a) -> str(t).substring(0, checkIndex(str(t), i(a[0]))));
    method(STRING, "Remove", STRING, ps(p(INT), p(INT)), (f, t, a) -> {
      String s = str(t);
      substring(s, i(a[0]), i(a[1]));
      return s.substring(0, i(a[0])) + s.substring(i(a[0]) + i(a[1]));
    });
    method(STRING, "Insert", STRING, ps(p(INT), p(STRING)), (f, t, a) -> {
      String s = str(t);
      int at = checkIndex(s, i(a[0]));
      return f.text(s.substring(0, at) + notNull(a[1], "value") + s.substring(at));
    });
    for (String name : new String[] {"ToLower", "ToLowerInvariant"}) {
      method(STRING, name, STRING, ps(), (f, t, a) -> lower(str(t)));
    }
    for (String name : new String[] {"ToUpper", "ToUpperInvariant"}) {
      method(STRING, name, STRING, ps(), (f, t, a) -> str(t).toUpperCase(Locale.ROOT));
    }
    method(STRING, "Trim", STRING, ps(), (f, t, a) -> trim(str(t), null, true, true));
    method(STRING, "Trim", STRING, ps(params(CHAR)), (f, t, a) -> trim(str(t), list(a[0]), true, true));
    method(STRING, "TrimStart", STRING, ps(), (f, t, a) -> trim(str(t), null, true, false));
    method(STRING, "TrimStart", STRING, ps(params(CHAR)), (f, t, a) -> trim(str(t), list(a[0]), true, false));
    method(STRING, "TrimEnd", STRING, ps(), (f, t, a) -> trim(str(t), null, false, true));
    method(STRING, "TrimEnd", STRING, ps(params(CHAR)), (f, t, a) -> trim(str(t), list(a[0]), false, true));
    for (String name : new String[] {"PadLeft", "PadRight"}) {
      boolean left = name.equals("PadLeft");
      method(STRING, name, STRING, ps(p(INT)), (f, t, a) -> pad(f, str(t), i(a[0]), ' ', left));
      method(STRING, name, STRING, ps(p(INT), p(CHAR)), (f, t, a) -> pad(f, str(t), i(a[0]), (Character) a[1], left));
    }
    method(STRING, "Split", ARRAY.of(STRING), ps(params(CHAR)), (f, t, a) -> split(f, str(t), list(a[0]), 0));
    method(STRING, "Split", ARRAY.of(STRING), ps(p(ARRAY.of(CHAR)), p(SPLIT_OPTIONS)), (f, t, a) -> split(f, str(t), list(a[0]), ((CsEnum) a[1]).value()));
    method(STRING, "Split", ARRAY.of(STRING), ps(p(CHAR), p(SPLIT_OPTIONS)), (f, t, a) -> split(f, str(t), List.of(a[0]), ((CsEnum) a[1]).value()));
    method(STRING, "Split", ARRAY.of(STRING), ps(p(STRING)), (f, t, a) -> split(f, str(t), List.of(a[0] == null ? "" : a[0]), 0));
    method(STRING, "Split", ARRAY.of(STRING), ps(p(STRING), p(SPLIT_OPTIONS)), (f, t, a) -> split(f, str(t), List.of(a[0] == null ? "" : a[0]), ((CsEnum) a[1]).value()));
    method(STRING, "Split", ARRAY.of(STRING), ps(p(ARRAY.of(STRING)), p(SPLIT_OPTIONS)), (f, t, a) -> split(f, str(t), list(a[0]), ((CsEnum) a[1]).value()));
    method(STRING, "Equals", BOOL, ps(p(STRING)), (f, t, a) -> str(t).equals(a[0]));
    method(STRING, "Equals", BOOL, ps(p(STRING), p(STRING_COMPARISON)), (f, t, a) ->
        a[0] != null && (ignoreCase(a[1]) ? str(t).equalsIgnoreCase(str(a[0])) : str(t).equals(a[0])));
    method(STRING, "CompareTo", INT, ps(p(STRING)), (f, t, a) -> Values.ordinalCompare(str(t), str(a[0]), false));
    method(STRING, "ToCharArray", ARRAY.of(CHAR), ps(), (f, t, a) -> items(t));
    staticMethod(STRING, "Equals", BOOL, ps(p(STRING), p(STRING)), (f, t, a) -> java.util.Objects.equals(a[0], a[1]));
    staticMethod(STRING, "Equals", BOOL, ps(p(STRING), p(STRING), p(STRING_COMPARISON)), (f, t, a) ->
        a[0] == null || a[1] == null ? a[0] == a[1] : ignoreCase(a[2]) ? str(a[0]).equalsIgnoreCase(str(a[1])) : a[0].equals(a[1]));
    staticMethod(STRING, "Compare", INT, ps(p(STRING), p(STRING)), (f, t, a) -> Values.ordinalCompare(str(a[0]), str(a[1]), false));
    staticMethod(STRING, "Compare", INT, ps(p(STRING), p(STRING), p(BOOL)), (f, t, a) -> Values.ordinalCompare(str(a[0]), str(a[1]), (Boolean) a[2]));
    staticMethod(STRING, "Compare", INT, ps(p(STRING), p(STRING), p(STRING_COMPARISON)), (f, t, a) -> Values.ordinalCompare(str(a[0]), str(a[1]), ignoreCase(a[2])));
    staticMethod(STRING, "IsNullOrEmpty", BOOL, ps(p(STRING)), (f, t, a) -> a[0] == null || str(a[0]).isEmpty());
    staticMethod(STRING, "IsNullOrWhiteSpace", BOOL, ps(p(STRING)), (f, t, a) -> a[0] == null || str(a[0]).isBlank());
    staticMethod(STRING, "Join", STRING, ps(p(STRING), p(ENUMERABLE.of(OBJECT))), (f, t, a) -> join(f, a[0], items(a[1])));
    staticMethod(STRING, "Join", STRING, ps(p(CHAR), p(ENUMERABLE.of(OBJECT))), (f, t, a) -> join(f, a[0], items(a[1])));
    staticMethod(STRING, "Join", STRING, ps(p(STRING), params(OBJECT)), (f, t, a) -> join(f, a[0], list(a[1])));
    staticMethod(STRING, "Concat", STRING, ps(p(ENUMERABLE.of(STRING))), (f, t, a) -> join(f, "", items(a[0])));
    staticMethod(STRING, "Concat", STRING, ps(params(OBJECT)), (f, t, a) -> join(f, "", list(a[0])));
    staticMethod(STRING, "Format", STRING, ps(p(STRING), params(OBJECT)), (f, t, a) -> Values.compositeFormat(str(a[0]), list(a[1]), f));
    method(CHAR, "ToString", STRING, ps(), (f, t, a) -> t.toString());
    staticMethod(CHAR, "IsDigit", BOOL, ps(p(CHAR)), (f, t, a) -> Character.isDigit((Character) a[0]));
    staticMethod(CHAR, "IsLetter", BOOL, ps(p(CHAR)), (f, t, a) -> Character.isLetter((Character) a[0]));
    staticMethod(CHAR, "IsLetterOrDigit", BOOL, ps(p(CHAR)), (f, t, a) -> Character.isLetterOrDigit((Character) a[0]));
    staticMethod(CHAR, "IsWhiteSpace", BOOL, ps(p(CHAR)), (f, t, a) -> Character.isWhitespace((Character) a[0]));
    staticMethod(CHAR, "IsUpper", BOOL, ps(p(CHAR)), (f, t, a) -> Character.isUpperCase((Character) a[0]));
    staticMethod(CHAR, "ToUpper", CHAR, ps(p(CHAR)), (f, t, a) -> Character.toUpperCase((Character) a[0]));
    staticMethod(CHAR, "ToLower", CHAR, ps(p(CHAR)), (f, t, a) -> Character.toLowerCase((Character) a[0]));
  }

  static String notNull(Object value, String parameter) {
    if (value == null) {
      throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter '" + parameter + "')");
    }
    return (String) value;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static boolean affix(String s, String value, boolean starts, boolean ignoreCase) {
    if (ignoreCase) {
      return starts ? s.regionMatches(true, 0, value, 0, value.length())
          : s.regionMatches(true, s.length() - value.length(), value, 0, value.length());
    }
    return starts ? s.startsWith(value) : s.endsWith(value);
  }

  private static int indexOf(String s, String value, boolean last, boolean ignoreCase, int from) {
    String hay = ignoreCase ? lower(s) : s;
    String needle = ignoreCase ? lower(value) : value;
    if (from > s.length() || from < -1) {
      throw new ScriptException("ArgumentOutOfRangeException", "Index was out of range. (Parameter 'startIndex')");
    }
    if (last) {
      return from < 0 ? hay.lastIndexOf(needle) : hay.lastIndexOf(needle, from);
    }
    return hay.indexOf(needle, Math.max(0, from));
  }

  private static int checkIndex(String s, int index) {
    if (index < 0 || index > s.length()) {
      throw new ScriptException("ArgumentOutOfRangeException", "startIndex must be less than or equal to the length of the string. (Parameter 'startIndex')");
    }
    return index;
  }

  private static String substring(String s, int start, int length) {
    if (start < 0 || start > s.length()) {
      throw new ScriptException("ArgumentOutOfRangeException", "startIndex cannot be larger than length of string. (Parameter 'startIndex')");
    }
    if (length < 0 || start + length > s.length()) {
      throw new ScriptException("ArgumentOutOfRangeException", "Index and length must refer to a location within the string. (Parameter 'length')");
    }
    return s.substring(start, start + length);
  }

  private static String trim(String s, List<Object> chars, boolean start, boolean end) {
    int from = 0;
    int to = s.length();
    boolean whitespace = chars == null || chars.isEmpty();
    while (start && from < to && (whitespace ? Character.isWhitespace(s.charAt(from)) : chars.contains(s.charAt(from)))) {
      from++;
    }
    while (end && to > from && (whitespace ? Character.isWhitespace(s.charAt(to - 1)) : chars.contains(s.charAt(to - 1)))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static String pad(Frame f, String s, int width, char c, boolean left) {
    if (width < 0) {
      throw new ScriptException("ArgumentOutOfRangeException", "Non-negative number required. (Parameter 'totalWidth')");
    }
    f.size(width);
    if (s.length() >= width) {
      return s;
    }
    String padding = String.valueOf(c).repeat(width - s.length());
    return left ? padding + s : s + padding;
  }

  private static List<Object> split(Frame f, String s, List<Object> separators, int options) {
    List<String> seps = new ArrayList<>();
    for (Object o : separators) {
      if (o != null && !o.toString().isEmpty()) {
        seps.add(o.toString());
      }
    }
    List<Object> parts = new ArrayList<>();
    int at = 0;
    int i = 0;
    boolean whitespace = seps.isEmpty() && separators.isEmpty();
    while (i <= s.length()) {
      String hit = null;
      if (i < s.length()) {
        if (whitespace) {
          hit = Character.isWhitespace(s.charAt(i)) ? String.valueOf(s.charAt(i)) : null;
        } else {
          for (String sep : seps) {
            if (s.startsWith(sep, i)) {
              hit = sep;
              break;
            }
          }
        }
      }
      if (hit != null || i == s.length()) {
        String part = s.substring(at, i);
        if ((options & 2) != 0) {
          part = part.strip();
        }
        if ((options & 1) == 0 || !part.isEmpty()) {
          parts.add(part);
        }
        f.tick();
        if (hit == null) {
          break;
        }
        i += hit.length();
        at = i;
      } else {
        i++;
      }
    }
    return arrayOf(parts);
  }

  private static String join(Frame f, Object separator, List<Object> values) {
    StringBuilder out = new StringBuilder();
    String sep = separator == null ? "" : separator.toString();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(sep);
      }
      out.append(Values.toText(values.get(i)));
      f.length(out.length());
    }
    f.tick(values.size());
    return out.toString();
  }

  // ---- numbers, bool, parsing

  private static void numbers() {
    for (Type t : new Type[] {INT, LONG, DOUBLE}) {
      method(t, "ToString", STRING, ps(p(STRING)), (f, v, a) -> f.text(Values.format(v, str(a[0]))));
      method(t, "ToString", STRING, ps(p(STRING), p(OBJECT)), (f, v, a) -> f.text(Values.format(v, str(a[0]))));
      method(t, "CompareTo", INT, ps(p(t)), (f, v, a) -> Values.compare(v, a[0]));
      staticMethod(t, "Parse", t, ps(p(STRING)), (f, v, a) -> parseNumber(t, notNull(a[0], "s")));
      staticMethod(t, "TryParse", BOOL, ps(p(STRING), out(t)), (f, v, a) -> tryParse(f, t, a[0], a[1]));
    }
    staticProp(INT, "MaxValue", INT, (f, t, a) -> Integer.MAX_VALUE);
    staticProp(INT, "MinValue", INT, (f, t, a) -> Integer.MIN_VALUE);
    staticProp(LONG, "MaxValue", LONG, (f, t, a) -> Long.MAX_VALUE);
    staticProp(LONG, "MinValue", LONG, (f, t, a) -> Long.MIN_VALUE);
    staticProp(DOUBLE, "MaxValue", DOUBLE, (f, t, a) -> Double.MAX_VALUE);
    staticProp(DOUBLE, "NaN", DOUBLE, (f, t, a) -> Double.NaN);
    staticMethod(DOUBLE, "IsNaN", BOOL, ps(p(DOUBLE)), (f, t, a) -> Double.isNaN(Values.toDouble(a[0])));
    staticMethod(BOOL, "Parse", BOOL, ps(p(STRING)), (f, t, a) -> parseBool(notNull(a[0], "value")));
    staticMethod(BOOL, "TryParse", BOOL, ps(p(STRING), out(BOOL)), (f, t, a) -> {
      try {
        setOut(f, a[1], parseBool(notNull(a[0], "value")));
        return true;
      } catch (ScriptException e) {
        setOut(f, a[1], false);
        return false;
      }
    });
    staticProp(BOOL, "TrueString", STRING, (f, t, a) -> "True");
    staticProp(BOOL, "FalseString", STRING, (f, t, a) -> "False");
  }

  static Object parseNumber(Type t, String s) {
    String text = s.trim();
    try {
      if (t == INT) {
        return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
      }
      if (t == LONG) {
        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
      }
      if (text.isEmpty() || !text.matches("[+-]?(\\d[\\d,]*\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Infinity|NaN")) {
        throw new NumberFormatException(s);
      }
      return Double.parseDouble(text.replace(",", ""));
    } catch (NumberFormatException e) {
      if (text.matches("[+-]?\\d+")) {
        throw new ScriptException("OverflowException", "Value was either too large or too small for an " + Library.clrName(t) + ".");
      }
      throw new ScriptException("FormatException", "Input string was not in a correct format.");
    }
  }

  private static boolean tryParse(Frame f, Type t, Object s, Object ref) {
    try {
      setOut(f, ref, parseNumber(t, notNull(s, "s")));
      return true;
    } catch (ScriptException e) {
      setOut(f, ref, t.defaultValue);
      return false;
    }
  }

  private static boolean parseBool(String s) {
    String text = s.trim();
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ScriptException("FormatException", "String '" + s + "' was not recognized as a valid Boolean.");
  }

  // ---- LINQ

  private static void linq() {
    Type e = ENUMERABLE;
    method(e, "Select", SELECT, ps(lambda()), (f, t, a) -> {
      List<Object> out = new ArrayList<>();
      for (Object x : items(t)) {
        out.add(fn(f, a[0], x));
      }
      return out;
    });
    method(e, "SelectMany", (r, a, t) -> a.get(0).elementType() == null ? ENUMERABLE.of(OBJECT) : ENUMERABLE.of(a.get(0).elementType()), ps(lambda()), (f, t, a) -> {
      List<Object> out = new ArrayList<>();
      for (Object x : items(t)) {
        out.addAll(items(fn(f, a[0], x)));
        f.size(out.size());
      }
      return out;
    });
    method(e, "Where", ENUM_OF_ELEM, ps(lambda()), (f, t, a) -> {
      List<Object> out = new ArrayList<>();
      for (Object x : items(t)) {
        if (test(f, a[0], x)) {
          out.add(x);
        }
      }
      return out;
    });
    method(e, "Any", BOOL, ps(), (f, t, a) -> !items(t).isEmpty());
    method(e, "Any", BOOL, ps(lambda()), (f, t, a) -> {
      for (Object x : items(t)) {
        if (test(f, a[0], x)) {
          return true;
        }
      }
      return false;
    });
    method(e, "All", BOOL, ps(lambda()), (f, t, a) -> {
      for (Object x : items(t)) {
        if (!test(f, a[0], x)) {
          return false;
        }
      }
      return true;
    });
    method(e, "Count", INT, ps(), (f, t, a) -> items(t).size());
    method(e, "Count", INT, ps(lambda()), (f, t, a) -> {
      int n = 0;
      for (Object x : items(t)) {
        n += test(f, a[0], x) ? 1 : 0;
      }
      return n;
    });
    for (String name : new String[] {"First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault"}) {
      boolean orDefault = name.endsWith("OrDefault");
      boolean last = name.startsWith("Last");
      boolean single = name.startsWith("Single");
      specialized(e, name, ELEM, ps(), (r, x, y) -> {
        Object dv = r.arg == null ? null : r.arg.defaultValue;
        return (f, t, a) -> pick(f, items(t), null, orDefault, last, single, dv);
      });
      specialized(e, name, ELEM, ps(lambda()), (r, x, y) -> {
        Object dv = r.arg == null ? null : r.arg.defaultValue;
        return (f, t, a) -> pick(f, items(t), a[0], orDefault, last, single, dv);
      });
    }
    method(e, "Contains", BOOL, ps(elem()), (f, t, a) -> {
      for (Object x : items(t)) {
        f.tick();
        if (Values.valueEquals(x, a[0])) {
          return true;
        }
      }
      return false;
    });
    method(e, "Contains", BOOL, ps(elem(), p(OBJECT)), (f, t, a) -> {
      for (Object x : items(t)) {
        if (x instanceof String s && a[0] instanceof String v ? s.equalsIgnoreCase(v) : Values.valueEquals(x, a[0])) {
          return true;
        }
      }
      return false;
    });
    method(e, "ToArray", (r, a, t) -> ARRAY.of(r.arg), ps(), (f, t, a) -> arrayOf(items(t)));
    method(e, "ToList", (r, a, t) -> LIST.of(r.arg), ps(), (f, t, a) -> new ArrayList<>(items(t)));
    method(e, "Distinct", ENUM_OF_ELEM, ps(), (f, t, a) -> new ArrayList<>(new LinkedHashSet<>(items(t))));
    method(e, "Reverse", ENUM_OF_ELEM, ps(), (f, t, a) -> {
      List<Object> out = new ArrayList<>(items(t));
      java.util.Collections.reverse(out);
      return out;
    });
    method(e, "Skip", ENUM_OF_ELEM, ps(p(INT)), (f, t, a) -> {
      List<Object> l = items(t);
      return new ArrayList<>(l.subList(Math.min(l.size(), Math.max(0, i(a[0]))), l.size()));
    });
    method(e, "Take", ENUM_OF_ELEM, ps(p(INT)), (f, t, a) -> {
      List<Object> l = items(t);
      return new ArrayList<>(l.subList(0, Math.min(l.size(), Math.max(0, i(a[0])))));
    });
    method(e, "Concat", ENUM_OF_ELEM, ps(p(ENUMERABLE.of(OBJECT))), (f, t, a) -> {
      List<Object> out = new ArrayList<>(items(t));
      out.addAll(items(a[0]));
      f.size(out.size());
      return out;
    });
    for (String name : new String[] {"OrderBy", "OrderByDescending"}) {
      boolean descending = name.endsWith("Descending");
      method(e, name, ENUM_OF_ELEM, ps(lambda()), (f, t, a) -> {
        List<Object> l = items(t);
        List<Object[]> keyed = new ArrayList<>();
        for (Object x : l) {
          keyed.add(new Object[] {fn(f, a[0], x), x});
        }
        f.tick((long) l.size() * 4);
        Comparator<Object[]> c = (x, y) -> Values.compare(x[0], y[0]);
        keyed.sort(descending ? c.reversed() : c);
        List<Object> out = new ArrayList<>();
        for (Object[] k : keyed) {
          out.add(k[1]);
        }
        return out;
      });
    }
    ResultType numeric = (r, a, t) -> a.isEmpty() ? r.arg : a.get(0);
    for (String name : new String[] {"Sum", "Max", "Min", "Average"}) {
      method(e, name, name.equals("Average") ? (r, a, t) -> DOUBLE : numeric, ps(), (f, t, a) -> aggregate(name, items(t)));
      method(e, name, name.equals("Average") ? (r, a, t) -> DOUBLE : numeric, ps(lambda()), (f, t, a) -> {
        List<Object> mapped = new ArrayList<>();
        for (Object x : items(t)) {
          mapped.add(fn(f, a[0], x));
        }
        return aggregate(name, mapped);
      });
    }
    prop(ARRAY, "Length", INT, (f, t, a) -> list(t).size());
    indexer(ARRAY, ELEM, ps(p(INT)), (f, t, a) -> element(list(t), i(a[0]), "IndexOutOfRangeException"))
        .setter = (f, t, a, v) -> setElement(list(t), i(a[0]), v);
    prop(LIST, "Count", INT, (f, t, a) -> list(t).size());
    indexer(LIST, ELEM, ps(p(INT)), (f, t, a) -> element(list(t), i(a[0]), "ArgumentOutOfRangeException"))
        .setter = (f, t, a, v) -> setElement(list(t), i(a[0]), v);
    method(LIST, "Add", VOID, ps(elem()), (f, t, a) -> {
      f.size(list(t).size() + 1L);
      list(t).add(a[0]);
      return null;
    });
    method(LIST, "AddRange", VOID, ps(p(ENUMERABLE.of(OBJECT))), (f, t, a) -> {
      List<Object> more = items(a[0]);
      f.size((long) list(t).size() + more.size());
      list(t).addAll(more);
      return null;
    });
    method(LIST, "Remove", BOOL, ps(elem()), (f, t, a) -> list(t).remove(a[0]));
    method(LIST, "Clear", VOID, ps(), (f, t, a) -> {
      list(t).clear();
      return null;
    });
    method(LIST, "Insert", VOID, ps(p(INT), elem()), (f, t, a) -> {
      list(t).add(i(a[0]), a[1]);
      return null;
    });
  }

  private static Object element(List<Object> l, int i, String exception) {
    if (i < 0 || i >= l.size()) {
      throw new ScriptException(exception, "Index was outside the bounds of the array.");
    }
    return l.get(i);
  }

  private static void setElement(List<Object> l, int i, Object v) {
    if (i < 0 || i >= l.size()) {
      throw new ScriptException("IndexOutOfRangeException", "Index was outside the bounds of the array.");
    }
    l.set(i, v);
  }

  private static Object pick(Frame f, List<Object> l, Object predicate, boolean orDefault, boolean last, boolean single, Object defaultValue) {
    Object found = null;
    int count = 0;
    for (Object x : l) {
      if (predicate == null || test(f, predicate, x)) {
        count++;
        if (found == null || last || count == 1) {
          if (count == 1 || last) {
            found = x;
          }
        }
        if (!last && !single) {
          break;
        }
      }
    }
    if (single && count > 1) {
      throw new ScriptException("InvalidOperationException", "Sequence contains more than one matching element");
    }
    if (count == 0 && !orDefault) {
      throw new ScriptException("InvalidOperationException", predicate == null ? "Sequence contains no elements" : "Sequence contains no matching element");
    }
    return count == 0 ? defaultValue : found;
  }

  private static Object aggregate(String name, List<Object> values) {
    if (values.isEmpty()) {
      if (name.equals("Sum")) {
        return 0;
      }
      throw new ScriptException("InvalidOperationException", "Sequence contains no elements");
    }
    boolean integral = values.stream().allMatch(v -> v instanceof Integer || v instanceof Long);
    boolean allInt = values.stream().allMatch(v -> v instanceof Integer);
    switch (name) {
      case "Sum":
        if (integral) {
          long sum = 0;
          for (Object v : values) {
            sum = Math.addExact(sum, Values.toLong(v));
          }
          return allInt ? (Object) Math.toIntExact(sum) : (Object) sum;
        }
        double total = 0;
        for (Object v : values) {
          total += Values.toDouble(v);
        }
        return total;
      case "Average":
        double avg = 0;
        for (Object v : values) {
          avg += Values.toDouble(v);
        }
        return avg / values.size();
      default:
        Object best = values.get(0);
        for (Object v : values) {
          int c = Values.compare(v, best);
          if (name.equals("Max") ? c > 0 : c < 0) {
            best = v;
          }
        }
        return best;
    }
  }

  // ---- JSON

  private static JToken token(Object o) {
    return JToken.from(o);
  }

  private static void json() {
    Type[] all = {JTOKEN};
    for (Type t : all) {
      indexer(t, JTOKEN, ps(p(OBJECT)), (f, v, a) -> ((JToken) v).get(a[0])).setter = (f, v, a, x) -> ((JToken) v).set(a[0], token(x));
    }
    indexer(JOBJECT, JTOKEN, ps(p(STRING)), (f, v, a) -> ((JToken) v).get(a[0])).setter = (f, v, a, x) -> ((JToken) v).set(a[0], token(x));
    indexer(JARRAY, JTOKEN, ps(p(INT)), (f, v, a) -> ((JToken) v).get(a[0])).setter = (f, v, a, x) -> ((JToken) v).set(a[0], token(x));
    prop(JTOKEN, "Type", JTOKEN_TYPE, (f, v, a) -> jtokenType(((JToken) v).type()));
    prop(JTOKEN, "HasValues", BOOL, (f, v, a) -> !((JToken) v).children().isEmpty());
    prop(JTOKEN, "Parent", JTOKEN, (f, v, a) -> ((JToken) v).parent);
    prop(JTOKEN, "Root", JTOKEN, (f, v, a) -> {
      JToken x = (JToken) v;
      while (x.parent != null) {
        x = x.parent;
      }
      return x;
    });
    prop(JTOKEN, "First", JTOKEN, (f, v, a) -> first(((JToken) v).children()));
    prop(JTOKEN, "Last", JTOKEN, (f, v, a) -> {
      List<JToken> c = ((JToken) v).children();
      return c.isEmpty() ? null : c.get(c.size() - 1);
    });
    prop(JTOKEN, "Path", STRING, (f, v, a) -> path((JToken) v));
    method(JTOKEN, "ToString", STRING, ps(), (f, v, a) -> v instanceof JValue ? v.toString() : ((JToken) v).toJson(true, f));
    method(JTOKEN, "ToString", STRING, ps(p(FORMATTING)), (f, v, a) ->
        v instanceof JValue jv && jv.value instanceof String s ? JsonQuoted.of(s) : ((JToken) v).toJson(((CsEnum) a[0]).value() == 1, f));
    generic(JTOKEN, "Value", TYPE_ARG, ps(p(OBJECT)), (r, a, t) -> {
      Type target = t.isEmpty() ? OBJECT : t.get(0);
      return (f, v, args) -> {
        JToken child = ((JToken) v).get(args[0]);
        return child == null ? null : fromToken(child, target);
      };
    });
    generic(JTOKEN, "Value", TYPE_ARG, ps(), (r, a, t) -> {
      Type target = t.isEmpty() ? OBJECT : t.get(0);
      return (f, v, args) -> fromToken((JToken) v, target);
    });
    generic(JTOKEN, "ToObject", TYPE_ARG, ps(), (r, a, t) -> {
      Type target = t.isEmpty() ? OBJECT : t.get(0);
      return (f, v, args) -> fromToken((JToken) v, target);
    });
    method(JTOKEN, "SelectToken", JTOKEN, ps(p(STRING)), (f, v, a) -> {
      List<JToken> found = JsonText.select((JToken) v, notNull(a[0], "path"));
      if (found.size() > 1) {
        throw new ScriptException("JsonException", "Path returned multiple tokens.");
      }
      return found.isEmpty() ? null : found.get(0);
    });
    method(JTOKEN, "SelectToken", JTOKEN, ps(p(STRING), p(BOOL)), (f, v, a) -> {
      List<JToken> found = JsonText.select((JToken) v, notNull(a[0], "path"));
      if (found.isEmpty() && (Boolean) a[1]) {
        throw new ScriptException("JsonException", "Path '" + a[0] + "' does not exist.");
      }
      return found.isEmpty() ? null : found.get(0);
    });
    method(JTOKEN, "SelectTokens", ENUMERABLE.of(JTOKEN), ps(p(STRING)), (f, v, a) -> new ArrayList<Object>(JsonText.select((JToken) v, notNull(a[0], "path"))));
    method(JTOKEN, "Children", ENUMERABLE.of(JTOKEN), ps(), (f, v, a) -> new ArrayList<Object>(((JToken) v).children()));
    method(JTOKEN, "DeepClone", JTOKEN, ps(), (f, v, a) -> ((JToken) v).deepClone());
    method(JTOKEN, "Remove", VOID, ps(), (f, v, a) -> {
      ((JToken) v).remove();
      return null;
    });
    method(JTOKEN, "Replace", VOID, ps(p(JTOKEN)), (f, v, a) -> {
      replace((JToken) v, token(a[0]));
      return null;
    });
    staticMethod(JTOKEN, "Parse", JTOKEN, ps(p(STRING)), (f, v, a) -> JsonText.parse(str(a[0]), f));
    staticMethod(JTOKEN, "FromObject", JTOKEN, ps(p(OBJECT)), (f, v, a) -> token(a[0]));
    staticMethod(JTOKEN, "DeepEquals", BOOL, ps(p(JTOKEN), p(JTOKEN)), (f, v, a) -> deepEquals((JToken) a[0], (JToken) a[1]));

    staticMethod(JOBJECT, "Parse", JOBJECT, ps(p(STRING)), (f, v, a) -> expect(JsonText.parse(str(a[0]), f), JObject.class, "JObject", "object"));
    staticMethod(JOBJECT, "FromObject", JOBJECT, ps(p(OBJECT)), (f, v, a) -> expect(token(a[0]), JObject.class, "JObject", "object"));
    prop(JOBJECT, "Count", INT, (f, v, a) -> ((JObject) v).properties.size());
    method(JOBJECT, "Add", VOID, ps(p(STRING), p(JTOKEN)), (f, v, a) -> {
      ((JObject) v).add(notNull(a[0], "propertyName"), token(a[1]));
      return null;
    });
    method(JOBJECT, "Add", VOID, ps(p(JPROPERTY)), (f, v, a) -> {
      ((JObject) v).add((JProperty) a[0]);
      return null;
    });
    method(JOBJECT, "Remove", BOOL, ps(p(STRING)), (f, v, a) -> ((JObject) v).remove(notNull(a[0], "propertyName")));
    method(JOBJECT, "ContainsKey", BOOL, ps(p(STRING)), (f, v, a) -> ((JObject) v).properties.containsKey(notNull(a[0], "propertyName")));
    method(JOBJECT, "Property", JPROPERTY, ps(p(STRING)), (f, v, a) -> ((JObject) v).properties.get(notNull(a[0], "name")));
    method(JOBJECT, "Property", JPROPERTY, ps(p(STRING), p(STRING_COMPARISON)), (f, v, a) -> {
      JObject o = (JObject) v;
      for (JProperty p : o.properties.values()) {
        if (ignoreCase(a[1]) ? p.name.equalsIgnoreCase(str(a[0])) : p.name.equals(a[0])) {
          return p;
        }
      }
      return null;
    });
    method(JOBJECT, "Properties", ENUMERABLE.of(JPROPERTY), ps(), (f, v, a) -> new ArrayList<Object>(((JObject) v).propertyList()));
    method(JOBJECT, "GetValue", JTOKEN, ps(p(STRING)), (f, v, a) -> ((JObject) v).get(notNull(a[0], "propertyName")));
    method(JOBJECT, "GetValue", JTOKEN, ps(p(STRING), p(STRING_COMPARISON)), (f, v, a) -> {
      for (JProperty p : ((JObject) v).properties.values()) {
        if (ignoreCase(a[1]) ? p.name.equalsIgnoreCase(str(a[0])) : p.name.equals(a[0])) {
          return p.value;
        }
      }
      return null;
    });
    method(JOBJECT, "TryGetValue", BOOL, ps(p(STRING), out(JTOKEN)), (f, v, a) -> {
      JToken found = ((JObject) v).get(notNull(a[0], "propertyName"));
      setOut(f, a[1], found);
      return found != null;
    });

    staticMethod(JARRAY, "Parse", JARRAY, ps(p(STRING)), (f, v, a) -> expect(JsonText.parse(str(a[0]), f), JArray.class, "JArray", "array"));
    staticMethod(JARRAY, "FromObject", JARRAY, ps(p(OBJECT)), (f, v, a) -> expect(token(a[0]), JArray.class, "JArray", "array"));
    prop(JARRAY, "Count", INT, (f, v, a) -> ((JArray) v).items.size());
    method(JARRAY, "Add", VOID, ps(p(JTOKEN)), (f, v, a) -> {
      f.size(((JArray) v).items.size() + 1L);
      ((JArray) v).add(token(a[0]));
      return null;
    });
    method(JARRAY, "Remove", BOOL, ps(p(JTOKEN)), (f, v, a) -> {
      JArray array = (JArray) v;
      for (int i = 0; i < array.items.size(); i++) {
        if (array.items.get(i) == a[0]) {
          array.items.remove(i).parent = null;
          return true;
        }
      }
      return false;
    });
    method(JARRAY, "RemoveAt", VOID, ps(p(INT)), (f, v, a) -> {
      JArray array = (JArray) v;
      int i = i(a[0]);
      if (i < 0 || i >= array.items.size()) {
        throw new ScriptException("ArgumentOutOfRangeException", "Index is equal to or greater than Count. (Parameter 'index')");
      }
      array.items.remove(i).parent = null;
      return null;
    });
    method(JARRAY, "Insert", VOID, ps(p(INT), p(JTOKEN)), (f, v, a) -> {
      JArray array = (JArray) v;
      JToken item = JToken.adopt(token(a[1]));
      item.parent = array;
      array.items.add(i(a[0]), item);
      return null;
    });
    method(JARRAY, "Clear", VOID, ps(), (f, v, a) -> {
      ((JArray) v).items.clear();
      return null;
    });
    method(JARRAY, "IndexOf", INT, ps(p(JTOKEN)), (f, v, a) -> ((JArray) v).items.indexOf(a[0]));

    prop(JPROPERTY, "Name", STRING, (f, v, a) -> ((JProperty) v).name);
    prop(JPROPERTY, "Value", JTOKEN, (f, v, a) -> ((JProperty) v).value);
    prop(JVALUE, "Value", OBJECT, (f, v, a) -> ((JValue) v).value);

    staticMethod(JSON_CONVERT, "SerializeObject", STRING, ps(p(OBJECT)), (f, v, a) -> serialize(f, a[0], false));
    staticMethod(JSON_CONVERT, "SerializeObject", STRING, ps(p(OBJECT), p(FORMATTING)), (f, v, a) -> serialize(f, a[0], ((CsEnum) a[1]).value() == 1));
    staticMethod(JSON_CONVERT, "DeserializeObject", OBJECT, ps(p(STRING)), (f, v, a) -> JsonText.parse(str(a[0]), f));
    staticGeneric(JSON_CONVERT, "DeserializeObject", TYPE_ARG, ps(p(STRING)), (r, a, t) -> {
      Type target = t.isEmpty() ? OBJECT : t.get(0);
      return (f, v, args) -> fromToken(JsonText.parse(str(args[0]), f), target);
    });
  }

  /** Helper for {@code ToString(Formatting)} on a string JValue: JSON-quoted. */
  private static final class JsonQuoted {
    static String of(String s) {
      StringBuilder out = new StringBuilder();
      JsonText.quote(s, out);
      return out.toString();
    }
  }

  private static JToken first(List<JToken> tokens) {
    return tokens.isEmpty() ? null : tokens.get(0);
  }

  private static Object jtokenType(String name) {
    List<String> names = List.of("None", "Object", "Array", "Constructor", "Property", "Comment", "Integer", "Float", "String", "Boolean", "Null", "Undefined", "Date", "Raw", "Bytes", "Guid", "Uri", "TimeSpan");
    return new CsEnum("JTokenType", name, names.indexOf(name));
  }

  private static String path(JToken token) {
    List<String> parts = new ArrayList<>();
    JToken current = token;
    while (current.parent != null) {
      JToken parent = current.parent;
      if (current instanceof JProperty p) {
        parts.add(0, p.name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + p.name : "['" + p.name + "']");
      } else if (parent instanceof JArray a) {
        parts.add(0, "[" + a.items.indexOf(current) + "]");
      }
      current = parent;
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }

  private static void replace(JToken old, JToken replacement) {
    JToken parent = old.parent;
    if (parent instanceof JProperty p) {
      p.setValue(replacement);
    } else if (parent instanceof JArray a) {
      a.set(a.items.indexOf(old), replacement);
    } else if (parent instanceof JObject o && old instanceof JProperty p && replacement instanceof JProperty r) {
      o.remove(p.name);
      o.add(r);
    } else {
      throw new ScriptException("InvalidOperationException", "The parent is missing.");
    }
  }

  private static boolean deepEquals(JToken a, JToken b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.toJson(false, null).equals(b.toJson(false, null));
  }

  private static Object expect(JToken token, Class<?> type, String name, String kind) {
    if (!type.isInstance(token)) {
      throw new ScriptException(
          "JsonReaderException",
          "Error reading " + name + " from JsonReader. Current JsonReader item is not an " + kind + ": Start" + (token instanceof JObject ? "Object" : token instanceof JArray ? "Array" : token.type()) + ".");
    }
    return token;
  }

  static Object fromToken(JToken token, Type target) {
    if (target == OBJECT || target == JTOKEN) {
      return token;
    }
    if (target == JOBJECT || target == JARRAY || target == JVALUE || target == JPROPERTY) {
      if (token instanceof JValue v && v.value == null) {
        return null;
      }
      if (!target.instanceTest.test(token)) {
        throw Values.cast(token, Library.clrName(target));
      }
      return token;
    }
    if (target.definition == ARRAY || target.definition == LIST || target.definition == ENUMERABLE) {
      if (!(token instanceof JArray a)) {
        throw new ScriptException("JsonSerializationException", "Cannot deserialize the current JSON " + token.type().toLowerCase(Locale.ROOT) + " into type '" + target + "'.");
      }
      List<Object> out = new ArrayList<>();
      for (JToken item : a.items) {
        out.add(fromToken(item, target.arg));
      }
      return target.definition == ARRAY ? arrayOf(out) : out;
    }
    if (target == STRING || target == INT || target == LONG || target == DOUBLE || target == BOOL || target == DATETIME || target == GUID) {
      return Values.fromToken(token, target.name);
    }
    throw new ScriptException("JsonSerializationException", "Cannot convert JSON to " + target + ".");
  }

  private static String serialize(Frame f, Object value, boolean indented) {
    if (value instanceof String s) {
      return JsonQuoted.of(s);
    }
    if (value == null) {
      return "null";
    }
    return token(value).toJson(indented, f);
  }

  // ---- regex

  private static int options(Object o) {
    return o instanceof CsEnum e ? e.value() : 0;
  }

  private static void regex() {
    staticGenericLike(REGEX, "IsMatch", BOOL, 2, (cache, f, a) -> RegexSupport.matcher(cache.get(str(a[1]), a.length > 2 ? options(a[2]) : 0), str(a[0]), f).find());
    staticGenericLike(REGEX, "Match", MATCH, 2, (cache, f, a) -> {
      RegexSupport.Compiled c = cache.get(str(a[1]), a.length > 2 ? options(a[2]) : 0);
      Matcher m = RegexSupport.matcher(c, str(a[0]), f);
      return RegexSupport.toMatch(c, m, m.find(), str(a[0]));
    });
    staticGenericLike(REGEX, "Matches", ENUMERABLE.of(MATCH), 2, (cache, f, a) -> {
      RegexSupport.Compiled c = cache.get(str(a[1]), a.length > 2 ? options(a[2]) : 0);
      Matcher m = RegexSupport.matcher(c, str(a[0]), f);
      List<Object> out = new ArrayList<>();
      while (m.find()) {
        out.add(RegexSupport.toMatch(c, m, true, str(a[0])));
        f.size(out.size());
      }
      return out;
    });
    staticGenericLike(REGEX, "Replace", STRING, 3, (cache, f, a) -> {
      RegexSupport.Compiled c = cache.get(str(a[1]), a.length > 3 ? options(a[3]) : 0);
      Matcher m = RegexSupport.matcher(c, str(a[0]), f);
      return f.text(m.replaceAll(RegexSupport.replacement(c, str(a[2]))));
    });
    staticGenericLike(REGEX, "Split", ARRAY.of(STRING), 2, (cache, f, a) -> {
      RegexSupport.Compiled c = cache.get(str(a[1]), a.length > 2 ? options(a[2]) : 0);
      String input = notNull(a[0], "input");
      return arrayOf(List.of(c.pattern().split(new StringBuilder(input), -1)));
    });
    staticMethod(REGEX, "Escape", STRING, ps(p(STRING)), (f, t, a) -> notNull(a[0], "str").replaceAll("([\\\\*+?|{\\[()^$.# \\t\\n])", "\\\\$1"));
    staticMethod(REGEX, "Unescape", STRING, ps(p(STRING)), (f, t, a) -> notNull(a[0], "str").replaceAll("\\\\(.)", "$1"));
    prop(MATCH, "Success", BOOL, (f, t, a) -> ((RegexSupport.MatchValue) t).success());
    prop(MATCH, "Value", STRING, (f, t, a) -> ((RegexSupport.MatchValue) t).value());
    prop(MATCH, "Index", INT, (f, t, a) -> ((RegexSupport.MatchValue) t).index());
    prop(MATCH, "Length", INT, (f, t, a) -> ((RegexSupport.MatchValue) t).value().length());
    prop(MATCH, "Groups", GROUPS, (f, t, a) -> t);
    indexer(GROUPS, GROUP, ps(p(INT)), (f, t, a) -> ((RegexSupport.MatchValue) t).group(a[0]));
    indexer(GROUPS, GROUP, ps(p(STRING)), (f, t, a) -> ((RegexSupport.MatchValue) t).group(a[0]));
    prop(GROUPS, "Count", INT, (f, t, a) -> ((RegexSupport.MatchValue) t).groups().size());
    prop(GROUP, "Success", BOOL, (f, t, a) -> ((RegexSupport.GroupValue) t).success());
    prop(GROUP, "Value", STRING, (f, t, a) -> ((RegexSupport.GroupValue) t).value());
    prop(GROUP, "Index", INT, (f, t, a) -> ((RegexSupport.GroupValue) t).index());
  }

  @FunctionalInterface
  private interface RegexImpl {
    Object call(RegexSupport.Cache cache, Frame f, Object[] args);
  }

  /** Registers {@code name(input, pattern, ...)} and the overload with RegexOptions; each call site gets its own pattern cache. */
  private static void staticGenericLike(Type on, String name, Type result, int arity, RegexImpl impl) {
    List<Type.Param> base = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      base.add(p(STRING));
    }
    List<Type.Param> withOptions = new ArrayList<>(base);
    withOptions.add(p(REGEX_OPTIONS));
    for (List<Type.Param> params : List.of(base, withOptions)) {
      Type.Member m = new Type.Member(name, Type.Member.Kind.METHOD, true, params, 0, (r, a, t) -> result, (r, a, t) -> {
        RegexSupport.Cache cache = new RegexSupport.Cache();
        return (f, target, args) -> impl.call(cache, f, args);
      });
      on.statics.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
    }
  }

  // ---- Convert, Encoding, Guid, Uri, WebUtility, Math

  private static void utilities() {
    staticMethod(CONVERT, "ToBase64String", STRING, ps(p(BYTES)), (f, t, a) -> {
      byte[] bytes = (byte[]) a[0];
      f.size(bytes.length * 4L / 3);
      return Base64.getEncoder().encodeToString(bytes);
    });
    staticMethod(CONVERT, "FromBase64String", BYTES, ps(p(STRING)), (f, t, a) -> {
      try {
        return Base64.getDecoder().decode(notNull(a[0], "s").trim());
      } catch (IllegalArgumentException e) {
        throw new ScriptException("FormatException", "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.");
      }
    });
    staticMethod(CONVERT, "ToInt32", INT, ps(p(OBJECT)), (f, t, a) -> toNumber(a[0], INT));
    staticMethod(CONVERT, "ToInt64", LONG, ps(p(OBJECT)), (f, t, a) -> toNumber(a[0], LONG));
    staticMethod(CONVERT, "ToDouble", DOUBLE, ps(p(OBJECT)), (f, t, a) -> toNumber(a[0], DOUBLE));
    staticMethod(CONVERT, "ToDecimal", DOUBLE, ps(p(OBJECT)), (f, t, a) -> toNumber(a[0], DOUBLE));
    staticMethod(CONVERT, "ToBoolean", BOOL, ps(p(OBJECT)), (f, t, a) -> {
      Object v = a[0] instanceof JValue jv ? jv.value : a[0];
      if (v == null) {
        return false;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      if (v instanceof String s) {
        return parseBool(s);
      }
      if (v instanceof Number n) {
        return n.doubleValue() != 0;
      }
      throw Values.cast(v, "Boolean");
    });
    staticMethod(CONVERT, "ToString", STRING, ps(p(OBJECT)), (f, t, a) -> Values.toText(a[0]));
    staticMethod(CONVERT, "ToDateTime", DATETIME, ps(p(OBJECT)), (f, t, a) -> a[0] instanceof LocalDateTime d ? d : a[0] == null ? DATETIME.defaultValue : Values.parseDate(Values.toText(a[0])));

    for (String[] e : new String[][] {{"UTF8", "UTF-8"}, {"ASCII", "US-ASCII"}, {"Unicode", "UTF-16LE"}, {"Default", "UTF-8"}}) {
      Charset charset = Charset.forName(e[1]);
      staticProp(ENCODING, e[0], ENCODING, (f, t, a) -> charset);
    }
    method(ENCODING, "GetBytes", BYTES, ps(p(STRING)), (f, t, a) -> notNull(a[0], "s").getBytes((Charset) t));
    method(ENCODING, "GetString", STRING, ps(p(BYTES)), (f, t, a) -> {
      if (a[0] == null) {
        throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter 'bytes')");
      }
      return new String((byte[]) a[0], (Charset) t);
    });
    prop(BYTES, "Length", INT, (f, t, a) -> ((byte[]) t).length);
    indexer(BYTES, INT, ps(p(INT)), (f, t, a) -> {
      byte[] b = (byte[]) t;
      int i = i(a[0]);
      if (i < 0 || i >= b.length) {
        throw new ScriptException("IndexOutOfRangeException", "Index was outside the bounds of the array.");
      }
      return b[i] & 0xff;
    });

    staticMethod(GUID, "NewGuid", GUID, ps(), (f, t, a) -> UUID.randomUUID());
    staticProp(GUID, "Empty", GUID, (f, t, a) -> new UUID(0, 0));
    staticMethod(GUID, "Parse", GUID, ps(p(STRING)), (f, t, a) -> parseGuid(notNull(a[0], "input")));
    staticMethod(GUID, "TryParse", BOOL, ps(p(STRING), out(GUID)), (f, t, a) -> {
      try {
        setOut(f, a[1], parseGuid(notNull(a[0], "input")));
        return true;
      } catch (ScriptException e) {
        setOut(f, a[1], new UUID(0, 0));
        return false;
      }
    });
    method(GUID, "ToString", STRING, ps(p(STRING)), (f, t, a) -> Values.format(t, str(a[0])));

    staticMethod(URI, "EscapeDataString", STRING, ps(p(STRING)), (f, t, a) -> f.text(Values.escapeDataString(str(a[0]))));
    staticMethod(URI, "UnescapeDataString", STRING, ps(p(STRING)), (f, t, a) -> Values.unescapeDataString(notNull(a[0], "stringToUnescape"), false));
    staticMethod(URI, "EscapeUriString", STRING, ps(p(STRING)), (f, t, a) -> Values.escapeDataString(str(a[0])).replace("%2F", "/").replace("%3A", ":").replace("%3F", "?").replace("%3D", "=").replace("%26", "&").replace("%23", "#"));
    staticMethod(WEB_UTILITY, "UrlEncode", STRING, ps(p(STRING)), (f, t, a) -> f.text(Values.urlEncode(str(a[0]))));
    staticMethod(WEB_UTILITY, "UrlDecode", STRING, ps(p(STRING)), (f, t, a) -> Values.unescapeDataString(str(a[0]), true));
    staticMethod(WEB_UTILITY, "HtmlEncode", STRING, ps(p(STRING)), (f, t, a) -> f.text(Values.htmlEncode(str(a[0]))));
    staticMethod(WEB_UTILITY, "HtmlDecode", STRING, ps(p(STRING)), (f, t, a) -> Values.htmlDecode(str(a[0])));

    ResultType promoted = (r, a, t) -> promote(a);
    staticMethod(MATH, "Abs", promoted, ps(p(DOUBLE)), (f, t, a) -> a[0] instanceof Integer x ? (Object) Math.abs(x) : a[0] instanceof Long x ? (Object) Math.abs(x) : (Object) Math.abs(Values.toDouble(a[0])));
    staticMethod(MATH, "Max", promoted, ps(p(DOUBLE), p(DOUBLE)), (f, t, a) -> Values.compare(a[0], a[1]) >= 0 ? widen(a[0], a) : widen(a[1], a));
    staticMethod(MATH, "Min", promoted, ps(p(DOUBLE), p(DOUBLE)), (f, t, a) -> Values.compare(a[0], a[1]) <= 0 ? widen(a[0], a) : widen(a[1], a));
    staticMethod(MATH, "Round", DOUBLE, ps(p(DOUBLE)), (f, t, a) -> Math.rint(Values.toDouble(a[0])));
    staticMethod(MATH, "Round", DOUBLE, ps(p(DOUBLE), p(INT)), (f, t, a) ->
        new java.math.BigDecimal(Values.toDouble(a[0])).setScale(Math.max(0, Math.min(15, i(a[1]))), java.math.RoundingMode.HALF_EVEN).doubleValue());
    staticMethod(MATH, "Floor", DOUBLE, ps(p(DOUBLE)), (f, t, a) -> Math.floor(Values.toDouble(a[0])));
    staticMethod(MATH, "Ceiling", DOUBLE, ps(p(DOUBLE)), (f, t, a) -> Math.ceil(Values.toDouble(a[0])));
    staticMethod(MATH, "Pow", DOUBLE, ps(p(DOUBLE), p(DOUBLE)), (f, t, a) -> Math.pow(Values.toDouble(a[0]), Values.toDouble(a[1])));
    staticMethod(MATH, "Sqrt", DOUBLE, ps(p(DOUBLE)), (f, t, a) -> Math.sqrt(Values.toDouble(a[0])));
    staticMethod(MATH, "Log10", DOUBLE, ps(p(DOUBLE)), (f, t, a) -> Math.log10(Values.toDouble(a[0])));
    staticMethod(MATH, "Truncate", DOUBLE, ps(p(DOUBLE)), (f, t, a) -> (double) (long) Values.toDouble(a[0]));
    staticProp(MATH, "PI", DOUBLE, (f, t, a) -> Math.PI);
  }

  private static Type promote(List<Type> args) {
    Type result = INT;
    for (Type t : args) {
      if (t == DOUBLE) {
        return DOUBLE;
      }
      if (t == LONG) {
        result = LONG;
      }
    }
    return result;
  }

  private static Object widen(Object value, Object[] all) {
    boolean anyDouble = false;
    boolean anyLong = false;
    for (Object o : all) {
      anyDouble |= o instanceof Double;
      anyLong |= o instanceof Long;
    }
    if (anyDouble) {
      return Values.toDouble(value);
    }
    return anyLong ? (Object) Values.toLong(value) : value;
  }

  private static UUID parseGuid(String s) {
    String t = s.trim();
    if (t.startsWith("{") && t.endsWith("}") || t.startsWith("(") && t.endsWith(")")) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.length() == 32 && t.matches("[0-9a-fA-F]{32}")) {
      t = t.substring(0, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12, 16) + "-" + t.substring(16, 20) + "-" + t.substring(20);
    }
    if (!t.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      throw new ScriptException("FormatException", "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
    }
    return UUID.fromString(t);
  }

  private static Object toNumber(Object value, Type target) {
    Object v = value instanceof JValue jv ? jv.value : value;
    if (v == null) {
      return target.defaultValue;
    }
    if (v instanceof String s) {
      return parseNumber(target, s);
    }
    if (v instanceof Boolean b) {
      return convertNumber(b ? 1 : 0, target);
    }
    if (v instanceof Double d && target != DOUBLE) {
      double rounded = Math.rint(d);
      if (target == INT && (rounded > Integer.MAX_VALUE || rounded < Integer.MIN_VALUE)) {
        throw new ScriptException("OverflowException", "Value was either too large or too small for an Int32.");
      }
      return convertNumber(rounded, target);
    }
    if (v instanceof Number || v instanceof Character) {
      if (target == INT) {
        long l = Values.toLong(v);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
          throw new ScriptException("OverflowException", "Value was either too large or too small for an Int32.");
        }
      }
      return convertNumber(v, target);
    }
    throw Values.cast(v, Library.clrName(target));
  }

  private static Object convertNumber(Object v, Type target) {
    if (target == INT) {
      return (int) Values.toDouble(v);
    }
    return target == LONG ? (Object) (long) Values.toDouble(v) : (Object) Values.toDouble(v);
  }

  // ---- DateTime, TimeSpan

  private static LocalDateTime date(Object o) {
    return (LocalDateTime) o;
  }

  private static Duration span(Object o) {
    return (Duration) o;
  }

  private static void dates() {
    staticProp(DATETIME, "UtcNow", DATETIME, (f, t, a) -> LocalDateTime.now(ZoneOffset.UTC));
    staticProp(DATETIME, "Now", DATETIME, (f, t, a) -> LocalDateTime.now(ZoneOffset.UTC));
    staticProp(DATETIME, "Today", DATETIME, (f, t, a) -> LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS));
    staticProp(DATETIME, "MinValue", DATETIME, (f, t, a) -> DATETIME.defaultValue);
    staticProp(DATETIME, "MaxValue", DATETIME, (f, t, a) -> LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_900));
    staticMethod(DATETIME, "Parse", DATETIME, ps(p(STRING)), (f, t, a) -> Values.parseDate(str(a[0])));
    staticMethod(DATETIME, "TryParse", BOOL, ps(p(STRING), out(DATETIME)), (f, t, a) -> {
      try {
        setOut(f, a[1], Values.parseDate(str(a[0])));
        return true;
      } catch (ScriptException e) {
        setOut(f, a[1], DATETIME.defaultValue);
        return false;
      }
    });
    method(DATETIME, "ToString", STRING, ps(p(STRING)), (f, t, a) -> Values.formatDate(date(t), str(a[0])));
    method(DATETIME, "ToString", STRING, ps(p(STRING), p(OBJECT)), (f, t, a) -> Values.formatDate(date(t), str(a[0])));
    method(DATETIME, "ToUniversalTime", DATETIME, ps(), (f, t, a) -> t);
    method(DATETIME, "ToLocalTime", DATETIME, ps(), (f, t, a) -> t);
    method(DATETIME, "ToUnixTimeSeconds", LONG, ps(), (f, t, a) -> date(t).toEpochSecond(ZoneOffset.UTC));
    method(DATETIME, "ToUnixTimeMilliseconds", LONG, ps(), (f, t, a) -> date(t).toInstant(ZoneOffset.UTC).toEpochMilli());
    method(DATETIME, "ToFileTimeUtc", LONG, ps(), (f, t, a) -> Duration.between(LocalDateTime.of(1601, 1, 1, 0, 0), date(t)).toNanos() / 100);
    prop(DATETIME, "UtcDateTime", DATETIME, (f, t, a) -> t);
    prop(DATETIME, "Year", INT, (f, t, a) -> date(t).getYear());
    prop(DATETIME, "Month", INT, (f, t, a) -> date(t).getMonthValue());
    prop(DATETIME, "Day", INT, (f, t, a) -> date(t).getDayOfMonth());
    prop(DATETIME, "Hour", INT, (f, t, a) -> date(t).getHour());
    prop(DATETIME, "Minute", INT, (f, t, a) -> date(t).getMinute());
    prop(DATETIME, "Second", INT, (f, t, a) -> date(t).getSecond());
    prop(DATETIME, "Millisecond", INT, (f, t, a) -> date(t).getNano() / 1_000_000);
    prop(DATETIME, "Date", DATETIME, (f, t, a) -> date(t).truncatedTo(ChronoUnit.DAYS));
    prop(DATETIME, "DayOfYear", INT, (f, t, a) -> date(t).getDayOfYear());
    prop(DATETIME, "Ticks", LONG, (f, t, a) -> Duration.between(LocalDateTime.of(1, 1, 1, 0, 0), date(t)).toNanos() / 100);
    addUnits(DATETIME, "AddMilliseconds", ChronoUnit.MILLIS);
    addUnits(DATETIME, "AddSeconds", ChronoUnit.SECONDS);
    addUnits(DATETIME, "AddMinutes", ChronoUnit.MINUTES);
    addUnits(DATETIME, "AddHours", ChronoUnit.HOURS);
    addUnits(DATETIME, "AddDays", ChronoUnit.DAYS);
    method(DATETIME, "AddMonths", DATETIME, ps(p(INT)), (f, t, a) -> date(t).plusMonths(i(a[0])));
    method(DATETIME, "AddYears", DATETIME, ps(p(INT)), (f, t, a) -> date(t).plusYears(i(a[0])));
    method(DATETIME, "Add", DATETIME, ps(p(TIMESPAN)), (f, t, a) -> date(t).plus(span(a[0])));
    method(DATETIME, "Subtract", DATETIME, ps(p(TIMESPAN)), (f, t, a) -> date(t).minus(span(a[0])));
    method(DATETIME, "Subtract", TIMESPAN, ps(p(DATETIME)), (f, t, a) -> Duration.between(date(a[0]), date(t)));
    method(DATETIME, "CompareTo", INT, ps(p(DATETIME)), (f, t, a) -> Integer.signum(date(t).compareTo(date(a[0]))));

    for (String[] u : new String[][] {{"Milliseconds", "1"}, {"Seconds", "1000"}, {"Minutes", "60000"}, {"Hours", "3600000"}, {"Days", "86400000"}}) {
      double millis = Double.parseDouble(u[1]);
      staticMethod(TIMESPAN, "From" + u[0], TIMESPAN, ps(p(DOUBLE)), (f, t, a) -> {
        double total = Values.toDouble(a[0]) * millis;
        if (Double.isNaN(total) || Math.abs(total) > 9.2e14) {
          throw new ScriptException("OverflowException", "TimeSpan overflowed because the duration is too long.");
        }
        return Duration.ofNanos(Math.round(total * 10_000) * 100);
      });
      prop(TIMESPAN, "Total" + u[0], DOUBLE, (f, t, a) -> span(t).toNanos() / 1e6 / millis);
    }
    prop(TIMESPAN, "Milliseconds", INT, (f, t, a) -> span(t).toMillisPart());
    prop(TIMESPAN, "Seconds", INT, (f, t, a) -> span(t).toSecondsPart());
    prop(TIMESPAN, "Minutes", INT, (f, t, a) -> span(t).toMinutesPart());
    prop(TIMESPAN, "Hours", INT, (f, t, a) -> span(t).toHoursPart());
    prop(TIMESPAN, "Days", INT, (f, t, a) -> (int) span(t).toDaysPart());
    prop(TIMESPAN, "Ticks", LONG, (f, t, a) -> span(t).toNanos() / 100);
    staticProp(TIMESPAN, "Zero", TIMESPAN, (f, t, a) -> Duration.ZERO);
    method(TIMESPAN, "ToString", STRING, ps(p(STRING)), (f, t, a) -> Values.formatTimeSpan(span(t)));
    method(TIMESPAN, "Add", TIMESPAN, ps(p(TIMESPAN)), (f, t, a) -> span(t).plus(span(a[0])));
    method(TIMESPAN, "CompareTo", INT, ps(p(TIMESPAN)), (f, t, a) -> span(t).compareTo(span(a[0])));
  }

  private static void addUnits(Type on, String name, ChronoUnit unit) {
    method(on, name, DATETIME, ps(p(DOUBLE)), (f, t, a) -> {
      double amount = Values.toDouble(a[0]);
      long nanos = Math.round(amount * unit.getDuration().toNanos());
      if (Double.isNaN(amount) || Math.abs(amount * unit.getDuration().toSeconds()) > 3e11) {
        throw new ScriptException("ArgumentOutOfRangeException", "The added or subtracted value results in an un-representable DateTime.");
      }
      return date(t).plusNanos(nanos);
    });
  }

  // ---- context

  private static Object orNull(java.util.Optional<?> o) {
    return o.orElse(null);
  }

  private static ExpressionContext c(Object o) {
    return (ExpressionContext) o;
  }

  private static void context() {
    prop(CONTEXT, "Variables", VARIABLES, (f, t, a) -> c(t).variables());
    prop(CONTEXT, "Request", REQUEST, (f, t, a) -> c(t).request());
    prop(CONTEXT, "Response", RESPONSE, (f, t, a) -> orNull(c(t).response()));
    prop(CONTEXT, "Api", API, (f, t, a) -> orNull(c(t).api()));
    prop(CONTEXT, "Operation", OPERATION, (f, t, a) -> orNull(c(t).operation()));
    prop(CONTEXT, "Product", PRODUCT, (f, t, a) -> orNull(c(t).product()));
    prop(CONTEXT, "Subscription", SUBSCRIPTION, (f, t, a) -> orNull(c(t).subscription()));
    prop(CONTEXT, "User", USER, (f, t, a) -> orNull(c(t).user()));
    prop(CONTEXT, "Deployment", DEPLOYMENT, (f, t, a) -> c(t).deployment());
    prop(CONTEXT, "LastError", LAST_ERROR, (f, t, a) -> orNull(c(t).lastError()));
    prop(CONTEXT, "RequestId", GUID, (f, t, a) -> {
      String id = c(t).requestId();
      try {
        return UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        throw new ScriptException("FormatException", "The request id is not a GUID: " + id);
      }
    });
    prop(CONTEXT, "Timestamp", DATETIME, (f, t, a) -> LocalDateTime.ofInstant(c(t).timestamp(), ZoneOffset.UTC));
    prop(CONTEXT, "Elapsed", TIMESPAN, (f, t, a) -> c(t).elapsed());
    method(CONTEXT, "Trace", VOID, ps(p(STRING)), (f, t, a) -> {
      c(t).trace("expression", f.text(str(a[0])));
      return null;
    });
    method(CONTEXT, "Trace", VOID, ps(p(STRING), p(STRING)), (f, t, a) -> {
      c(t).trace(str(a[0]), f.text(str(a[1])));
      return null;
    });

    prop(REQUEST, "Method", STRING, (f, t, a) -> ((ExpressionContext.Request) t).method());
    prop(REQUEST, "Url", URL, (f, t, a) -> ((ExpressionContext.Request) t).url());
    prop(REQUEST, "OriginalUrl", URL, (f, t, a) -> ((ExpressionContext.Request) t).originalUrl());
    prop(REQUEST, "Headers", HEADERS, (f, t, a) -> ((ExpressionContext.Request) t).headers());
    prop(REQUEST, "IpAddress", STRING, (f, t, a) -> ((ExpressionContext.Request) t).ipAddress());
    prop(REQUEST, "MatchedParameters", STRING_MAP, (f, t, a) -> ((ExpressionContext.Request) t).matchedParameters());
    prop(REQUEST, "Body", BODY, (f, t, a) -> orNull(((ExpressionContext.Request) t).body()));

    prop(RESPONSE, "StatusCode", INT, (f, t, a) -> ((ExpressionContext.Response) t).statusCode());
    prop(RESPONSE, "StatusReason", STRING, (f, t, a) -> ((ExpressionContext.Response) t).statusReason());
    prop(RESPONSE, "Headers", HEADERS, (f, t, a) -> ((ExpressionContext.Response) t).headers());
    prop(RESPONSE, "Body", BODY, (f, t, a) -> orNull(((ExpressionContext.Response) t).body()));

    prop(URL, "Scheme", STRING, (f, t, a) -> ((ExpressionContext.Url) t).scheme());
    prop(URL, "Host", STRING, (f, t, a) -> ((ExpressionContext.Url) t).host());
    prop(URL, "Port", INT, (f, t, a) -> {
      ExpressionContext.Url u = (ExpressionContext.Url) t;
      return u.port() >= 0 ? u.port() : u.scheme().equalsIgnoreCase("http") ? 80 : 443;
    });
    prop(URL, "Path", STRING, (f, t, a) -> ((ExpressionContext.Url) t).path());
    prop(URL, "Query", HEADERS, (f, t, a) -> ((ExpressionContext.Url) t).query());
    prop(URL, "QueryString", STRING, (f, t, a) -> ((ExpressionContext.Url) t).queryString());

    generic(BODY, "As", (r, a, t) -> t.isEmpty() ? STRING : t.get(0), ps(opt("preserveContent", BOOL)), (r, a, t) -> {
      Type target = t.isEmpty() ? STRING : t.get(0);
      return (f, v, args) -> {
        String text = ((ExpressionContext.Body) v).asString(args.length > 0 && Boolean.TRUE.equals(args[0]));
        if (target == STRING) {
          return text;
        }
        if (text == null || text.isEmpty()) {
          return null;
        }
        return fromToken(JsonText.parse(text, f), target);
      };
    });

    dictionary(HEADERS, ARRAY.of(STRING), true);
    dictionary(STRING_MAP, STRING, false);
    dictionary(VARIABLES, OBJECT, false);
    generic(VARIABLES, "GetValueOrDefault", (r, a, t) -> !t.isEmpty() ? t.get(0) : a.size() > 1 ? a.get(1) : OBJECT, ps(p(STRING), opt("defaultValue", OBJECT)), (r, a, t) -> {
      Type target = !t.isEmpty() ? t.get(0) : OBJECT;
      return (f, v, args) -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) v;
        Object value = map.get(notNull(args[0], "key"));
        if (value == null) {
          return args.length > 1 ? args[1] : target.defaultValue;
        }
        return Library.convert(value, target, true);
      };
    });

    for (Type t : new Type[] {API, OPERATION, PRODUCT, SUBSCRIPTION, USER, USER_GROUP, DEPLOYMENT, LAST_ERROR}) {
      contextRecord(t);
    }
    prop(API, "ServiceUrl", URL, (f, t, a) -> ((ExpressionContext.Api) t).serviceUrl());
    prop(USER, "Groups", ENUMERABLE.of(USER_GROUP), (f, t, a) -> new ArrayList<Object>(((ExpressionContext.User) t).groups()));
  }

  // ---- JWT and Basic credentials (APIM's string extensions)

  private static Jwt jwt(Object o) {
    return (Jwt) o;
  }

  private static void credentials() {
    extension(STRING, "AsJwt", JWT, ps(), (f, t, a) -> Jwt.parse(str(t), f));
    extension(STRING, "TryParseJwt", BOOL, ps(out(JWT)), (f, t, a) -> {
      Jwt parsed = Jwt.parse(str(t), f);
      setOut(f, a[0], parsed);
      return parsed != null;
    });
    prop(JWT, "Algorithm", STRING, (f, t, a) -> jwt(t).algorithm());
    prop(JWT, "Type", STRING, (f, t, a) -> jwt(t).type());
    prop(JWT, "Audiences", ENUMERABLE.of(STRING), (f, t, a) -> new ArrayList<Object>(jwt(t).audiences()));
    prop(JWT, "Claims", HEADERS, (f, t, a) -> jwt(t).claims());
    prop(JWT, "ExpirationTime", DATETIME, (f, t, a) -> jwt(t).expirationTime());
    prop(JWT, "Id", STRING, (f, t, a) -> jwt(t).id());
    prop(JWT, "Issuer", STRING, (f, t, a) -> jwt(t).issuer());
    prop(JWT, "IssuedAt", DATETIME, (f, t, a) -> jwt(t).issuedAt());
    prop(JWT, "NotBefore", DATETIME, (f, t, a) -> jwt(t).notBefore());
    prop(JWT, "Subject", STRING, (f, t, a) -> jwt(t).subject());

    extension(STRING, "AsBasic", BASIC_CREDENTIALS, ps(), (f, t, a) -> BasicCredentials.parse(str(t)));
    extension(STRING, "TryParseBasic", BOOL, ps(out(BASIC_CREDENTIALS)), (f, t, a) -> {
      BasicCredentials parsed = BasicCredentials.parse(str(t));
      setOut(f, a[0], parsed);
      return parsed != null;
    });
    prop(BASIC_CREDENTIALS, "UserId", STRING, (f, t, a) -> ((BasicCredentials) t).userId());
    prop(BASIC_CREDENTIALS, "Password", STRING, (f, t, a) -> ((BasicCredentials) t).password());
  }

  /** String properties of the context's record-like parts, by interface method. */
  private static void contextRecord(Type t) {
    Map<Type, String[][]> names = Map.of(
        API, new String[][] {{"Id", "id"}, {"Name", "name"}, {"Path", "path"}, {"Version", "version"}, {"Revision", "revision"}},
        OPERATION, new String[][] {{"Id", "id"}, {"Name", "name"}, {"Method", "method"}, {"UrlTemplate", "urlTemplate"}},
        PRODUCT, new String[][] {{"Id", "id"}, {"Name", "name"}},
        SUBSCRIPTION, new String[][] {{"Id", "id"}, {"Name", "name"}, {"Key", "key"}, {"PrimaryKey", "primaryKey"}, {"SecondaryKey", "secondaryKey"}},
        USER, new String[][] {{"Id", "id"}, {"Email", "email"}, {"FirstName", "firstName"}, {"LastName", "lastName"}},
        USER_GROUP, new String[][] {{"Id", "id"}, {"Name", "name"}},
        DEPLOYMENT, new String[][] {{"Region", "region"}, {"ServiceName", "serviceName"}, {"ServiceId", "serviceId"}},
        LAST_ERROR, new String[][] {{"Source", "source"}, {"Reason", "reason"}, {"Message", "message"}, {"Scope", "scope"}, {"Section", "section"}, {"Path", "path"}, {"PolicyId", "policyId"}});
    for (String[] n : names.get(t)) {
      Impl getter = accessor(t, n[1]);
      prop(t, n[0], STRING, getter);
    }
  }

  /** Explicit accessors: no reflection, each interface method called by name in code. */
  private static Impl accessor(Type t, String method) {
    return (f, v, a) -> switch (method) {
      case "id" -> v instanceof ExpressionContext.Api x ? x.id() : v instanceof ExpressionContext.Operation x ? x.id()
          : v instanceof ExpressionContext.Product x ? x.id() : v instanceof ExpressionContext.Subscription x ? x.id()
          : v instanceof ExpressionContext.User x ? x.id() : ((ExpressionContext.Group) v).id();
      case "name" -> v instanceof ExpressionContext.Api x ? x.name() : v instanceof ExpressionContext.Operation x ? x.name()
          : v instanceof ExpressionContext.Product x ? x.name() : v instanceof ExpressionContext.Subscription x ? x.name()
          : ((ExpressionContext.Group) v).name();
      case "path" -> v instanceof ExpressionContext.Api x ? x.path() : ((ExpressionContext.LastError) v).path();
      case "version" -> ((ExpressionContext.Api) v).version();
      case "revision" -> ((ExpressionContext.Api) v).revision();
      case "method" -> ((ExpressionContext.Operation) v).method();
      case "urlTemplate" -> ((ExpressionContext.Operation) v).urlTemplate();
      case "key" -> ((ExpressionContext.Subscription) v).key();
      case "primaryKey" -> ((ExpressionContext.Subscription) v).primaryKey();
      case "secondaryKey" -> ((ExpressionContext.Subscription) v).secondaryKey();
      case "email" -> ((ExpressionContext.User) v).email();
      case "firstName" -> ((ExpressionContext.User) v).firstName();
      case "lastName" -> ((ExpressionContext.User) v).lastName();
      case "region" -> ((ExpressionContext.Deployment) v).region();
      case "serviceName" -> ((ExpressionContext.Deployment) v).serviceName();
      case "serviceId" -> ((ExpressionContext.Deployment) v).serviceId();
      case "source" -> ((ExpressionContext.LastError) v).source();
      case "reason" -> ((ExpressionContext.LastError) v).reason();
      case "message" -> ((ExpressionContext.LastError) v).message();
      case "scope" -> ((ExpressionContext.LastError) v).scope();
      case "section" -> ((ExpressionContext.LastError) v).section();
      case "policyId" -> ((ExpressionContext.LastError) v).policyId();
      default -> throw new IllegalStateException("no accessor " + method + " on " + t);
    };
  }

  /** Read-only dictionary members; header-like maps also join values in GetValueOrDefault. */
  @SuppressWarnings("unchecked")
  private static void dictionary(Type t, Type valueType, boolean multi) {
    indexer(t, valueType, ps(p(STRING)), (f, v, a) -> {
      Map<String, Object> map = (Map<String, Object>) v;
      Object value = map.get(notNull(a[0], "key"));
      if (value == null && !map.containsKey(a[0])) {
        throw new ScriptException("KeyNotFoundException", "The given key '" + a[0] + "' was not present in the dictionary.");
      }
      return multi ? arrayOf((List<?>) value) : value;
    });
    method(t, "ContainsKey", BOOL, ps(p(STRING)), (f, v, a) -> ((Map<String, Object>) v).containsKey(notNull(a[0], "key")));
    method(t, "TryGetValue", BOOL, ps(p(STRING), out(valueType)), (f, v, a) -> {
      Map<String, Object> map = (Map<String, Object>) v;
      Object value = map.get(notNull(a[0], "key"));
      setOut(f, a[1], multi && value != null ? arrayOf((List<?>) value) : value);
      return map.containsKey(a[0]);
    });
    prop(t, "Count", INT, (f, v, a) -> ((Map<String, Object>) v).size());
    prop(t, "Keys", ENUMERABLE.of(STRING), (f, v, a) -> new ArrayList<Object>(((Map<String, Object>) v).keySet()));
    if (t != VARIABLES) {
      Type single = multi ? STRING : valueType;
      method(t, "GetValueOrDefault", single, ps(p(STRING)), (f, v, a) -> {
        Object value = ((Map<String, Object>) v).get(notNull(a[0], "key"));
        return multi && value != null ? String.join(",", (List<String>) value) : value;
      });
      method(t, "GetValueOrDefault", single, ps(p(STRING), p(STRING)), (f, v, a) -> {
        Object value = ((Map<String, Object>) v).get(notNull(a[0], "key"));
        if (value == null) {
          return a[1];
        }
        return multi ? String.join(",", (List<String>) value) : value;
      });
    }
  }
}
