package dev.sluice.core.expr;

import static dev.sluice.core.expr.Library.*;

import dev.sluice.core.expr.Ast.*;
import dev.sluice.core.expr.Type.Fn;
import dev.sluice.core.expr.Type.Impl;
import dev.sluice.core.expr.Type.Member;
import dev.sluice.core.expr.Type.Param;
import dev.sluice.core.expr.Type.Ref;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Type-checks the syntax tree against {@link Library} and turns it into a tree of closures. Every
 * member is resolved here, once; evaluation never looks anything up by name. Also collects what the
 * expression reads from the context, for {@link ExpressionAnalysis}.
 */
final class Binder {

  /** A compiled expression node. */
  @FunctionalInterface
  interface Eval {
    Object eval(Frame f);
  }

  /** A compiled statement; returns one of the completion codes. */
  @FunctionalInterface
  interface Exec {
    int run(Frame f);
  }

  static final int NORMAL = 0;
  static final int RETURN = 1;
  static final int BREAK = 2;
  static final int CONTINUE = 3;

  private record Local(String name, Type type, int slot) {}

  /**
   * A bound expression: its static type and code, plus what binding needs to know about it (the
   * context path it denotes, a constant value, the local it names, or the type/namespace it names).
   */
  private record Bound(
      Type type, Eval eval, String path, Object constant, boolean isConstant, Local local, Type typeRef, String namespace) {
    static Bound of(Type type, Eval eval) {
      return new Bound(type, eval, null, null, false, null, null, null);
    }

    static Bound constant(Type type, Object value) {
      return new Bound(type, f -> value, null, value, true, null, null, null);
    }

    boolean isValue() {
      return typeRef == null && namespace == null;
    }
  }

  private static final class Scope {
    final Scope parent;
    final Map<String, Local> locals = new HashMap<>();

    Scope(Scope parent) {
      this.parent = parent;
    }

    Local find(String name) {
      for (Scope s = this; s != null; s = s.parent) {
        Local l = s.locals.get(name);
        if (l != null) {
          return l;
        }
      }
      return null;
    }
  }

  private final Set<String> paths = new TreeSet<>();
  /**
   * The context paths a local was given ({@code var r = context.Response;}), so that members read
   * through the local ({@code r.Body}) count as reads of the context. Several paths when it was
   * reassigned; an over-approximation (a read bound before a later assignment in a loop is missed).
   */
  private final Map<Local, Set<String>> localPaths = new HashMap<>();
  private final Set<String> variables = new TreeSet<>();
  private boolean dynamicVariable;
  private int slots;
  private Scope scope = new Scope(null);
  private final List<Type> returnTypes = new ArrayList<>();

  int slotCount() {
    return slots;
  }

  ExpressionAnalysis analysis() {
    Set<String> deepest = new TreeSet<>();
    for (String p : paths) {
      boolean prefix = false;
      for (String q : paths) {
        if (!q.equals(p) && q.startsWith(p + ".")) {
          prefix = true;
        }
      }
      if (!prefix) {
        deepest.add(p);
      }
    }
    boolean request = paths.stream().anyMatch(p -> p.startsWith("context.Request.Body"));
    boolean response = paths.stream().anyMatch(p -> p.startsWith("context.Response.Body"));
    return new ExpressionAnalysis(deepest, request, response, variables, dynamicVariable);
  }

  // ---- entry points

  Eval bindExpression(Expr e) {
    Bound b = value(e);
    if (b.type == VOID) {
      throw SyntaxError.type(e.pos(), "the expression does not produce a value");
    }
    resultType = b.type;
    return b.eval;
  }

  Type resultType = OBJECT;

  Exec bindBlock(Block block) {
    Exec exec = block(block, false);
    if (!alwaysReturns(block)) {
      throw SyntaxError.type(block.end(), "not all code paths return a value: end the block with a return statement");
    }
    Type t = returnTypes.isEmpty() ? OBJECT : returnTypes.get(0);
    for (Type r : returnTypes) {
      if (r != t) {
        t = OBJECT;
      }
    }
    resultType = t;
    return exec;
  }

  private static boolean alwaysReturns(Stmt s) {
    if (s instanceof Return || s instanceof Throw) {
      return true;
    }
    if (s instanceof Block b) {
      return b.statements().stream().anyMatch(Binder::alwaysReturns);
    }
    if (s instanceof If i) {
      return i.otherwise() != null && alwaysReturns(i.then()) && alwaysReturns(i.otherwise());
    }
    if (s instanceof Try t) {
      if (t.finallyBlock() != null && alwaysReturns(t.finallyBlock())) {
        return true;
      }
      return alwaysReturns(t.body()) && t.catches().stream().allMatch(c -> alwaysReturns(c.body()));
    }
    if (s instanceof While w) {
      return w.condition() instanceof Literal l && Boolean.TRUE.equals(l.value());
    }
    return false;
  }

  // ---- statements

  private Exec block(Block block, boolean newScope) {
    // Every block opens a scope; newScope documents the callers that rely on it.
    Scope saved = scope;
    scope = new Scope(saved);
    try {
      List<Exec> execs = new ArrayList<>();
      for (Stmt s : block.statements()) {
        execs.add(statement(s));
      }
      Exec[] array = execs.toArray(new Exec[0]);
      if (array.length == 1) {
        return array[0];
      }
      return f -> {
        for (Exec e : array) {
          int code = e.run(f);
          if (code != NORMAL) {
            return code;
          }
        }
        return NORMAL;
      };
    } finally {
      scope = saved;
    }
  }

  private Exec statement(Stmt s) {
    if (s instanceof Block b) {
      return block(b, true);
    }
    if (s instanceof LocalDecl d) {
      return declaration(d);
    }
    if (s instanceof ExprStmt es) {
      Expr e = es.expr();
      if (!(e instanceof Assign || e instanceof Call || e instanceof IncDec || e instanceof New)) {
        throw new SyntaxError(es.pos(), "only assignment, call, increment, decrement and new can be used as a statement");
      }
      Bound b = bind(e);
      Eval eval = b.eval;
      return f -> {
        eval.eval(f);
        return NORMAL;
      };
    }
    if (s instanceof If i) {
      Eval condition = condition(i.condition());
      Exec then = scoped(i.then());
      Exec otherwise = i.otherwise() == null ? null : scoped(i.otherwise());
      return f -> {
        f.tick();
        if ((Boolean) condition.eval(f)) {
          return then.run(f);
        }
        return otherwise == null ? NORMAL : otherwise.run(f);
      };
    }
    if (s instanceof Foreach fe) {
      return foreach(fe);
    }
    if (s instanceof While w) {
      Eval condition = condition(w.condition());
      Exec body = scoped(w.body());
      return f -> {
        while (true) {
          f.tick();
          if (!(Boolean) condition.eval(f)) {
            return NORMAL;
          }
          int code = body.run(f);
          if (code == BREAK) {
            return NORMAL;
          }
          if (code == RETURN) {
            return code;
          }
        }
      };
    }
    if (s instanceof For fo) {
      Scope saved = scope;
      scope = new Scope(saved);
      try {
        List<Exec> init = new ArrayList<>();
        for (Stmt st : fo.init()) {
          init.add(statement(st));
        }
        Eval condition = fo.condition() == null ? f -> Boolean.TRUE : condition(fo.condition());
        List<Eval> update = new ArrayList<>();
        for (Expr u : fo.update()) {
          update.add(bind(u).eval);
        }
        Exec body = scoped(fo.body());
        return f -> {
          for (Exec e : init) {
            e.run(f);
          }
          while (true) {
            f.tick();
            if (!(Boolean) condition.eval(f)) {
              return NORMAL;
            }
            int code = body.run(f);
            if (code == BREAK) {
              return NORMAL;
            }
            if (code == RETURN) {
              return code;
            }
            for (Eval u : update) {
              u.eval(f);
            }
          }
        };
      } finally {
        scope = saved;
      }
    }
    if (s instanceof Return r) {
      if (r.value() == null) {
        throw SyntaxError.type(r.pos(), "a policy expression block must return a value");
      }
      Bound b = value(r.value());
      if (b.type == VOID) {
        throw SyntaxError.type(r.value().pos(), "the expression does not produce a value");
      }
      returnTypes.add(b.type);
      Eval eval = b.eval;
      return f -> {
        f.result = eval.eval(f);
        return RETURN;
      };
    }
    if (s instanceof Break) {
      return f -> BREAK;
    }
    if (s instanceof Continue) {
      return f -> CONTINUE;
    }
    if (s instanceof Try t) {
      return tryStatement(t);
    }
    if (s instanceof Throw t) {
      if (t.value() == null) {
        throw SyntaxError.unsupported(t.pos(), "rethrowing with 'throw;' is not supported; throw a new exception");
      }
      Bound b = value(t.value());
      if (b.type != EXCEPTION) {
        throw SyntaxError.type(t.value().pos(), "only exceptions can be thrown, not " + b.type);
      }
      Eval eval = b.eval;
      return f -> {
        throw (ScriptException) eval.eval(f);
      };
    }
    throw SyntaxError.unsupported(s.pos(), "this statement is not supported");
  }

