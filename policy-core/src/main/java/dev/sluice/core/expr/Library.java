package dev.sluice.core.expr;

import dev.sluice.core.expr.Type.Fn;
import dev.sluice.core.expr.Type.Impl;
import dev.sluice.core.expr.Type.Member;
import dev.sluice.core.expr.Type.Param;
import dev.sluice.core.expr.Type.Ref;
import dev.sluice.core.expr.Type.ResultType;
import dev.sluice.core.expr.Type.Specializer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The allow-list: every type, member and static helper an expression may use, each bound to Java
 * code written for it. Nothing else is reachable: there is no reflection, so an expression can
 * only do what is registered here.
 */
final class Library {
  private Library() {}

  // ---- core types

  static final Type OBJECT = Type.simple("object", v -> true, t -> List.of());
  static final Type NULL = Type.simple("null", v -> v == null, t -> List.of(OBJECT));
  static final Type VOID = Type.simple("void", v -> false, t -> List.of());
  static final Type STRING = Type.simple("string", v -> v instanceof String, t -> List.of(OBJECT));
  static final Type INT = Type.value("int", 0, v -> v instanceof Integer);
  static final Type LONG = Type.value("long", 0L, v -> v instanceof Long);
  static final Type DOUBLE = Type.value("double", 0.0, v -> v instanceof Double);
  static final Type BOOL = Type.value("bool", false, v -> v instanceof Boolean);
  static final Type CHAR = Type.value("char", '\0', v -> v instanceof Character);
  static final Type GUID = Type.value("Guid", new UUID(0, 0), v -> v instanceof UUID);
  static final Type DATETIME = Type.value("DateTime", LocalDateTime.of(1, 1, 1, 0, 0), v -> v instanceof LocalDateTime);
  static final Type TIMESPAN = Type.value("TimeSpan", Duration.ZERO, v -> v instanceof Duration);
  static final Type BYTES = Type.simple("byte[]", v -> v instanceof byte[], t -> List.of(OBJECT));

  static final Type ENUMERABLE = Type.generic("IEnumerable", v -> v instanceof List<?> || v instanceof JArray, t -> List.of(OBJECT));
  static final Type ARRAY = Type.generic("[]", v -> v instanceof List<?>, t -> t.arg == null ? List.of() : List.of(ENUMERABLE.of(t.arg), OBJECT));
  static final Type LIST = Type.generic("List", v -> v instanceof ArrayList<?>, t -> t.arg == null ? List.of() : List.of(ENUMERABLE.of(t.arg), OBJECT));
  static final Type KVP = Type.generic("KeyValuePair", v -> v instanceof Map.Entry<?, ?>, t -> List.of(OBJECT));

  static final Type JTOKEN = Type.simple("JToken", v -> v instanceof JToken, t -> List.of(OBJECT, ENUMERABLE.of(Library.JTOKEN)));
  static final Type JOBJECT = Type.simple("JObject", v -> v instanceof JObject, t -> List.of(JTOKEN, ENUMERABLE.of(KVP.of(JTOKEN))));
  static final Type JARRAY = Type.simple("JArray", v -> v instanceof JArray, t -> List.of(JTOKEN, ENUMERABLE.of(JTOKEN)));
  static final Type JVALUE = Type.simple("JValue", v -> v instanceof JValue, t -> List.of(JTOKEN));
  static final Type JPROPERTY = Type.simple("JProperty", v -> v instanceof JProperty, t -> List.of(JTOKEN));

  static final Type MATCH = Type.simple("Match", v -> v instanceof RegexSupport.MatchValue, t -> List.of(OBJECT));
  static final Type GROUP = Type.simple("Group", v -> v instanceof RegexSupport.GroupValue, t -> List.of(OBJECT));
  static final Type GROUPS = Type.simple("GroupCollection", v -> v instanceof RegexSupport.MatchValue, t -> List.of(OBJECT));
  static final Type ENCODING = Type.simple("Encoding", v -> v instanceof java.nio.charset.Charset, t -> List.of(OBJECT));
  static final Type EXCEPTION = Type.simple("Exception", v -> v instanceof ScriptException, t -> List.of(OBJECT));
  static final Type JWT = Type.simple("Jwt", v -> v instanceof Jwt, t -> List.of(OBJECT));
  static final Type BASIC_CREDENTIALS = Type.simple("BasicAuthCredentials", v -> v instanceof BasicCredentials, t -> List.of(OBJECT));
  static final Type ANONYMOUS = Type.simple("anonymous", v -> v instanceof AnonymousObject, t -> List.of(OBJECT));

