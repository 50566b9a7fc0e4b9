package dev.sluice.core.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * .NET regular expressions on {@link java.util.regex}: group names are renamed (Java forbids
 * underscores in them), options map to flags, replacement strings keep .NET meaning, and every
 * character the matcher reads is charged to the evaluation budget, so a catastrophic pattern ends
 * as an evaluation failure instead of a stuck thread.
 */
final class RegexSupport {
  private RegexSupport() {}

  /** A compiled pattern with the .NET group names it knows. */
  record Compiled(String source, int options, Pattern pattern, Map<String, String> names, List<String> order) {}

  record GroupValue(boolean success, String value, int index) {
    @Override
    public String toString() {
      return value;
    }
  }

  /** A match; also serves as its own GroupCollection. */
  record MatchValue(boolean success, String value, int index, List<GroupValue> groups, Map<String, Integer> names) {
    GroupValue group(Object key) {
      if (key instanceof String name) {
        Integer index = names.get(name);
        if (index == null) {
          try {
            index = Integer.parseInt(name);
          } catch (NumberFormatException e) {
            return new GroupValue(false, "", 0);
          }
        }
        key = index;
      }
      int i = Values.toInt(key);
      return i >= 0 && i < groups.size() ? groups.get(i) : new GroupValue(false, "", 0);
    }

    @Override
    public String toString() {
      return value;
    }
  }

  private static final Pattern NAMED = Pattern.compile("\\(\\?(?:<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')");

  static Compiled compile(String source, int options) {
    if (source == null) {
      throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter 'pattern')");
    }
    Map<String, String> names = new HashMap<>();
    List<String> order = new ArrayList<>();
    StringBuilder java = new StringBuilder();
    Matcher m = NAMED.matcher(source);
    int at = 0;
    while (m.find()) {
      if (isEscaped(source, m.start())) {
        continue;
      }
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String javaName = names.computeIfAbsent(name, k -> "sg" + names.size() + "x");
      if (!order.contains(name)) {
        order.add(name);
      }
      java.append(source, at, m.start()).append("(?<").append(javaName).append('>');
      at = m.end();
    }
    java.append(source.substring(at));
    String translated = java.toString();
    for (Map.Entry<String, String> e : names.entrySet()) {
      translated = translated.replace("\\k<" + e.getKey() + ">", "\\k<" + e.getValue() + ">");
    }
    int flags = 0;
    if ((options & 1) != 0) {
      flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    }
    if ((options & 2) != 0) {
      flags |= Pattern.MULTILINE;
    }
    if ((options & 16) != 0) {
      flags |= Pattern.DOTALL;
    }
    if ((options & 32) != 0) {
      flags |= Pattern.COMMENTS;
    }
    try {
      return new Compiled(source, options, Pattern.compile(translated, flags), Map.copyOf(names), List.copyOf(order));
    } catch (PatternSyntaxException e) {
      throw new ScriptException("ArgumentException", "Invalid pattern '" + source + "': " + e.getDescription());
    }
  }

  private static boolean isEscaped(String s, int index) {
    int backslashes = 0;
    for (int i = index - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  /** A per-call-site cache of the last pattern, safe under concurrent evaluation. */
  static final class Cache {
    private final AtomicReference<Compiled> last = new AtomicReference<>();

    Compiled get(String source, int options) {
      Compiled c = last.get();
      if (c != null && c.source().equals(source) && c.options() == options) {
        return c;
      }
      Compiled fresh = compile(source, options);
      last.set(fresh);
      return fresh;
    }
  }

  /** Input that charges each character read to the evaluation budget. */
  private record Metered(CharSequence text, Frame frame) implements CharSequence {
    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      frame.tick();
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Metered(text.subSequence(start, end), frame);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  static Matcher matcher(Compiled c, String input, Frame frame) {
    if (input == null) {
      throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter 'input')");
    }
    return c.pattern().matcher(new Metered(input, frame));
  }

  static MatchValue toMatch(Compiled c, Matcher m, boolean found, String input) {
    if (!found) {
      return new MatchValue(false, "", 0, List.of(new GroupValue(false, "", 0)), Map.of());
    }
    List<GroupValue> groups = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    // .NET numbers unnamed groups first, then named ones; Java numbers them by position.
    List<Integer> unnamed = new ArrayList<>();
    Map<Integer, String> namedByIndex = new HashMap<>();
    Map<String, Integer> javaIndex = javaGroupIndexes(c);
    for (Map.Entry<String, Integer> e : javaIndex.entrySet()) {
      namedByIndex.put(e.getValue(), e.getKey());
    }
    for (int g = 0; g <= m.groupCount(); g++) {
      if (!namedByIndex.containsKey(g)) {
        unnamed.add(g);
      }
    }
    for (int g : unnamed) {
      groups.add(group(m, g, input));
    }
    for (String name : c.order()) {
      Integer g = javaIndex.get(name);
      if (g != null) {
        names.put(name, groups.size());
        groups.add(group(m, g, input));
      }
    }
    return new MatchValue(true, input.substring(m.start(), m.end()), m.start(), List.copyOf(groups), Map.copyOf(names));
  }

  private static GroupValue group(Matcher m, int g, String input) {
    int start = m.start(g);
    return start < 0 ? new GroupValue(false, "", 0) : new GroupValue(true, input.substring(start, m.end(g)), start);
  }

  /** Java group numbers of the named groups, found by counting capturing parentheses. */
  private static Map<String, Integer> javaGroupIndexes(Compiled c) {
    Map<String, String> byJavaName = new HashMap<>();
    c.names().forEach((net, java) -> byJavaName.put(java, net));
    Map<String, Integer> out = new HashMap<>();
    String p = c.pattern().pattern();
    boolean inClass = false;
    int group = 0;
    for (int i = 0; i < p.length(); i++) {
      char ch = p.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (inClass) {
        inClass = ch != ']';
      } else if (ch == '[') {
        inClass = true;
      } else if (ch == '(') {
        boolean question = i + 1 < p.length() && p.charAt(i + 1) == '?';
        if (!question) {
          group++;
        } else if (p.startsWith("?<", i + 1) && i + 3 < p.length() && p.charAt(i + 3) != '=' && p.charAt(i + 3) != '!') {
          group++;
          int close = p.indexOf('>', i);
          String net = byJavaName.get(p.substring(i + 3, close));
          if (net != null) {
            out.put(net, group);
          }
        }
      }
    }
    return out;
  }

  /** A .NET replacement string ({@code $1}, {@code ${name}}, {@code $$}, {@code $0}) in Java form. */
  static String replacement(Compiled c, String replacement) {
    if (replacement == null) {
      throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter 'replacement')");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < replacement.length(); i++) {
      char ch = replacement.charAt(i);
      if (ch == '\\') {
        out.append("\\\\");
      } else if (ch == '$' && i + 1 < replacement.length()) {
        char next = replacement.charAt(i + 1);
        if (next == '$') {
          out.append("\\$");
          i++;
        } else if (next == '{') {
          int close = replacement.indexOf('}', i);
          String name = close < 0 ? null : replacement.substring(i + 2, close);
          String javaName = name == null ? null : c.names().get(name);
          if (javaName != null) {
            out.append("${").append(javaName).append('}');
            i = close;
          } else if (name != null && !name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            out.append('$').append(name);
            i = close;
          } else {
            out.append("\\$");
          }
        } else if (Character.isDigit(next)) {
          out.append('$');
        } else {
          out.append("\\$");
        }
      } else if (ch == '$') {
        out.append("\\$");
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