  /** An embedded statement gets its own scope, so its declarations do not leak. */
  private Exec scoped(Stmt s) {
    Scope saved = scope;
    scope = new Scope(saved);
    try {
      return statement(s);
    } finally {
      scope = saved;
    }
  }

  private Local declare(int pos, String name, Type type) {
    if (scope.find(name) != null) {
      throw SyntaxError.type(pos, "a local variable named '" + name + "' is already defined in this scope");
    }
    if (name.equals("context")) {
      throw SyntaxError.type(pos, "'context' is reserved for the request context");
    }
    Local local = new Local(name, type, slots++);
    scope.locals.put(name, local);
    return local;
  }

  private Exec declaration(LocalDecl d) {
    Type declared = d.type() == null ? null : resolveType(d.type());
    List<Exec> execs = new ArrayList<>();
    for (Declarator decl : d.declarators()) {
      Type type = declared;
      Eval init;
      String initPath = null;
      if (decl.init() == null) {
        Object dv = declared.defaultValue;
        init = f -> dv;
      } else {
        Bound b = value(decl.init());
        if (type == null) {
          if (b.type == NULL) {
            throw SyntaxError.type(decl.init().pos(), "cannot infer the type of 'var' from null; write the type");
          }
          if (b.type == VOID) {
            throw SyntaxError.type(decl.init().pos(), "the expression does not produce a value");
          }
          type = b.type;
          init = b.eval;
        } else {
          b = coerce(b, type, decl.init().pos());
          init = b.eval;
        }
        initPath = b.path;
      }
      Local local = declare(decl.pos(), decl.name(), type);
      rememberPath(local, initPath);
      int slot = local.slot;
      Eval value = init;
      execs.add(f -> {
        f.locals[slot] = value.eval(f);
        return NORMAL;
      });
    }
    if (execs.size() == 1) {
      return execs.get(0);
    }
    return f -> {
      for (Exec e : execs) {
        e.run(f);
      }
      return NORMAL;
    };
  }

  private void rememberPath(Local local, String path) {
    if (path != null && Library.isContextType(local.type)) {
      localPaths.computeIfAbsent(local, l -> new TreeSet<>()).add(path);
    }
  }

  private Eval condition(Expr e) {
    Bound b = value(e);
    if (b.type != BOOL) {
      throw SyntaxError.type(e.pos(), "a condition must be a bool, not " + b.type);
    }
    Eval eval = b.eval;
    return f -> {
      Object v = eval.eval(f);
      if (v == null) {
        throw new ScriptException("InvalidOperationException", "Nullable object must have a value.");
      }
      return v;
    };
  }

  private Exec foreach(Foreach fe) {
    Bound collection = value(fe.collection());
    // A string enumerates its characters; it is not otherwise treated as a sequence.
    Type element = collection.type == STRING ? CHAR : collection.type.elementType();
    if (element == null) {
      throw SyntaxError.type(fe.collection().pos(), "foreach cannot iterate over a value of type " + collection.type);
    }
    Scope saved = scope;
    scope = new Scope(saved);
    try {
      Type varType = element;
      UnaryOperator<Object> convert = UnaryOperator.identity();
      if (fe.type() != null) {
        varType = resolveType(fe.type());
        Type target = varType;
        if (!assignable(element, varType)) {
          if (!castable(element, varType)) {
            throw SyntaxError.type(fe.type().pos(), "cannot convert " + element + " to " + varType);
          }
          convert = v -> Library.convert(v, target, true);
        }
      }
      Local local = declare(fe.namePos(), fe.name(), varType);
      Exec body = statement(fe.body());
      Eval items = element == JTOKEN ? enumerableView(collection.eval, ENUMERABLE.of(JTOKEN)) : collection.eval;
      int slot = local.slot;
      UnaryOperator<Object> conv = convert;
      return f -> {
        Object source = items.eval(f);
        if (source == null) {
          throw new ScriptException("NullReferenceException", "Object reference not set to an instance of an object.");
        }
        for (Object item : Library.items(source)) {
          f.tick();
          f.locals[slot] = conv.apply(item);
          int code = body.run(f);
          if (code == BREAK) {
            break;
          }
          if (code == RETURN) {
            return code;
          }
        }
        return NORMAL;
      };
    } finally {
      scope = saved;
    }
  }

  private Exec tryStatement(Try t) {
    Exec body = block(t.body(), true);
    List<String> types = new ArrayList<>();
    List<Integer> slotsOf = new ArrayList<>();
    List<Exec> handlers = new ArrayList<>();
    for (Catch c : t.catches()) {
      String typeName = c.type() == null ? "Exception" : c.type().name();
      if (!ScriptException.isKnownType(typeName)) {
        throw SyntaxError.unsupported(c.type().pos(), "cannot catch '" + typeName + "': not an exception type policy expressions know");
      }
      Scope saved = scope;
      scope = new Scope(saved);
      try {
        int slot = c.name() == null ? -1 : declare(c.pos(), c.name(), EXCEPTION).slot;
        types.add(typeName);
        slotsOf.add(slot);
        handlers.add(block(c.body(), true));
      } finally {
        scope = saved;
      }
    }
    Exec finallyExec = t.finallyBlock() == null ? null : block(t.finallyBlock(), true);
    return f -> {
      try {
        return body.run(f);
      } catch (BudgetExceeded e) {
        throw e;
      } catch (RuntimeException e) {
        ScriptException se = ScriptException.from(e);
        for (int i = 0; i < types.size(); i++) {
          if (se.isA(types.get(i))) {
            if (slotsOf.get(i) >= 0) {
              f.locals[slotsOf.get(i)] = se;
            }
            return handlers.get(i).run(f);
          }
        }
        throw se;
      } finally {
        if (finallyExec != null) {
          finallyExec.run(f);
        }
      }
    };
  }

  // ---- expressions

  /** Binds an expression that must denote a value (not a type or namespace). */
  private Bound value(Expr e) {
    Bound b = bind(e);
    if (!b.isValue()) {
      throw SyntaxError.type(e.pos(), "'" + (b.typeRef != null ? b.typeRef.name : b.namespace) + "' is a type, not a value");
    }
    return b;
  }

  private Bound bind(Expr e) {
    if (e instanceof Literal l) {
      return literal(l);
    }
    if (e instanceof Name n) {
      return name(n);
    }
    if (e instanceof Ast.Member m) {
      return member(m);
    }
    if (e instanceof Call c) {
      return call(c);
    }
    if (e instanceof Index i) {
      return index(i);
    }
    if (e instanceof Binary b) {
      return binary(b);
    }
    if (e instanceof Unary u) {
      return unary(u);
    }
    if (e instanceof Conditional c) {
      return conditional(c);
    }
    if (e instanceof Interpolated i) {
      return interpolated(i);
    }
    if (e instanceof Assign a) {
      return assign(a);
    }
    if (e instanceof IncDec i) {
      return incDec(i);
    }
    if (e instanceof Is i) {
      return is(i);
    }
    if (e instanceof As a) {
      return as(a);
    }
    if (e instanceof Cast c) {
      return cast(c);
    }
    if (e instanceof New n) {
      return creation(n);
    }
    if (e instanceof NewArray n) {
      return newArray(n);
    }
    if (e instanceof NewAnonymous n) {
      return anonymous(n);
    }
    if (e instanceof Lambda l) {
      throw SyntaxError.type(l.pos(), "a lambda can only be passed to a method such as Where or Select");
    }
    if (e instanceof OutVar o) {
      throw new SyntaxError(o.pos(), "'out' declarations are only allowed as method arguments");
    }
    throw SyntaxError.unsupported(e.pos(), "this expression is not supported");
  }

  private static Bound literal(Literal l) {
    Object v = l.value();
    Type t;
    if (v == null) {
      t = NULL;
    } else if (v instanceof String) {
      t = STRING;
    } else if (v instanceof Integer) {
      t = INT;
    } else if (v instanceof Long) {
      t = LONG;
    } else if (v instanceof Double) {
      t = DOUBLE;
    } else if (v instanceof Character) {
      t = CHAR;
    } else {
      t = BOOL;
    }
    return Bound.constant(t, v);
  }