  static final Type STRING_COMPARISON = enumType("StringComparison", "CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal", "OrdinalIgnoreCase");
  static final Type SPLIT_OPTIONS = enumType("StringSplitOptions", "None", "RemoveEmptyEntries", "TrimEntries");
  static final Type REGEX_OPTIONS = enumType("RegexOptions", "None", "IgnoreCase", "Multiline", "ExplicitCapture", "Compiled", "Singleline", "IgnorePatternWhitespace");
  static final Type JTOKEN_TYPE = enumType("JTokenType", "None", "Object", "Array", "Constructor", "Property", "Comment", "Integer", "Float", "String", "Boolean", "Null", "Undefined", "Date", "Raw", "Bytes", "Guid", "Uri", "TimeSpan");
  static final Type FORMATTING = enumType("Formatting", "None", "Indented");

  // Static-only holders: they have no instances.
  static final Type CONVERT = holder("Convert");
  static final Type MATH = holder("Math");
  static final Type REGEX = holder("Regex");
  static final Type URI = holder("Uri");
  static final Type WEB_UTILITY = holder("WebUtility");
  static final Type JSON_CONVERT = holder("JsonConvert");
  static final Type ENUMERABLE_STATIC = holder("Enumerable");

  // ---- the context

  static final Type CONTEXT = ctx("IProxyRequestContext", ExpressionContext.class);
  static final Type REQUEST = ctx("IRequest", ExpressionContext.Request.class);
  static final Type RESPONSE = ctx("IResponse", ExpressionContext.Response.class);
  static final Type URL = ctx("IUrl", ExpressionContext.Url.class);
  static final Type BODY = ctx("IMessageBody", ExpressionContext.Body.class);
  static final Type HEADERS = Type.simple("IReadOnlyDictionary<string, string[]>", v -> v instanceof Map<?, ?>, t -> List.of(ENUMERABLE.of(KVP.of(ARRAY.of(STRING))), OBJECT));
  static final Type STRING_MAP = Type.simple("IReadOnlyDictionary<string, string>", v -> v instanceof Map<?, ?>, t -> List.of(ENUMERABLE.of(KVP.of(STRING)), OBJECT));
  static final Type VARIABLES = Type.simple("IReadOnlyDictionary<string, object>", v -> v instanceof Map<?, ?>, t -> List.of(ENUMERABLE.of(KVP.of(OBJECT)), OBJECT));
  static final Type API = ctx("IApi", ExpressionContext.Api.class);
  static final Type OPERATION = ctx("IOperation", ExpressionContext.Operation.class);
  static final Type PRODUCT = ctx("IProduct", ExpressionContext.Product.class);
  static final Type SUBSCRIPTION = ctx("ISubscription", ExpressionContext.Subscription.class);
  static final Type USER = ctx("IUser", ExpressionContext.User.class);
  static final Type USER_GROUP = ctx("IGroup", ExpressionContext.Group.class);
  static final Type DEPLOYMENT = ctx("IDeployment", ExpressionContext.Deployment.class);
  static final Type LAST_ERROR = ctx("ILastError", ExpressionContext.LastError.class);

  /** Context types: member access on them extends an analysis path. */
  static boolean isContextType(Type t) {
    return t == CONTEXT || t == REQUEST || t == RESPONSE || t == URL || t == BODY || t == HEADERS
        || t == STRING_MAP || t == VARIABLES || t == API || t == OPERATION || t == PRODUCT
        || t == SUBSCRIPTION || t == USER || t == DEPLOYMENT || t == LAST_ERROR;
  }

  private static final Map<String, Type> TYPE_NAMES = new HashMap<>();
  private static final Map<Type, String> CLR_NAMES = new HashMap<>();

  private static Type enumType(String name, String... values) {
    Type t = Type.value(name, new CsEnum(name, values[0], 0), v -> v instanceof CsEnum e && e.type().equals(name));
    boolean flags = name.equals("RegexOptions");
    for (int i = 0; i < values.length; i++) {
      int value = flags ? (i == 0 ? 0 : 1 << (i - 1)) : i;
      if (name.equals("RegexOptions") && values[i].equals("Compiled")) {
        value = 8;
      } else if (name.equals("RegexOptions") && values[i].equals("Singleline")) {
        value = 16;
      } else if (name.equals("RegexOptions") && values[i].equals("IgnorePatternWhitespace")) {
        value = 32;
      } else if (name.equals("RegexOptions") && values[i].equals("ExplicitCapture")) {
        value = 4;
      } else if (name.equals("RegexOptions") && values[i].equals("Multiline")) {
        value = 2;
      }
      CsEnum constant = new CsEnum(name, values[i], value);
      staticProp(t, values[i], t, (f, x, a) -> constant);
    }
    return t;
  }

