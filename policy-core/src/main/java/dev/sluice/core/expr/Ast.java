package dev.sluice.core.expr;

import java.util.List;

/** The syntax tree of an expression or block; every node keeps the offset of its key token. */
final class Ast {
  private Ast() {}

  /** A type as written: {@code string}, {@code JObject}, {@code List<string>}, {@code string[]}. */
  record TypeRef(int pos, String name, List<TypeRef> args, int arrayRank) {
    TypeRef {
      args = List.copyOf(args);
    }

    TypeRef elementOrSelf() {
      return arrayRank > 0 ? new TypeRef(pos, name, args, arrayRank - 1) : this;
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(name);
      if (!args.isEmpty()) {
        s.append('<');
        for (int i = 0; i < args.size(); i++) {
          s.append(i > 0 ? ", " : "").append(args.get(i));
        }
        s.append('>');
      }
      s.append("[]".repeat(arrayRank));
      return s.toString();
    }
  }

  sealed interface Expr
      permits Literal,
          Interpolated,
          Name,
          Member,
          Call,
          Index,
          Unary,
          IncDec,
          Binary,
          Conditional,
          Is,
          As,
          Cast,
          Lambda,
          New,
          NewArray,
          NewAnonymous,
          Assign,
          OutVar {
    int pos();
  }

  record Literal(int pos, Object value) implements Expr {}

  /** Parts are {@link String} literal text or {@link Hole}. */
  record Interpolated(int pos, List<Object> parts) implements Expr {}

  record Hole(Expr value, String format) {}

  record Name(int pos, String name) implements Expr {}

  record Member(int pos, Expr target, String name, List<TypeRef> typeArgs, boolean nullConditional)
      implements Expr {}

  /** An argument; {@code name} for named arguments, {@code out} for {@code out x}. */
  record Arg(String name, Expr value, boolean out) {}

  record Call(int pos, Expr callee, List<Arg> args) implements Expr {}

  record Index(int pos, Expr target, List<Expr> args, boolean nullConditional) implements Expr {}

  record Unary(int pos, String op, Expr operand) implements Expr {}

  record IncDec(int pos, Expr target, boolean increment, boolean prefix) implements Expr {}

  record Binary(int pos, String op, Expr left, Expr right) implements Expr {}

  record Conditional(int pos, Expr condition, Expr whenTrue, Expr whenFalse) implements Expr {}

  /** {@code x is T}, {@code x is T name}, {@code x is null}, {@code x is not null}. */
  record Is(int pos, Expr value, TypeRef type, String declared, boolean negated) implements Expr {}

  record As(int pos, Expr value, TypeRef type) implements Expr {}

  record Cast(int pos, TypeRef type, Expr value) implements Expr {}

  record Lambda(int pos, List<String> parameters, Expr body) implements Expr {}

  /**
   * {@code new T(args) { init }}; {@code init} holds collection elements ({@link Expr}, or a {@code
   * List<Expr>} for {@code {k, v}}) or {@link IndexInit} entries.
   */
  record New(int pos, TypeRef type, List<Arg> args, List<Object> init) implements Expr {}

  record IndexInit(int pos, Expr key, Expr value) {}

  /** {@code new T[] {..}}, {@code new[] {..}} (type null) or {@code new T[n]}. */
  record NewArray(int pos, TypeRef elementType, List<Expr> elements, Expr size) implements Expr {}

  record NewAnonymous(int pos, List<String> names, List<Expr> values) implements Expr {}

  record Assign(int pos, String op, Expr target, Expr value) implements Expr {}

  /** {@code out var x} / {@code out T x}: declares a local; type null for {@code var}. */
  record OutVar(int pos, TypeRef type, String name) implements Expr {}

  sealed interface Stmt
      permits Block, LocalDecl, ExprStmt, If, Foreach, While, For, Return, Break, Continue, Try, Throw {
    int pos();
  }

  record Block(int pos, List<Stmt> statements, int end) implements Stmt {}

  record Declarator(int pos, String name, Expr init) {}

  /** {@code var x = ..} (type null) or {@code T x = .., y = ..}. */
  record LocalDecl(int pos, TypeRef type, List<Declarator> declarators) implements Stmt {}

  record ExprStmt(int pos, Expr expr) implements Stmt {}

  record If(int pos, Expr condition, Stmt then, Stmt otherwise) implements Stmt {}

  record Foreach(int pos, TypeRef type, String name, int namePos, Expr collection, Stmt body)
      implements Stmt {}

  record While(int pos, Expr condition, Stmt body) implements Stmt {}

  record For(int pos, List<Stmt> init, Expr condition, List<Expr> update, Stmt body) implements Stmt {}

  record Return(int pos, Expr value) implements Stmt {}

  record Break(int pos) implements Stmt {}

  record Continue(int pos) implements Stmt {}

  record Catch(int pos, TypeRef type, String name, Block body) {}

  record Try(int pos, Block body, List<Catch> catches, Block finallyBlock) implements Stmt {}

  record Throw(int pos, Expr value) implements Stmt {}
}