  private Bound name(Name n) {
    Local local = scope.find(n.name());
    if (local != null) {
      int slot = local.slot;
      Set<String> given = localPaths.getOrDefault(local, Set.of());
      String path = null;
      for (String p : given) {
        if (path == null) {
          path = p;
        } else {
          // A second path cannot ride on the bound value: count it as read rather than miss it.
          paths.add(p);
        }
      }
      return new Bound(local.type, f -> f.locals[slot], path, null, false, local, null, null);
    }
    if (n.name().equals("context")) {
      paths.add("context");
      return new Bound(CONTEXT, f -> f.context, "context", null, false, null, null, null);
    }
    Type t = Library.named(n.name());
    if (t != null) {
      return new Bound(t, null, null, null, false, null, t, null);
    }
    if (Library.isNamespace(n.name())) {
      return new Bound(VOID, null, null, null, false, null, null, n.name());
    }
    throw SyntaxError.type(n.pos(), "the name '" + n.name() + "' does not exist in the current context");
  }

  private Bound member(Ast.Member m) {
    Bound target = bind(m.target());
    if (target.namespace != null) {
      String full = target.namespace + "." + m.name();
      Type t = Library.named(full);
      if (t == null) {
        t = Library.named(m.name());
        if (t != null && !Library.named(m.name()).equals(t)) {
          t = null;
        }
      }
      if (t != null) {
        return new Bound(t, null, null, null, false, null, t, null);
      }
      if (Library.isNamespace(full)) {
        return new Bound(VOID, null, null, null, false, null, null, full);
      }
      throw SyntaxError.unsupported(m.pos(), "'" + full + "' is not a type or namespace policy expressions may use");
    }
    if (!m.typeArgs().isEmpty()) {
      throw new SyntaxError(m.pos(), "type arguments are only allowed on method calls");
    }
    if (target.typeRef != null) {
      Type owner = target.typeRef;
      Member found = single(owner.statics.get(m.name()), Member.Kind.PROPERTY);
      if (found == null) {
        throw SyntaxError.unsupported(m.pos(), "'" + owner.name + "." + m.name() + "' is not a static property policy expressions may use");
      }
      Type result = found.result.of(owner, List.of(), List.of());
      Impl impl = found.impl.bind(owner, List.of(), List.of());
      Object[] none = new Object[0];
      return Bound.of(result, f -> impl.call(f, null, none));
    }
    Type receiver = target.type;
    Map.Entry<Type, Member> found = property(receiver, m.name());
    if (found == null) {
      if (receiver.valueType && (m.name().equals("HasValue") || m.name().equals("Value"))) {
        return nullableMember(receiver, target.eval, m.name().equals("HasValue"));
      }
      if (anonymousShapes.containsKey(receiver) && anonymousShapes.get(receiver).containsKey(m.name())) {
        Type memberType = anonymousShapes.get(receiver).get(m.name());
        String name = m.name();
        Eval t = target.eval;
        boolean nc = m.nullConditional();
        return Bound.of(memberType, f -> {
          Object o = t.eval(f);
          if (o == null) {
            return nullReceiver(nc);
          }
          return ((AnonymousObject) o).members().get(name);
        });
      }
      if (hasMethod(receiver, m.name())) {
        throw SyntaxError.type(m.pos(), "'" + m.name() + "' is a method of " + receiver + ": call it with parentheses");
      }
      throw SyntaxError.unsupported(m.pos(), "'" + m.name() + "' is not a member of " + receiver + " that policy expressions may use");
    }
    Type view = found.getKey();
    Member member = found.getValue();
    Type result = member.result.of(view, List.of(), List.of());
    Impl impl = member.impl.bind(view, List.of(), List.of());
    String path = null;
    if (target.path != null && Library.isContextType(receiver)) {
      path = target.path + "." + m.name();
      paths.add(path);
    }
    Eval t = target.eval;
    boolean nc = m.nullConditional();
    Object[] none = new Object[0];
    Eval eval = f -> {
      Object o = t.eval(f);
      if (o == null) {
        return nullReceiver(nc);
      }
      return impl.call(f, o, none);
    };
    return new Bound(result, eval, path, null, false, null, null, null);
  }

  private final Map<Type, Map<String, Type>> anonymousShapes = new HashMap<>();

  /**
   * {@code HasValue} and {@code Value} of a nullable value type ({@code jwt.ExpirationTime.Value}):
   * value types stand for their nullable forms here, so every value type has them.
   */
  private static Bound nullableMember(Type type, Eval target, boolean hasValue) {
    if (hasValue) {
      return Bound.of(BOOL, f -> target.eval(f) != null);
    }
    return Bound.of(type, f -> {
      Object value = target.eval(f);
      if (value == null) {
        throw new ScriptException("InvalidOperationException", "Nullable object must have a value.");
      }
      return value;
    });
  }

  private static Object nullReceiver(boolean nullConditional) {
    if (nullConditional) {
      return null;
    }
    throw new ScriptException("NullReferenceException", "Object reference not set to an instance of an object.");
  }

  private static Member single(List<Member> members, Member.Kind kind) {
    if (members == null) {
      return null;
    }
    for (Member m : members) {
      if (m.kind == kind) {
        return m;
      }
    }
    return null;
  }

  private static Map.Entry<Type, Member> property(Type receiver, String name) {
    for (Type t : receiver.ancestry()) {
      Member m = single(t.definition.members.get(name), Member.Kind.PROPERTY);
      if (m != null) {
        return Map.entry(t, m);
      }
    }
    return null;
  }

  private static boolean hasMethod(Type receiver, String name) {
    for (Type t : receiver.ancestry()) {
      if (single(t.definition.members.get(name), Member.Kind.METHOD) != null) {
        return true;
      }
    }
    return false;
  }

  // ---- calls and indexers

  /** One argument as bound before overload resolution: lambdas and outs wait for their parameter. */
  private record ArgInfo(Arg arg, Bound bound) {}

  private Bound call(Call c) {
    if (!(c.callee() instanceof Ast.Member m)) {
      throw SyntaxError.unsupported(c.callee().pos(), "'" + ((Name) c.callee()).name() + "' is not a method policy expressions may use");
    }
    Bound target = m.target() instanceof Name n && n.name().isEmpty() ? null : bind(m.target());
    if (target == null || target.namespace != null) {
      throw SyntaxError.unsupported(m.pos(), "'" + m.name() + "' is not a method policy expressions may use");
    }
    List<Type> typeArgs = new ArrayList<>();
    for (TypeRef tr : m.typeArgs()) {
      typeArgs.add(resolveType(tr));
    }
    List<ArgInfo> args = new ArrayList<>();
    for (Arg a : c.args()) {
      boolean deferred = a.out() || a.value() instanceof Lambda;
      args.add(new ArgInfo(a, deferred ? null : value(a.value())));
    }
    List<Map.Entry<Type, Member>> candidates = new ArrayList<>();
    boolean isStatic = target.typeRef != null;
    Type owner = isStatic ? target.typeRef : target.type;
    if (isStatic) {
      for (Member member : owner.statics.getOrDefault(m.name(), List.of())) {
        if (member.kind == Member.Kind.METHOD) {
          candidates.add(Map.entry(owner, member));
        }
      }
    } else {
      for (Type t : owner.ancestry()) {
        for (Member member : t.definition.members.getOrDefault(m.name(), List.of())) {
          if (member.kind == Member.Kind.METHOD) {
            candidates.add(Map.entry(t, member));
          }
        }
      }
    }
    if (candidates.isEmpty()) {
      String what = isStatic ? owner.name + "." + m.name() : m.name();
      if (!isStatic && property(owner, m.name()) != null) {
        throw SyntaxError.type(m.pos(), "'" + m.name() + "' is a property of " + owner + ", not a method");
      }
      throw SyntaxError.unsupported(m.pos(), "'" + what + "' is not a " + (isStatic ? "static method" : "method of " + owner) + " that policy expressions may use");
    }
    Map.Entry<Type, Member> chosen = null;
    int[] mapping = null;
    for (int pass = 0; pass < 2 && chosen == null; pass++) {
      for (Map.Entry<Type, Member> candidate : candidates) {
        int[] map = applicable(candidate.getValue(), candidate.getKey(), args, typeArgs, pass == 0);
        if (map != null) {
          chosen = candidate;
          mapping = map;
          break;
        }
      }
    }
    if (chosen == null) {
      if (!typeArgs.isEmpty() && candidates.stream().noneMatch(x -> x.getValue().typeParams == typeArgs.size())) {
        throw SyntaxError.type(m.pos(), "'" + m.name() + "' does not take " + typeArgs.size() + " type argument(s)");
      }
      List<Map.Entry<Type, Member>> sameArity = candidates.stream()
          .filter(x -> x.getValue().params.size() == args.size() && !x.getValue().hasParams())
          .toList();
      if (sameArity.size() == 1) {
        Member only = sameArity.get(0).getValue();
        for (int i = 0; i < args.size(); i++) {
          ArgInfo a = args.get(i);
          Param p = only.params.get(i);
          if (a.bound != null && p.kind() == Param.Kind.VALUE && a.arg.name() == null) {
            Type pt = p.type() == null ? elementOf(sameArity.get(0).getKey()) : p.type();
            if (!assignable(a.bound.type, pt)) {
              throw SyntaxError.type(a.arg.value().pos(), "argument " + (i + 1) + " of '" + m.name() + "' must be " + pt + ", not " + a.bound.type);
            }
          }
        }
      }
      StringBuilder sig = new StringBuilder();
      for (Map.Entry<Type, Member> candidate : candidates) {
        sig.append(sig.length() == 0 ? "" : ", ").append(candidate.getValue().signature());
      }
      StringBuilder given = new StringBuilder();
      for (ArgInfo a : args) {
        given.append(given.length() == 0 ? "" : ", ").append(a.bound == null ? (a.arg.out() ? "out" : "lambda") : a.bound.type.name);
      }
      throw SyntaxError.type(c.pos(), "no overload of '" + m.name() + "' takes (" + given + "); expected " + sig);
    }
    return invoke(c.pos(), m, target, chosen.getKey(), chosen.getValue(), args, mapping, typeArgs);
  }