  private static Type holder(String name) {
    return Type.simple(name, v -> false, t -> List.of());
  }

  private static Type ctx(String name, Class<?> iface) {
    return Type.simple(name, iface::isInstance, t -> List.of(OBJECT));
  }

  /** Resolves a type name as written (with or without namespace). */
  static Type named(String name) {
    return TYPE_NAMES.get(name);
  }

  /** Whether {@code name} is a namespace prefix of registered types, such as {@code System.Text}. */
  static boolean isNamespace(String name) {
    return NAMESPACES.contains(name);
  }

  private static final java.util.Set<String> NAMESPACES =
      java.util.Set.of("System", "System.Text", "System.Net", "System.Linq", "System.Collections",
          "System.Collections.Generic", "System.Text.RegularExpressions", "Newtonsoft", "Newtonsoft.Json",
          "Newtonsoft.Json.Linq", "System.Web");

  static String clrName(Type t) {
    return CLR_NAMES.getOrDefault(t.definition, t.name);
  }

  private static void name(Type t, String... names) {
    for (String n : names) {
      TYPE_NAMES.put(n, t);
    }
  }

  // ---- registration helpers

  static Param p(Type t) {
    return new Param(null, t, Param.Kind.VALUE, false);
  }

  static Param opt(String name, Type t) {
    return new Param(name, t, Param.Kind.VALUE, true);
  }

  static Param elem() {
    return new Param(null, null, Param.Kind.VALUE, false);
  }

  static Param lambda() {
    return new Param(null, null, Param.Kind.LAMBDA, false);
  }

  static Param out(Type t) {
    return new Param(null, t, Param.Kind.OUT, false);
  }

  static Param params(Type t) {
    return new Param(null, t, Param.Kind.PARAMS, false);
  }

  private static ResultType fixed(Type t) {
    return (r, a, ta) -> t;
  }

  static void prop(Type on, String name, Type result, Impl impl) {
    add(on.members, new Member(name, Member.Kind.PROPERTY, false, List.of(), 0, fixed(result), constant(impl)));
  }

  static void prop(Type on, String name, ResultType result, Impl impl) {
    add(on.members, new Member(name, Member.Kind.PROPERTY, false, List.of(), 0, result, constant(impl)));
  }

  static void staticProp(Type on, String name, Type result, Impl impl) {
    add(on.statics, new Member(name, Member.Kind.PROPERTY, true, List.of(), 0, fixed(result), constant(impl)));
  }

  static void method(Type on, String name, Type result, List<Param> params, Impl impl) {
    add(on.members, new Member(name, Member.Kind.METHOD, false, params, 0, fixed(result), constant(impl)));
  }

  static void method(Type on, String name, ResultType result, List<Param> params, Impl impl) {
    add(on.members, new Member(name, Member.Kind.METHOD, false, params, 0, result, constant(impl)));
  }

  static void generic(Type on, String name, ResultType result, List<Param> params, Specializer impl) {
    add(on.members, new Member(name, Member.Kind.METHOD, false, params, 1, result, impl));
  }

  /** An extension method of {@code on}: like C#'s, it runs on a null receiver instead of failing. */
  static void extension(Type on, String name, Type result, List<Param> params, Impl impl) {
    Member m = new Member(name, Member.Kind.METHOD, false, params, 0, fixed(result), constant(impl));
    m.extension = true;
    add(on.members, m);
  }

  static void staticMethod(Type on, String name, Type result, List<Param> params, Impl impl) {
    add(on.statics, new Member(name, Member.Kind.METHOD, true, params, 0, fixed(result), constant(impl)));
  }

  static void staticMethod(Type on, String name, ResultType result, List<Param> params, Impl impl) {
    add(on.statics, new Member(name, Member.Kind.METHOD, true, params, 0, result, constant(impl)));
  }

  static void staticGeneric(Type on, String name, ResultType result, List<Param> params, Specializer impl) {
    add(on.statics, new Member(name, Member.Kind.METHOD, true, params, 1, result, impl));
  }

