package dev.sluice.core.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A static type of the expression language. Generic types ({@code IEnumerable<T>}, {@code T[]},
 * {@code List<T>}, {@code KeyValuePair<string, T>}) are instances of a definition with one argument;
 * members live on the definition. Only types registered in {@link Library} exist, which is what
 * keeps expressions inside the sandbox.
 */
final class Type {
  final String name;
  final Type definition;
  final Type arg;
  final boolean valueType;
  final Object defaultValue;
  /** Whether a runtime value is an instance of this type (for is, as and casts). */
  final Predicate<Object> instanceTest;

  private final Function<Type, List<Type>> supertypes;
  final Map<String, List<Member>> members = new LinkedHashMap<>();
  final Map<String, List<Member>> statics = new LinkedHashMap<>();
  private final Map<Type, Type> instances = new ConcurrentHashMap<>();

  private Type(
      String name,
      Type definition,
      Type arg,
      boolean valueType,
      Object defaultValue,
      Predicate<Object> instanceTest,
      Function<Type, List<Type>> supertypes) {
    this.name = name;
    this.definition = definition == null ? this : definition;
    this.arg = arg;
    this.valueType = valueType;
    this.defaultValue = defaultValue;
    this.instanceTest = instanceTest;
    this.supertypes = supertypes;
  }

  static Type simple(String name, Predicate<Object> test, Function<Type, List<Type>> supertypes) {
    return new Type(name, null, null, false, null, test, supertypes);
  }

  static Type value(String name, Object defaultValue, Predicate<Object> test) {
    return new Type(name, null, null, true, defaultValue, test, t -> List.of(Library.OBJECT));
  }

  static Type generic(String name, Predicate<Object> test, Function<Type, List<Type>> supertypes) {
    return new Type(name, null, null, false, null, test, supertypes);
  }

  /** This generic definition applied to {@code argument}. */
  Type of(Type argument) {
    return definition.instances.computeIfAbsent(
        argument,
        a -> new Type(displayName(a), definition, a, false, null, definition.instanceTest, definition.supertypes));
  }

  private String displayName(Type a) {
    if (name.equals("[]")) {
      return a.name + "[]";
    }
    if (name.equals("KeyValuePair")) {
      return "KeyValuePair<string, " + a.name + ">";
    }
    return name + "<" + a.name + ">";
  }

  boolean isGeneric() {
    return arg != null;
  }

  List<Type> supertypes() {
    return supertypes.apply(this);
  }

  /** This type and all its supertypes, nearest first. */
  List<Type> ancestry() {
    List<Type> out = new ArrayList<>();
    List<Type> queue = new ArrayList<>();
    queue.add(this);
    while (!queue.isEmpty()) {
      Type t = queue.remove(0);
      if (!out.contains(t)) {
        out.add(t);
        queue.addAll(t.supertypes());
      }
    }
    return out;
  }

  /** The type foreach yields, or null if the type is not enumerable. */
  Type elementType() {
    for (Type t : ancestry()) {
      if (t.definition == Library.ENUMERABLE) {
        return t.arg;
      }
    }
    return null;
  }

  boolean isNumeric() {
    return this == Library.INT || this == Library.LONG || this == Library.DOUBLE || this == Library.CHAR;
  }

  @Override
  public String toString() {
    return name;
  }

  /** A member (method, property or indexer) of a type, bound to Java code. */
  static final class Member {
    enum Kind {
      METHOD,
      PROPERTY,
      INDEXER
    }

    final String name;
    final Kind kind;
    final boolean isStatic;
    final List<Param> params;
    final int typeParams;
    final ResultType result;
    final Specializer impl;
    /** For indexers: the setter, or null if read-only. */
    Setter setter;
    /** An extension method: called with a null receiver rather than failing with a null reference. */
    boolean extension;

    Member(
        String name, Kind kind, boolean isStatic, List<Param> params, int typeParams, ResultType result, Specializer impl) {
      this.name = name;
      this.kind = kind;
      this.isStatic = isStatic;
      this.params = List.copyOf(params);
      this.typeParams = typeParams;
      this.result = result;
      this.impl = impl;
    }

    int minArgs() {
      int n = 0;
      for (Param p : params) {
        if (p.kind() != Param.Kind.PARAMS && !p.optional()) {
          n++;
        }
      }
      return n;
    }

    boolean hasParams() {
      return !params.isEmpty() && params.get(params.size() - 1).kind() == Param.Kind.PARAMS;
    }

    String signature() {
      StringBuilder s = new StringBuilder(name);
      if (kind == Kind.PROPERTY) {
        return s.toString();
      }
      s.append(kind == Kind.INDEXER ? "[" : "(");
      for (int i = 0; i < params.size(); i++) {
        s.append(i > 0 ? ", " : "").append(params.get(i));
      }
      return s.append(kind == Kind.INDEXER ? "]" : ")").toString();
    }
  }

  /** A parameter; {@code type} null means the receiver's element type. */
  record Param(String name, Type type, Kind kind, boolean optional) {
    enum Kind {
      VALUE,
      LAMBDA,
      OUT,
      PARAMS
    }

    @Override
    public String toString() {
      String t = type == null ? (kind == Kind.LAMBDA ? "lambda" : "T") : type.name;
      return switch (kind) {
        case OUT -> "out " + t;
        case PARAMS -> "params " + t + "[]";
        default -> t + (optional ? "?" : "");
      };
    }
  }

  /** Computes a member's result type from the receiver, argument and explicit type arguments. */
  @FunctionalInterface
  interface ResultType {
    Type of(Type receiver, List<Type> args, List<Type> typeArgs);
  }

  /** Runs a member. {@code args} hold lambdas as {@link Fn} and out parameters as {@link Ref}. */
  @FunctionalInterface
  interface Impl {
    Object call(Frame frame, Object target, Object[] args);
  }

  /** Picks the implementation for the types known at binding (generic arguments, overloads). */
  @FunctionalInterface
  interface Specializer {
    Impl bind(Type receiver, List<Type> args, List<Type> typeArgs);
  }

  @FunctionalInterface
  interface Setter {
    void set(Frame frame, Object target, Object[] args, Object value);
  }

  /** A compiled lambda. */
  @FunctionalInterface
  interface Fn {
    Object apply(Frame frame, Object arg);
  }

  /** An out argument: the slot of the local it writes. */
  record Ref(int slot) {
    void set(Frame frame, Object value) {
      frame.locals[slot] = value;
    }
  }
}