  /**
   * Checks whether {@code member} accepts the arguments; returns for each argument the parameter
   * index it goes to, or null. {@code exact} accepts only identity conversions (first pass).
   */
  private int[] applicable(Member member, Type view, List<ArgInfo> args, List<Type> typeArgs, boolean exact) {
    if (!typeArgs.isEmpty() && member.typeParams != typeArgs.size()) {
      return null;
    }
    List<Param> params = member.params;
    int[] map = new int[args.size()];
    boolean[] filled = new boolean[params.size()];
    int positional = 0;
    for (int i = 0; i < args.size(); i++) {
      ArgInfo a = args.get(i);
      int index;
      if (a.arg.name() != null) {
        index = -1;
        for (int p = 0; p < params.size(); p++) {
          if (a.arg.name().equals(params.get(p).name())) {
            index = p;
          }
        }
        if (index < 0) {
          return null;
        }
      } else {
        index = positional++;
        if (index >= params.size()) {
          if (!member.hasParams()) {
            return null;
          }
          index = params.size() - 1;
        }
      }
      Param p = params.get(index);
      filled[index] = true;
      map[i] = index;
      switch (p.kind()) {
        case LAMBDA -> {
          if (!(a.arg.value() instanceof Lambda l) || l.parameters().size() != 1 || view.elementType() == null && view.arg == null) {
            return null;
          }
        }
        case OUT -> {
          if (!a.arg.out()) {
            return null;
          }
        }
        case PARAMS -> {
          if (a.bound == null) {
            return null;
          }
          boolean direct = args.size() == index + 1 && assignable(a.bound.type, ARRAY.of(p.type()));
          if (!direct && !accepts(a.bound.type, p.type(), exact)) {
            return null;
          }
        }
        default -> {
          if (a.bound == null) {
            return null;
          }
          Type pt = p.type() == null ? elementOf(view) : p.type();
          if (!accepts(a.bound.type, pt, exact)) {
            return null;
          }
        }
      }
    }
    for (int p = 0; p < params.size(); p++) {
      if (!filled[p] && params.get(p).kind() != Param.Kind.PARAMS && !params.get(p).optional()) {
        return null;
      }
    }
    return map;
  }

  private static Type elementOf(Type view) {
    Type e = view.elementType();
    return e != null ? e : view.arg != null ? view.arg : OBJECT;
  }

  private static boolean accepts(Type from, Type to, boolean exact) {
    if (exact) {
      return from == to || from == NULL && !to.valueType || to == OBJECT && from == NULL;
    }
    return assignable(from, to);
  }