  static void specialized(Type on, String name, ResultType result, List<Param> params, Specializer impl) {
    add(on.members, new Member(name, Member.Kind.METHOD, false, params, 0, result, impl));
  }

  static Member indexer(Type on, Type result, List<Param> params, Impl impl) {
    Member m = new Member("this[]", Member.Kind.INDEXER, false, params, 0, fixed(result), constant(impl));
    add(on.members, m);
    return m;
  }

  static Member indexer(Type on, ResultType result, List<Param> params, Impl impl) {
    Member m = new Member("this[]", Member.Kind.INDEXER, false, params, 0, result, constant(impl));
    add(on.members, m);
    return m;
  }

  static Specializer constant(Impl impl) {
    return (r, a, t) -> impl;
  }

  private static void add(Map<String, List<Member>> map, Member m) {
    map.computeIfAbsent(m.name, k -> new ArrayList<>()).add(m);
  }

  // ---- runtime helpers shared by members

  static String str(Object o) {
    return (String) o;
  }

  static int i(Object o) {
    return Values.toInt(o);
  }

  static boolean ignoreCase(Object comparison) {
    return comparison instanceof CsEnum e && e.name().endsWith("IgnoreCase");
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** The items of any enumerable runtime value. */
  @SuppressWarnings("unchecked")
  static List<Object> items(Object o) {
    if (o instanceof List<?> l) {
      return (List<Object>) l;
    }
    if (o instanceof JArray a) {
      return new ArrayList<>(a.items);
    }
    if (o instanceof JObject obj) {
      List<Object> out = new ArrayList<>();
      for (JProperty p : obj.properties.values()) {
        out.add(Map.entry(p.name, p.value));
      }
      return out;
    }
    if (o instanceof Map<?, ?> m) {
      return new ArrayList<>(((Map<Object, Object>) m).entrySet());
    }
    if (o instanceof String s) {
      List<Object> out = new ArrayList<>();
      for (char c : s.toCharArray()) {
        out.add(c);
      }
      return out;
    }
    if (o == null) {
      throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter 'source')");
    }
    throw new ScriptException("InvalidCastException", Values.typeName(o) + " is not enumerable.");
  }

  static Object fn(Frame f, Object lambda, Object arg) {
    f.tick();
    return ((Fn) lambda).apply(f, arg);
  }

  static boolean test(Frame f, Object lambda, Object arg) {
    Object r = fn(f, lambda, arg);
    return r instanceof Boolean b && b;
  }

  static void setOut(Frame f, Object ref, Object value) {
    ((Ref) ref).set(f, value);
  }

  /** Wraps a list as a fixed-size C# array. */
  static List<Object> array(Object... items) {
    return Arrays.asList(items);
  }

  static List<Object> arrayOf(List<?> items) {
    return Arrays.asList(items.toArray());
  }

  /**
   * Converts a value to {@code target} as a C# cast would ({@code explicit}) or as an implicit
   * conversion; numeric boxes convert freely, JSON tokens convert the Newtonsoft way.
   */
  static Object convert(Object value, Type target, boolean explicit) {
    if (target == OBJECT || target == VOID) {
      return value;
    }
    if (value == null) {
      if (target.valueType) {
        throw new ScriptException("NullReferenceException", "Object reference not set to an instance of an object.");
      }
      return null;
    }
    if (target == INT || target == LONG || target == DOUBLE) {
      if (value instanceof JToken token) {
        return Values.fromToken(token, target.name);
      }
      if (value instanceof Number || value instanceof Character) {
        if (target == INT) {
          return value instanceof Double d ? (int) (double) d : Values.toInt(value);
        }
        return target == LONG
            ? (value instanceof Double d ? (long) (double) d : Values.toLong(value))
            : Values.toDouble(value);
      }
      if (value instanceof CsEnum e && target == INT) {
        return e.value();
      }
      throw Values.cast(value, clrName(target));
    }
    if (target == CHAR && value instanceof Number n && explicit) {
      return (char) n.intValue();
    }
    if ((target == STRING || target == BOOL || target == DATETIME || target == GUID) && value instanceof JToken token) {
      return Values.fromToken(token, target.name);
    }
    if (target == JTOKEN && !(value instanceof JToken)) {
      if (value instanceof String || value instanceof Number || value instanceof Boolean
          || value instanceof Character || value instanceof UUID || value instanceof LocalDateTime) {
        return JToken.from(value);
      }
    }
    if (target.definition == ENUMERABLE && value instanceof JArray a) {
      return new ArrayList<Object>(a.items);
    }
    if (target.instanceTest.test(value)) {
      return value;
    }
    throw Values.cast(value, clrName(target));
  }