  private Bound invoke(int pos, Ast.Member m, Bound target, Type view, Member member, List<ArgInfo> args, int[] mapping, List<Type> typeArgs) {
    List<Param> params = member.params;
    int n = params.size();
    Eval[] argEvals = new Eval[args.size()];
    List<Type> argTypes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      argTypes.add(null);
    }
    boolean packParams = member.hasParams();
    boolean directParams = false;
    for (int i = 0; i < args.size(); i++) {
      ArgInfo a = args.get(i);
      Param p = params.get(mapping[i]);
      switch (p.kind()) {
        case LAMBDA -> {
          Lambda l = (Lambda) a.arg.value();
          Type paramType = elementOf(view);
          Scope saved = scope;
          scope = new Scope(saved);
          try {
            Local local = declare(l.pos(), l.parameters().get(0), paramType);
            Bound body = value(l.body());
            int slot = local.slot;
            Eval bodyEval = body.eval;
            Fn fn = (f, x) -> {
              f.locals[slot] = x;
              return bodyEval.eval(f);
            };
            argEvals[i] = f -> fn;
            argTypes.set(mapping[i], body.type);
          } finally {
            scope = saved;
          }
        }
        case OUT -> {
          Expr e = a.arg.value();
          int slot;
          if (e instanceof OutVar ov) {
            Type t = ov.type() == null ? p.type() : resolveType(ov.type());
            if (ov.type() != null && !assignable(p.type(), t)) {
              throw SyntaxError.type(ov.pos(), "the out parameter is " + p.type() + ", not " + t);
            }
            slot = declare(ov.pos(), ov.name(), t).slot;
          } else {
            Bound b = bind(e);
            if (b.local == null) {
              throw SyntaxError.type(e.pos(), "an out argument must be a local variable");
            }
            slot = b.local.slot;
          }
          Ref ref = new Ref(slot);
          argEvals[i] = f -> ref;
          argTypes.set(mapping[i], p.type());
        }
        case PARAMS -> {
          if (args.size() == mapping[i] + 1 && assignable(a.bound.type, ARRAY.of(p.type())) && a.bound.type != NULL) {
            directParams = true;
            argEvals[i] = a.bound.eval;
          } else {
            argEvals[i] = coerce(a.bound, p.type(), a.arg.value().pos()).eval;
          }
          argTypes.set(mapping[i], a.bound.type);
        }
        default -> {
          Type pt = p.type() == null ? elementOf(view) : p.type();
          argEvals[i] = coerce(a.bound, pt, a.arg.value().pos()).eval;
          argTypes.set(mapping[i], a.bound.type);
        }
      }
    }
    // Optional parameters not given are passed as null (implementations read their length).
    int given = 0;
    for (int i = 0; i < args.size(); i++) {
      given = Math.max(given, mapping[i] + 1);
    }
    List<Type> compactTypes = new ArrayList<>();
    for (Type t : argTypes) {
      if (t != null) {
        compactTypes.add(t);
      }
    }
    Type result = member.result.of(view, compactTypes, typeArgs);
    Impl impl = member.impl.bind(view, compactTypes, typeArgs);
    recordVariableRead(target, m.name(), args);
    int paramsIndex = packParams ? n - 1 : -1;
    int slotCount = packParams ? n : given;
    int[] map = mapping;
    boolean direct = directParams;
    Eval targetEval = target.typeRef != null ? null : enumerableView(target.eval, view);
    boolean nc = m.nullConditional();
    boolean extension = member.extension;
    Eval eval = f -> {
      Object receiver = null;
      if (targetEval != null) {
        receiver = targetEval.eval(f);
        if (receiver == null && (nc || !extension)) {
          return nullReceiver(nc);
        }
      }
      Object[] values = new Object[slotCount];
      List<Object> packed = null;
      if (paramsIndex >= 0 && !direct) {
        packed = new ArrayList<>();
      }
      for (int i = 0; i < argEvals.length; i++) {
        Object v = argEvals[i].eval(f);
        if (map[i] == paramsIndex && packed != null) {
          packed.add(v);
        } else {
          values[map[i]] = v;
        }
      }
      if (packed != null) {
        values[paramsIndex] = Arrays.asList(packed.toArray());
      } else if (paramsIndex >= 0 && values[paramsIndex] == null && direct) {
        throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter 'args')");
      }
      f.tick();
      return impl.call(f, receiver, values);
    };
    String path = null;
    return new Bound(result, eval, path, null, false, null, null, null);
  }

  /** A JSON token seen as {@code IEnumerable<JToken>} enumerates its children, as in Newtonsoft. */
  private static Eval enumerableView(Eval eval, Type view) {
    if (view.definition == ENUMERABLE && view.arg == JTOKEN) {
      return f -> {
        Object o = eval.eval(f);
        return o instanceof JToken token && !(o instanceof JArray) ? new ArrayList<Object>(token.children()) : o;
      };
    }
    return eval;
  }

  private void recordVariableRead(Bound target, String member, List<ArgInfo> args) {
    if (target.path == null || !target.path.equals("context.Variables")) {
      return;
    }
    if (args.isEmpty() || args.get(0).bound == null) {
      return;
    }
    Bound first = args.get(0).bound;
    if (first.isConstant && first.constant instanceof String s) {
      variables.add(s);
    } else {
      dynamicVariable = true;
    }
  }

  private Bound index(Index ix) {
    Bound target = value(ix.target());
    List<Bound> keys = new ArrayList<>();
    for (Expr k : ix.args()) {
      keys.add(value(k));
    }
    Map.Entry<Type, Member> found = indexer(target.type, keys, ix.pos());
    Type view = found.getKey();
    Member member = found.getValue();
    Eval[] keyEvals = new Eval[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      Type pt = member.params.get(i).type() == null ? elementOf(view) : member.params.get(i).type();
      keyEvals[i] = coerce(keys.get(i), pt, ix.args().get(i).pos()).eval;
    }
    if (target.path != null && target.path.equals("context.Variables")) {
      Bound k = keys.get(0);
      if (k.isConstant && k.constant instanceof String s) {
        variables.add(s);
      } else {
        dynamicVariable = true;
      }
    }
    Type result = member.result.of(view, List.of(), List.of());
    Impl impl = member.impl.bind(view, List.of(), List.of());
    Eval t = target.eval;
    boolean nc = ix.nullConditional();
    Eval eval = f -> {
      Object o = t.eval(f);
      if (o == null) {
        return nullReceiver(nc);
      }
      Object[] values = new Object[keyEvals.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = keyEvals[i].eval(f);
      }
      f.tick();
      return impl.call(f, o, values);
    };
    return Bound.of(result, eval);
  }

  private Map.Entry<Type, Member> indexer(Type type, List<Bound> keys, int pos) {
    for (boolean exact : new boolean[] {true, false}) {
      for (Type t : type.ancestry()) {
        for (Member m : t.definition.members.getOrDefault("this[]", List.of())) {
          if (m.params.size() != keys.size()) {
            continue;
          }
          boolean ok = true;
          for (int i = 0; i < keys.size(); i++) {
            Type pt = m.params.get(i).type();
            ok &= accepts(keys.get(i).type, pt, exact);
          }
          if (ok) {
            return Map.entry(t, m);
          }
        }
      }
    }
    boolean any = type.ancestry().stream().anyMatch(t -> t.definition.members.containsKey("this[]"));
    if (any) {
      throw SyntaxError.type(pos, "cannot index " + type + " with " + keys.stream().map(k -> k.type.name).toList());
    }
    throw SyntaxError.type(pos, "cannot apply indexing with [] to a value of type " + type);
  }

  // ---- operators

  private Bound binary(Binary b) {
    String op = b.op();
    if (op.equals("&&") || op.equals("||")) {
      Bound l = value(b.left());
      Bound r = value(b.right());
      requireBool(l, b.left().pos(), op);
      requireBool(r, b.right().pos(), op);
      Eval le = l.eval;
      Eval re = r.eval;
      boolean and = op.equals("&&");
      return Bound.of(BOOL, f -> {
        boolean left = (Boolean) le.eval(f);
        if (and ? !left : left) {
          return left;
        }
        return re.eval(f);
      });
    }
    if (op.equals("??")) {
      Bound l = value(b.left());
      Bound r = value(b.right());
      Type t;
      Eval re;
      if (assignable(r.type, l.type) && l.type != NULL) {
        t = l.type;
        re = coerce(r, t, b.right().pos()).eval;
      } else if (assignable(l.type, r.type)) {
        t = r.type;
        re = r.eval;
      } else {
        throw SyntaxError.type(b.pos(), "operator '??' cannot be applied to " + l.type + " and " + r.type);
      }
      Eval le = l.eval;
      return Bound.of(t, f -> {
        Object v = le.eval(f);
        return v != null ? v : re.eval(f);
      });
    }
    Bound l = value(b.left());
    Bound r = value(b.right());
    return operator(op, l, r, b.pos());
  }

  private static void requireBool(Bound b, int pos, String op) {
    if (b.type != BOOL) {
      throw SyntaxError.type(pos, "operator '" + op + "' needs bool operands, not " + b.type);
    }
  }

  private static Type numericResult(Type a, Type b) {
    if (!a.isNumeric() || !b.isNumeric()) {
      return null;
    }
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }

  /** Binary operators other than the short-circuit ones; shared with compound assignment. */
  private Bound operator(String op, Bound l, Bound r, int pos) {
    Eval le = l.eval;
    Eval re = r.eval;
    Type numeric = numericResult(l.type, r.type);
    switch (op) {
      case "+":
        if (l.type == STRING || r.type == STRING) {
          if (l.isConstant && r.isConstant) {
            return Bound.constant(STRING, Values.toText(l.constant) + Values.toText(r.constant));
          }
          return Bound.of(STRING, f -> {
            String a = Values.toText(le.eval(f));
            String c = Values.toText(re.eval(f));
            f.length(a.length() + c.length());
            return a.concat(c);
          });
        }
        if (l.type == DATETIME && r.type == TIMESPAN) {
          return Bound.of(DATETIME, f -> ((java.time.LocalDateTime) le.eval(f)).plus((java.time.Duration) re.eval(f)));
        }
        if (l.type == TIMESPAN && r.type == TIMESPAN) {
          return Bound.of(TIMESPAN, f -> ((java.time.Duration) le.eval(f)).plus((java.time.Duration) re.eval(f)));
        }
        break;
      case "-":
        if (l.type == DATETIME && r.type == DATETIME) {
          return Bound.of(TIMESPAN, f -> java.time.Duration.between((java.time.LocalDateTime) re.eval(f), (java.time.LocalDateTime) le.eval(f)));
        }
        if (l.type == DATETIME && r.type == TIMESPAN) {
          return Bound.of(DATETIME, f -> ((java.time.LocalDateTime) le.eval(f)).minus((java.time.Duration) re.eval(f)));
        }
        if (l.type == TIMESPAN && r.type == TIMESPAN) {
          return Bound.of(TIMESPAN, f -> ((java.time.Duration) le.eval(f)).minus((java.time.Duration) re.eval(f)));
        }
        break;
      case "==":
      case "!=":
        {
          boolean eq = op.equals("==");
          if (!(assignable(l.type, r.type) || assignable(r.type, l.type) || numeric != null
              || l.type == OBJECT || r.type == OBJECT)) {
            throw SyntaxError.type(pos, "operator '" + op + "' cannot be applied to " + l.type + " and " + r.type);
          }
          boolean reference = isJsonContainer(l.type) && isJsonContainer(r.type);
          return Bound.of(BOOL, f -> {
            Object a = le.eval(f);
            Object c = re.eval(f);
            boolean same = reference ? a == c : Values.valueEquals(a, c);
            return eq == same;
          });
        }
      case "<":
      case ">":
      case "<=":
      case ">=":
        if (numeric != null || l.type == r.type && (l.type == DATETIME || l.type == TIMESPAN)) {
          return Bound.of(BOOL, f -> {
            Object a = le.eval(f);
            Object c = re.eval(f);
            if (a == null || c == null) {
              return false;
            }
            int cmp = Values.compare(a, c);
            return switch (op) {
              case "<" -> cmp < 0;
              case ">" -> cmp > 0;
              case "<=" -> cmp <= 0;
              default -> cmp >= 0;
            };
          });
        }
        break;
      case "&":
      case "|":
      case "^":
        if (l.type == BOOL && r.type == BOOL) {
          return Bound.of(BOOL, f -> {
            boolean a = (Boolean) le.eval(f);
            boolean c = (Boolean) re.eval(f);
            return op.equals("&") ? a & c : op.equals("|") ? a | c : a ^ c;
          });
        }
        if (l.type == r.type && l.type.defaultValue instanceof CsEnum) {
          Type t = l.type;
          return Bound.of(t, f -> {
            CsEnum a = (CsEnum) le.eval(f);
            CsEnum c = (CsEnum) re.eval(f);
            int v = op.equals("&") ? a.value() & c.value() : op.equals("|") ? a.value() | c.value() : a.value() ^ c.value();
            return new CsEnum(a.type(), a.name() + ", " + c.name(), v);
          });
        }
        if (numeric == INT || numeric == LONG) {
          return arithmetic(op, numeric, le, re);
        }
        break;
      case "<<":
      case ">>":
        if (numeric == INT || numeric == LONG) {
          return arithmetic(op, l.type == LONG ? LONG : INT, le, re);
        }
        break;
      default:
        break;
    }
    if (numeric != null && "+-*/%".contains(op)) {
      return arithmetic(op, numeric, le, re);
    }
    throw SyntaxError.type(pos, "operator '" + op + "' cannot be applied to " + l.type + " and " + r.type);
  }

  private static boolean isJsonContainer(Type t) {
    return t == JOBJECT || t == JARRAY || t == JPROPERTY;
  }

  private static Bound arithmetic(String op, Type t, Eval le, Eval re) {
    if (t == DOUBLE) {
      return Bound.of(DOUBLE, f -> {
        double a = Values.toDouble(nonNull(le.eval(f)));
        double b = Values.toDouble(nonNull(re.eval(f)));
        return switch (op) {
          case "+" -> a + b;
          case "-" -> a - b;
          case "*" -> a * b;
          case "/" -> a / b;
          default -> a % b;
        };
      });
    }
    if (t == LONG) {
      return Bound.of(LONG, f -> {
        long a = Values.toLong(nonNull(le.eval(f)));
        long b = Values.toLong(nonNull(re.eval(f)));
        return switch (op) {
          case "+" -> a + b;
          case "-" -> a - b;
          case "*" -> a * b;
          case "/" -> divide(a, b);
          case "%" -> remainder(a, b);
          case "&" -> a & b;
          case "|" -> a | b;
          case "^" -> a ^ b;
          case "<<" -> a << b;
          default -> a >> b;
        };
      });
    }
    return Bound.of(INT, f -> {
      int a = Values.toInt(nonNull(le.eval(f)));
      int b = Values.toInt(nonNull(re.eval(f)));
      return switch (op) {
        case "+" -> a + b;
        case "-" -> a - b;
        case "*" -> a * b;
        case "/" -> (int) divide(a, b);
        case "%" -> (int) remainder(a, b);
        case "&" -> a & b;
        case "|" -> a | b;
        case "^" -> a ^ b;
        case "<<" -> a << b;
        default -> a >> b;
      };
    });
  }

  private static Object nonNull(Object o) {
    if (o == null) {
      throw new ScriptException("InvalidOperationException", "Nullable object must have a value.");
    }
    return o;
  }

  private static long divide(long a, long b) {
    if (b == 0) {
      throw new ScriptException("DivideByZeroException", "Attempted to divide by zero.");
    }
    return a / b;
  }

  private static long remainder(long a, long b) {
    if (b == 0) {
      throw new ScriptException("DivideByZeroException", "Attempted to divide by zero.");
    }
    return a % b;
  }

  private Bound unary(Unary u) {
    Bound operand = value(u.operand());
    Eval e = operand.eval;
    switch (u.op()) {
      case "!":
        requireBool(operand, u.operand().pos(), "!");
        return Bound.of(BOOL, f -> !(Boolean) e.eval(f));
      case "-":
        if (operand.type == INT || operand.type == CHAR) {
          if (operand.isConstant) {
            return Bound.constant(INT, -Values.toInt(operand.constant));
          }
          return Bound.of(INT, f -> -Values.toInt(nonNull(e.eval(f))));
        }
        if (operand.type == LONG) {
          return Bound.of(LONG, f -> -Values.toLong(nonNull(e.eval(f))));
        }
        if (operand.type == DOUBLE) {
          return Bound.of(DOUBLE, f -> -Values.toDouble(nonNull(e.eval(f))));
        }
        if (operand.type == TIMESPAN) {
          return Bound.of(TIMESPAN, f -> ((java.time.Duration) e.eval(f)).negated());
        }
        break;
      case "+":
        if (operand.type.isNumeric()) {
          return operand;
        }
        break;
      case "~":
        if (operand.type == INT) {
          return Bound.of(INT, f -> ~Values.toInt(nonNull(e.eval(f))));
        }
        break;
      default:
        break;
    }
    throw SyntaxError.type(u.pos(), "operator '" + u.op() + "' cannot be applied to " + operand.type);
  }

  private Bound conditional(Conditional c) {
    Eval condition = condition(c.condition());
    Bound a = value(c.whenTrue());
    Bound b = value(c.whenFalse());
    Type t;
    if (a.type == b.type) {
      t = a.type;
    } else if (assignable(b.type, a.type) && a.type != NULL) {
      t = a.type;
    } else if (assignable(a.type, b.type)) {
      t = b.type;
    } else {
      throw SyntaxError.type(c.pos(), "the branches of '?:' have unrelated types " + a.type + " and " + b.type);
    }
    Eval ae = coerce(a, t, c.whenTrue().pos()).eval;
    Eval be = coerce(b, t, c.whenFalse().pos()).eval;
    return Bound.of(t, f -> (Boolean) condition.eval(f) ? ae.eval(f) : be.eval(f));
  }

  private Bound interpolated(Interpolated i) {
    List<Object> parts = new ArrayList<>();
    for (Object part : i.parts()) {
      if (part instanceof String s) {
        parts.add(s);
      } else {
        Hole h = (Hole) part;
        Bound b = value(h.value());
        if (b.type == VOID) {
          throw SyntaxError.type(h.value().pos(), "the expression does not produce a value");
        }
        Eval e = b.eval;
        String format = h.format();
        parts.add((Eval) f -> format == null ? Values.toText(e.eval(f)) : Values.format(e.eval(f), format));
      }
    }
    Object[] array = parts.toArray();
    return Bound.of(STRING, f -> {
      StringBuilder out = new StringBuilder();
      for (Object p : array) {
        out.append(p instanceof String s ? s : (String) ((Eval) p).eval(f));
        f.length(out.length());
      }
      return out.toString();
    });
  }

  // ---- assignment

  private Bound assign(Assign a) {
    String op = a.op();
    if (a.target() instanceof Name n) {
      Local local = scope.find(n.name());
      if (local == null) {
        if (n.name().equals("context")) {
          throw SyntaxError.type(n.pos(), "the request context is read-only");
        }
        throw SyntaxError.type(n.pos(), "the name '" + n.name() + "' does not exist in the current context");
      }
      Bound value = assignedValue(op, bind(n), a);
      Bound coerced = coerce(value, local.type, a.value().pos());
      rememberPath(local, coerced.path);
      Eval v = coerced.eval;
      int slot = local.slot;
      return Bound.of(local.type, f -> {
        Object x = v.eval(f);
        f.locals[slot] = x;
        return x;
      });
    }
    if (a.target() instanceof Index ix) {
      Bound target = value(ix.target());
      List<Bound> keys = new ArrayList<>();
      for (Expr k : ix.args()) {
        keys.add(value(k));
      }
      Map.Entry<Type, Member> found = indexer(target.type, keys, ix.pos());
      Member member = found.getValue();
      if (member.setter == null) {
        throw SyntaxError.type(a.pos(), "the indexer of " + target.type + " is read-only");
      }
      Type elementType = member.result.of(found.getKey(), List.of(), List.of());
      Bound current = op.equals("=") ? null : index(ix);
      Bound value = op.equals("=") ? value(a.value()) : operator(op.substring(0, op.length() - 1), current, value(a.value()), a.pos());
      Eval v = coerce(value, elementType, a.value().pos()).eval;
      Eval t = target.eval;
      Eval[] keyEvals = new Eval[keys.size()];
      for (int i = 0; i < keys.size(); i++) {
        keyEvals[i] = coerce(keys.get(i), member.params.get(i).type() == null ? elementOf(found.getKey()) : member.params.get(i).type(), ix.args().get(i).pos()).eval;
      }
      Type.Setter setter = member.setter;
      return Bound.of(elementType, f -> {
        Object o = t.eval(f);
        if (o == null) {
          throw new ScriptException("NullReferenceException", "Object reference not set to an instance of an object.");
        }
        Object[] k = new Object[keyEvals.length];
        for (int i = 0; i < k.length; i++) {
          k[i] = keyEvals[i].eval(f);
        }
        Object x = v.eval(f);
        f.tick();
        setter.set(f, o, k, x);
        return x;
      });
    }
    if (a.target() instanceof Ast.Member m) {
      Bound target = bind(m.target());
      if (target.path != null || target.typeRef != null) {
        throw SyntaxError.type(a.pos(), "'" + m.name() + "' is read-only");
      }
      throw SyntaxError.unsupported(a.pos(), "assigning to properties is not supported; '" + m.name() + "' is read-only here");
    }
    throw SyntaxError.type(a.target().pos(), "the left-hand side of an assignment must be a variable or an indexer");
  }

  private Bound assignedValue(String op, Bound current, Assign a) {
    Bound right = value(a.value());
    if (op.equals("=")) {
      return right;
    }
    if (op.equals("??=")) {
      Eval c = current.eval;
      Eval r = coerce(right, current.type, a.value().pos()).eval;
      return Bound.of(current.type, f -> {
        Object v = c.eval(f);
        return v != null ? v : r.eval(f);
      });
    }
    return operator(op.substring(0, op.length() - 1), current, right, a.pos());
  }

  private Bound incDec(IncDec i) {
    if (!(i.target() instanceof Name n) || scope.find(n.name()) == null) {
      throw SyntaxError.type(i.target().pos(), "'++' and '--' need a local variable");
    }
    Local local = scope.find(n.name());
    if (local.type != INT && local.type != LONG && local.type != DOUBLE) {
      throw SyntaxError.type(i.pos(), "'++' and '--' need a number, not " + local.type);
    }
    int slot = local.slot;
    int delta = i.increment() ? 1 : -1;
    boolean prefix = i.prefix();
    Type t = local.type;
    return Bound.of(t, f -> {
      Object old = f.locals[slot];
      Object updated = t == INT ? (Object) (Values.toInt(old) + delta) : t == LONG ? (Object) (Values.toLong(old) + delta) : (Object) (Values.toDouble(old) + delta);
      f.locals[slot] = updated;
      return prefix ? updated : old;
    });
  }

  // ---- type tests and conversions

  private Bound is(Is i) {
    Bound v = value(i.value());
    Eval e = v.eval;
    boolean negated = i.negated();
    if (i.type() == null) {
      return Bound.of(BOOL, f -> (e.eval(f) == null) != negated);
    }
    Type t = resolveType(i.type());
    java.util.function.Predicate<Object> test = instanceTest(t);
    if (i.declared() != null) {
      Local declared = declare(i.pos(), i.declared(), t);
      rememberPath(declared, v.path);
      int slot = declared.slot;
      return Bound.of(BOOL, f -> {
        Object x = e.eval(f);
        if (x != null && test.test(x)) {
          f.locals[slot] = x;
          return true;
        }
        return false;
      });
    }
    return Bound.of(BOOL, f -> {
      Object x = e.eval(f);
      return (x != null && test.test(x)) != negated;
    });
  }

  private static java.util.function.Predicate<Object> instanceTest(Type t) {
    if (t.definition == ENUMERABLE) {
      return x -> x instanceof List<?> || x instanceof JArray;
    }
    return t.instanceTest;
  }

  private Bound as(As a) {
    Bound v = value(a.value());
    Type t = resolveType(a.type());
    if (t.valueType) {
      throw SyntaxError.type(a.type().pos(), "'as' needs a reference type; " + t + " is a value type");
    }
    Eval e = v.eval;
    java.util.function.Predicate<Object> test = instanceTest(t);
    return Bound.of(t, f -> {
      Object x = e.eval(f);
      return x != null && test.test(x) ? x : null;
    });
  }

  private Bound cast(Cast c) {
    Type t = resolveType(c.type());
    Bound v = value(c.value());
    if (v.isConstant && v.type == INT && t == DOUBLE) {
      return Bound.constant(DOUBLE, Values.toDouble(v.constant));
    }
    if (assignable(v.type, t)) {
      return coerce(v, t, c.pos());
    }
    if (!castable(v.type, t)) {
      throw SyntaxError.type(c.pos(), "cannot convert type " + v.type + " to " + t);
    }
    Eval e = v.eval;
    if (isJson(v.type) && !isJson(t)) {
      return Bound.of(t, f -> {
        Object x = e.eval(f);
        return x instanceof JToken token ? Members.fromToken(token, t) : Library.convert(x, t, true);
      });
    }
    Eval converted = f -> Library.convert(e.eval(f), t, true);
    // (IResponse)(object)context.Response still names context.Response; a cast of anything else
    // (a variable holding a send-request response) names no context member.
    String path = v.path != null && Library.isContextType(t) ? v.path : null;
    return new Bound(t, converted, path, null, false, null, null, null);
  }

  private static boolean isJson(Type t) {
    return t == JTOKEN || t == JVALUE || t == JOBJECT || t == JARRAY || t == JPROPERTY;
  }

  private static boolean castable(Type from, Type to) {
    if (assignable(from, to) || assignable(to, from) || from == OBJECT || to == OBJECT) {
      return true;
    }
    if (from.isNumeric() && to.isNumeric()) {
      return true;
    }
    if ((from == JTOKEN || from == JVALUE) && (to.valueType || to == STRING || to.definition == ARRAY || to.definition == LIST)) {
      return true;
    }
    if (to == INT && from.defaultValue instanceof CsEnum) {
      return true;
    }
    return from.definition == ENUMERABLE && (to.definition == ARRAY || to.definition == LIST);
  }

  /** Whether a value of static type {@code from} may be used where {@code to} is expected. */
  static boolean assignable(Type from, Type to) {
    if (from == to || to == OBJECT) {
      return true;
    }
    if (from == NULL) {
      return to != VOID;
    }
    if (from == VOID || to == VOID || to == NULL) {
      return false;
    }
    if (from == CHAR && (to == INT || to == LONG || to == DOUBLE)) {
      return true;
    }
    if (from == INT && (to == LONG || to == DOUBLE)) {
      return true;
    }
    if (from == LONG && to == DOUBLE) {
      return true;
    }
    if (to == JTOKEN && (from == STRING || from == INT || from == LONG || from == DOUBLE || from == BOOL
        || from == DATETIME || from == GUID || from == CHAR)) {
      return true;
    }
    if (to.definition == ENUMERABLE && to.arg != null) {
      Type element = from.elementType();
      if (element != null && (element == to.arg || assignable(element, to.arg) && !(element.isNumeric() && to.arg.isNumeric() && element != to.arg))) {
        return true;
      }
    }
    if (to.definition == ARRAY && from.definition == ARRAY && from.arg != null && to.arg != null) {
      return !from.arg.valueType && assignable(from.arg, to.arg);
    }
    for (Type t : from.ancestry()) {
      if (t == to) {
        return true;
      }
    }
    return false;
  }

  /** Inserts the runtime conversion an implicit conversion needs, after checking it is allowed. */
  private Bound coerce(Bound b, Type to, int pos) {
    if (!assignable(b.type, to)) {
      throw SyntaxError.type(pos, "cannot convert " + b.type + " to " + to);
    }
    if (b.type == to || to == OBJECT || b.type == NULL) {
      if (b.type == NULL && to.valueType) {
        throw SyntaxError.type(pos, "cannot convert null to " + to + " because it is a value type");
      }
      return b.type == to ? b : new Bound(to, b.eval, b.path, b.constant, b.isConstant, null, null, null);
    }
    Eval e = b.eval;
    if (to == LONG) {
      return Bound.of(LONG, f -> {
        Object v = e.eval(f);
        return v == null ? null : Values.toLong(v);
      });
    }
    if (to == DOUBLE) {
      return Bound.of(DOUBLE, f -> {
        Object v = e.eval(f);
        return v == null ? null : Values.toDouble(v);
      });
    }
    if (to == INT && b.type == CHAR) {
      return Bound.of(INT, f -> {
        Object v = e.eval(f);
        return v == null ? null : Values.toInt(v);
      });
    }
    if (to == JTOKEN && !isJson(b.type)) {
      return Bound.of(JTOKEN, f -> JToken.from(e.eval(f)));
    }
    return new Bound(to, e, b.path, b.constant, b.isConstant, null, null, null);
  }

  Type resolveType(TypeRef ref) {
    Type base = Library.named(ref.name());
    if (base == null) {
      throw SyntaxError.unsupported(ref.pos(), "the type '" + ref.name() + "' is not available in policy expressions");
    }
    if (base.definition == ENUMERABLE || base.definition == LIST) {
      if (ref.args().size() != 1) {
        throw SyntaxError.type(ref.pos(), "'" + ref.name() + "' needs one type argument");
      }
      base = base.definition.of(resolveType(ref.args().get(0)));
    } else if (!ref.args().isEmpty()) {
      throw SyntaxError.type(ref.pos(), "'" + ref.name() + "' is not generic");
    }
    if (base.instanceTest.test(null) || base == CONVERT || base == MATH || base == REGEX || base == URI
        || base == WEB_UTILITY || base == JSON_CONVERT || base == ENUMERABLE_STATIC) {
      if (base != OBJECT) {
        throw SyntaxError.type(ref.pos(), "'" + ref.name() + "' is a static class, not a type of values");
      }
    }
    Type t = base;
    for (int i = 0; i < ref.arrayRank(); i++) {
      t = ARRAY.of(t);
    }
    return t;
  }

  // ---- creation

  private Bound creation(New n) {
    Type t = resolveType(n.type());
    List<Bound> args = new ArrayList<>();
    for (Arg a : n.args()) {
      if (a.out() || a.name() != null || a.value() instanceof Lambda) {
        throw SyntaxError.unsupported(a.value().pos(), "this constructor argument is not supported");
      }
      args.add(value(a.value()));
    }
    Eval[] argEvals = args.stream().map(Bound::eval).toArray(Eval[]::new);
    Eval construct;
    if (t == JOBJECT) {
      for (int i = 0; i < args.size(); i++) {
        Type at = args.get(i).type;
        if (!(at == JPROPERTY || at == JOBJECT || at == OBJECT || at == JTOKEN || at.elementType() == JPROPERTY)) {
          throw SyntaxError.type(n.args().get(i).value().pos(), "new JObject(...) takes JProperty values, not " + at);
        }
      }
      construct = f -> {
        JObject o = new JObject();
        for (Eval e : argEvals) {
          addToObject(o, e.eval(f));
        }
        return o;
      };
    } else if (t == JARRAY) {
      construct = f -> {
        JArray a = new JArray();
        for (Eval e : argEvals) {
          Object v = e.eval(f);
          if (v instanceof List<?> l && argEvals.length == 1) {
            for (Object item : l) {
              a.add(JToken.from(item));
            }
          } else {
            a.add(JToken.from(v));
          }
          f.size(a.items.size());
        }
        return a;
      };
    } else if (t == JPROPERTY) {
      if (args.size() != 2 || !assignable(args.get(0).type, STRING)) {
        throw SyntaxError.type(n.pos(), "new JProperty(name, value) takes a string name and a value");
      }
      construct = f -> new JProperty(Members.notNull(argEvals[0].eval(f), "name"), JToken.from(argEvals[1].eval(f)));
    } else if (t == JVALUE) {
      if (args.size() != 1) {
        throw SyntaxError.type(n.pos(), "new JValue(value) takes one value");
      }
      construct = f -> new JValue(JToken.from(argEvals[0].eval(f)) instanceof JValue v ? v.value : null);
    } else if (t.definition == LIST) {
      if (args.size() > 1 || args.size() == 1 && args.get(0).type != INT && !assignable(args.get(0).type, ENUMERABLE.of(t.arg))) {
        throw SyntaxError.type(n.pos(), "new " + t + "(...) takes no argument, a capacity or a sequence");
      }
      boolean copy = args.size() == 1 && args.get(0).type != INT;
      construct = f -> copy ? new ArrayList<>(Library.items(argEvals[0].eval(f))) : new ArrayList<>();
    } else if (t == EXCEPTION) {
      if (args.size() > 1 || args.size() == 1 && !assignable(args.get(0).type, STRING)) {
        throw SyntaxError.type(n.pos(), "new Exception(message) takes a string");
      }
      construct = f -> new ScriptException("Exception", args.isEmpty() ? "Exception of type 'System.Exception' was thrown." : Values.toText(argEvals[0].eval(f)));
    } else if (t == GUID && args.isEmpty()) {
      construct = f -> new java.util.UUID(0, 0);
    } else {
      throw SyntaxError.unsupported(n.type().pos(), "creating a " + t + " with 'new' is not supported");
    }
    if (n.init().isEmpty()) {
      return Bound.of(t, construct);
    }
    return Bound.of(t, initializer(t, construct, n.init(), n.pos()));
  }

  private static void addToObject(JObject o, Object v) {
    if (v instanceof JProperty p) {
      o.add(p);
    } else if (v instanceof JObject other) {
      for (JProperty p : other.properties.values()) {
        o.add((JProperty) p.deepClone());
      }
    } else if (v instanceof List<?> l) {
      for (Object item : l) {
        addToObject(o, item);
      }
    } else if (v != null) {
      throw new ScriptException("ArgumentException", "Can not add " + Values.typeName(v) + " to Newtonsoft.Json.Linq.JObject.");
    }
  }

  private Eval initializer(Type t, Eval construct, List<Object> init, int pos) {
    List<java.util.function.BiConsumer<Frame, Object>> steps = new ArrayList<>();
    for (Object item : init) {
      if (item instanceof IndexInit ii) {
        if (t != JOBJECT && t != JARRAY) {
          throw SyntaxError.unsupported(ii.pos(), "index initializers are only supported on JObject");
        }
        Bound key = value(ii.key());
        Bound val = coerce(value(ii.value()), JTOKEN, ii.value().pos());
        Eval ke = key.eval;
        Eval ve = val.eval;
        steps.add((f, o) -> ((JToken) o).set(ke.eval(f), JToken.from(ve.eval(f))));
      } else if (item instanceof List<?> pair) {
        if (t != JOBJECT || pair.size() != 2) {
          throw SyntaxError.unsupported(pos, "collection initializers with {key, value} are only supported on JObject");
        }
        Bound key = coerce(value((Expr) pair.get(0)), STRING, ((Expr) pair.get(0)).pos());
        Bound val = coerce(value((Expr) pair.get(1)), JTOKEN, ((Expr) pair.get(1)).pos());
        Eval ke = key.eval;
        Eval ve = val.eval;
        steps.add((f, o) -> ((JObject) o).add(Members.notNull(ke.eval(f), "propertyName"), JToken.from(ve.eval(f))));
      } else {
        Expr e = (Expr) item;
        Bound b = value(e);
        if (t == JOBJECT) {
          Eval be = coerce(b, JPROPERTY, e.pos()).eval;
          steps.add((f, o) -> addToObject((JObject) o, be.eval(f)));
        } else if (t == JARRAY) {
          Eval be = coerce(b, JTOKEN, e.pos()).eval;
          steps.add((f, o) -> ((JArray) o).add(JToken.from(be.eval(f))));
        } else if (t.definition == LIST) {
          Eval be = coerce(b, t.arg, e.pos()).eval;
          steps.add((f, o) -> Library.list(o).add(be.eval(f)));
        } else {
          throw SyntaxError.unsupported(e.pos(), "collection initializers are not supported on " + t);
        }
      }
    }
    return f -> {
      Object o = construct.eval(f);
      for (java.util.function.BiConsumer<Frame, Object> step : steps) {
        f.tick();
        step.accept(f, o);
      }
      return o;
    };
  }

  private Bound newArray(NewArray n) {
    List<Bound> elements = new ArrayList<>();
    for (Expr e : n.elements()) {
      elements.add(value(e));
    }
    Type element;
    if (n.elementType() != null) {
      element = resolveType(n.elementType());
    } else {
      if (elements.isEmpty()) {
        throw SyntaxError.type(n.pos(), "no best type found for an empty implicitly-typed array");
      }
      element = null;
      for (Bound b : elements) {
        if (b.type == NULL) {
          continue;
        }
        if (element == null || assignable(element, b.type)) {
          element = b.type;
        } else if (!assignable(b.type, element)) {
          throw SyntaxError.type(n.pos(), "no best type found for the implicitly-typed array: " + element + " and " + b.type);
        }
      }
      if (element == null) {
        throw SyntaxError.type(n.pos(), "no best type found for an array of nulls");
      }
    }
    Eval[] evals = new Eval[elements.size()];
    for (int i = 0; i < evals.length; i++) {
      evals[i] = coerce(elements.get(i), element, n.elements().get(i).pos()).eval;
    }
    Type arrayType = ARRAY.of(element);
    if (n.size() != null) {
      Bound size = coerce(value(n.size()), INT, n.size().pos());
      Eval se = size.eval;
      Object dv = element.defaultValue;
      return Bound.of(arrayType, f -> {
        int count = Values.toInt(se.eval(f));
        if (count < 0) {
          throw new ScriptException("OverflowException", "Arithmetic operation resulted in an overflow.");
        }
        f.size(count);
        Object[] a = new Object[count];
        Arrays.fill(a, dv);
        for (int i = 0; i < evals.length && i < count; i++) {
          a[i] = evals[i].eval(f);
        }
        return Arrays.asList(a);
      });
    }
    return Bound.of(arrayType, f -> {
      Object[] a = new Object[evals.length];
      for (int i = 0; i < a.length; i++) {
        a[i] = evals[i].eval(f);
      }
      return Arrays.asList(a);
    });
  }

  private Bound anonymous(NewAnonymous n) {
    Map<String, Type> shape = new LinkedHashMap<>();
    List<Eval> evals = new ArrayList<>();
    for (int i = 0; i < n.names().size(); i++) {
      Bound b = value(n.values().get(i));
      if (b.type == VOID || b.type == NULL) {
        throw SyntaxError.type(n.values().get(i).pos(), "cannot assign " + b.type + " to an anonymous type member");
      }
      if (shape.put(n.names().get(i), b.type) != null) {
        throw SyntaxError.type(n.values().get(i).pos(), "duplicate anonymous type member '" + n.names().get(i) + "'");
      }
      evals.add(b.eval);
    }
    Type t = Type.simple("<anonymous>", v -> v instanceof AnonymousObject, x -> List.of(OBJECT));
    anonymousShapes.put(t, shape);
    List<String> names = List.copyOf(n.names());
    return Bound.of(t, f -> {
      Map<String, Object> members = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        members.put(names.get(i), evals.get(i).eval(f));
      }
      return new AnonymousObject(members);
    });
  }
}