  static {
    name(OBJECT, "object", "Object", "System.Object", "dynamic");
    name(STRING, "string", "String", "System.String");
    name(INT, "int", "Int32", "System.Int32", "short", "Int16", "byte", "Byte", "uint", "UInt32");
    name(LONG, "long", "Int64", "System.Int64", "ulong", "UInt64");
    name(DOUBLE, "double", "Double", "System.Double", "float", "Single", "decimal", "Decimal");
    name(BOOL, "bool", "Boolean", "System.Boolean");
    name(CHAR, "char", "Char", "System.Char");
    name(GUID, "Guid", "System.Guid");
    name(DATETIME, "DateTime", "System.DateTime", "DateTimeOffset", "System.DateTimeOffset");
    name(TIMESPAN, "TimeSpan", "System.TimeSpan");
    name(JTOKEN, "JToken", "Newtonsoft.Json.Linq.JToken");
    name(JOBJECT, "JObject", "Newtonsoft.Json.Linq.JObject");
    name(JARRAY, "JArray", "Newtonsoft.Json.Linq.JArray");
    name(JVALUE, "JValue", "Newtonsoft.Json.Linq.JValue");
    name(JPROPERTY, "JProperty", "Newtonsoft.Json.Linq.JProperty");
    name(MATCH, "Match", "System.Text.RegularExpressions.Match");
    name(GROUP, "Group", "System.Text.RegularExpressions.Group");
    name(REGEX, "Regex", "System.Text.RegularExpressions.Regex");
    name(REGEX_OPTIONS, "RegexOptions", "System.Text.RegularExpressions.RegexOptions");
    name(ENCODING, "Encoding", "System.Text.Encoding");
    name(CONVERT, "Convert", "System.Convert");
    name(MATH, "Math", "System.Math");
    name(URI, "Uri", "System.Uri");
    name(WEB_UTILITY, "WebUtility", "System.Net.WebUtility", "HttpUtility", "System.Web.HttpUtility");
    name(JSON_CONVERT, "JsonConvert", "Newtonsoft.Json.JsonConvert");
    name(STRING_COMPARISON, "StringComparison", "System.StringComparison");
    name(SPLIT_OPTIONS, "StringSplitOptions", "System.StringSplitOptions");
    name(JTOKEN_TYPE, "JTokenType", "Newtonsoft.Json.Linq.JTokenType");
    name(FORMATTING, "Formatting", "Newtonsoft.Json.Formatting");
    name(ENUMERABLE, "IEnumerable", "System.Collections.Generic.IEnumerable", "ICollection", "IList", "IReadOnlyList", "IReadOnlyCollection");
    name(LIST, "List", "System.Collections.Generic.List");
    name(ENUMERABLE_STATIC, "Enumerable", "System.Linq.Enumerable");
    name(EXCEPTION, "Exception", "System.Exception");
    name(JWT, "Jwt");
    name(BASIC_CREDENTIALS, "BasicAuthCredentials");
    // The context's interface names, for casts such as (IResponse)context.Variables["response"].
    name(CONTEXT, "IProxyRequestContext");
    name(REQUEST, "IRequest");
    name(RESPONSE, "IResponse");
    name(URL, "IUrl");
    name(BODY, "IMessageBody");
    name(HEADERS, "IHeaderDictionary");
    name(API, "IApi");
    name(OPERATION, "IOperation");
    name(PRODUCT, "IProduct");
    name(SUBSCRIPTION, "ISubscription");
    name(USER, "IUser");
    name(USER_GROUP, "IGroup");
    name(DEPLOYMENT, "IDeployment");
    name(LAST_ERROR, "ILastError");
    // send-request stores its response in a variable; APIM policies read it back with this cast.
    name(RESPONSE, "IResponse");
    CLR_NAMES.put(STRING, "String");
    CLR_NAMES.put(INT, "Int32");
    CLR_NAMES.put(LONG, "Int64");
    CLR_NAMES.put(DOUBLE, "Double");
    CLR_NAMES.put(BOOL, "Boolean");
    CLR_NAMES.put(CHAR, "Char");
    CLR_NAMES.put(OBJECT, "Object");
    Members.register();
  }
}
