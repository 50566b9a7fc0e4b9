package dev.sluice.core.expr;

import dev.sluice.core.expr.Ast.*;
import dev.sluice.core.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recursive-descent parser for the supported C# subset; throws {@link SyntaxError}. */
final class Parser {
  private static final Set<String> PREDEFINED =
      Set.of("string", "int", "long", "double", "bool", "object", "char", "decimal", "float", "byte",
          "short", "uint", "ulong");
  private static final Set<String> RESERVED =
      Set.of("new", "true", "false", "null", "is", "as", "return", "if", "else", "foreach", "in",
          "try", "catch", "finally", "throw", "out", "ref", "typeof", "this", "base", "break",
          "continue", "for", "while", "do", "switch", "case", "default", "using", "lock", "goto",
          "checked", "unchecked", "nameof", "await", "yield", "sizeof", "stackalloc", "fixed",
          "unsafe", "delegate", "class", "struct", "static", "const");
  private static final Set<String> UNSUPPORTED_STATEMENTS =
      Set.of("do", "switch", "using", "lock", "goto", "yield", "unsafe", "fixed", "checked",
          "unchecked", "class", "struct", "static", "const", "delegate");

  private final String src;
  private final List<Token> tokens;
  private final int maxDepth;
  private int index;
  private int depth;

  private Parser(String src, int start, int end, int maxDepth) {
    this.src = src;
    this.tokens = Lexer.tokenize(src, start, end);
    this.maxDepth = maxDepth;
  }

  static Expr parseExpression(String src, int maxDepth) {
    Parser parser = new Parser(src, 0, src.length(), maxDepth);
    if (parser.peek().kind() == Kind.EOF) {
      throw new SyntaxError(0, "empty expression");
    }
    Expr expr = parser.expression();
    parser.expectEnd();
    return expr;
  }

  static Block parseBlock(String src, int maxDepth) {
    Parser parser = new Parser(src, 0, src.length(), maxDepth);
    List<Stmt> statements = new ArrayList<>();
    while (parser.peek().kind() != Kind.EOF) {
      statements.add(parser.statement());
    }
    return new Block(0, statements, src.length());
  }

  private void expectEnd() {
    if (peek().kind() != Kind.EOF) {
      throw new SyntaxError(peek().start(), "unexpected " + peek() + " after the end of the expression");
    }
  }

  // ---- tokens

  private Token peek() {
    return tokens.get(index);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private Token advance() {
    Token token = tokens.get(index);
    if (token.kind() != Kind.EOF) {
      index++;
    }
    return token;
  }

  private boolean at(String text) {
    return peek().is(text);
  }

  private boolean accept(String text) {
    if (at(text)) {
      advance();
      return true;
    }
    return false;
  }

  private Token expect(String text) {
    if (!at(text)) {
      throw new SyntaxError(peek().start(), "expected '" + text + "' but found " + peek());
    }
    return advance();
  }

  private Token identifier(String what) {
    Token token = peek();
    if (token.kind() != Kind.IDENT || RESERVED.contains(token.text())) {
      throw new SyntaxError(token.start(), "expected " + what + " but found " + token);
    }
    return advance();
  }

  private void enter(int pos) {
    if (++depth > maxDepth) {
      throw new SyntaxError(pos, "expression is nested too deeply (more than " + maxDepth + " levels)");
    }
  }

  // ---- statements

  private Stmt statement() {
    Token token = peek();
    enter(token.start());
    try {
      return statementInner(token);
    } finally {
      depth--;
    }
  }

  private Stmt statementInner(Token token) {
    int pos = token.start();
    if (token.is("{")) {
      return block();
    }
    if (token.is(";")) {
      advance();
      return new Block(pos, List.of(), pos);
    }
    if (token.kind() == Kind.IDENT) {
      switch (token.text()) {
        case "if":
          {
            advance();
            expect("(");
            Expr condition = expression();
            expect(")");
            Stmt then = embedded();
            Stmt otherwise = accept("else") ? embedded() : null;
            return new If(pos, condition, then, otherwise);
          }
        case "foreach":
          {
            advance();
            expect("(");
            TypeRef type = at("var") ? varType() : type();
            Token name = identifier("a loop variable name");
            expect("in");
            Expr collection = expression();
            expect(")");
            return new Foreach(pos, type, name.text(), name.start(), collection, embedded());
          }
        case "while":
          {
            advance();
            expect("(");
            Expr condition = expression();
            expect(")");
            return new While(pos, condition, embedded());
          }
        case "for":
          {
            advance();
            expect("(");
            List<Stmt> init = new ArrayList<>();
            if (!at(";")) {
              Stmt first = declarationOrExpression();
              init.add(first);
              while (first instanceof ExprStmt && accept(",")) {
                init.add(new ExprStmt(peek().start(), expression()));
              }
            }
            expect(";");
            Expr condition = at(";") ? null : expression();
            expect(";");
            List<Expr> update = new ArrayList<>();
            if (!at(")")) {
              do {
                update.add(expression());
              } while (accept(","));
            }
            expect(")");
            return new For(pos, init, condition, update, embedded());
          }
        case "return":
          {
            advance();
            Expr value = at(";") ? null : expression();
            expect(";");
            return new Return(pos, value);
          }
        case "break":
          advance();
          expect(";");
          return new Break(pos);
        case "continue":
          advance();
          expect(";");
          return new Continue(pos);
        case "throw":
          {
            advance();
            Expr value = at(";") ? null : expression();
            expect(";");
            return new Throw(pos, value);
          }
        case "try":
          return tryStatement();
        case "else":
          throw new SyntaxError(pos, "'else' without a matching 'if'");
        default:
          if (UNSUPPORTED_STATEMENTS.contains(token.text())) {
            throw new SyntaxError(pos, "the '" + token.text() + "' statement is not supported", true);
          }
      }
    }
    Stmt stmt = declarationOrExpression();
    expect(";");
    return stmt;
  }

  /** A statement that is the body of if/else/loops: a declaration there is not allowed. */
  private Stmt embedded() {
    Stmt stmt = statement();
    if (stmt instanceof LocalDecl) {
      throw new SyntaxError(stmt.pos(), "a declaration is not allowed here; wrap it in braces");
    }
    return stmt;
  }

  private Block block() {
    int pos = expect("{").start();
    List<Stmt> statements = new ArrayList<>();
    while (!at("}")) {
      if (peek().kind() == Kind.EOF) {
        throw new SyntaxError(pos, "'{' is never closed");
      }
      statements.add(statement());
    }
    int end = advance().start();
    return new Block(pos, statements, end);
  }

  private Stmt tryStatement() {
    int pos = advance().start();
    Block body = block();
    List<Catch> catches = new ArrayList<>();
    while (at("catch")) {
      int catchPos = advance().start();
      TypeRef type = null;
      String name = null;
      if (accept("(")) {
        type = type();
        if (!at(")")) {
          name = identifier("an exception variable name").text();
        }
        expect(")");
      }
      if (at("when")) {
        throw new SyntaxError(peek().start(), "exception filters ('when') are not supported", true);
      }
      catches.add(new Catch(catchPos, type, name, block()));
    }
    Block finallyBlock = accept("finally") ? block() : null;
    if (catches.isEmpty() && finallyBlock == null) {
      throw new SyntaxError(peek().start(), "expected 'catch' or 'finally' after the try block");
    }
    return new Try(pos, body, catches, finallyBlock);
  }

  private Stmt declarationOrExpression() {
    int pos = peek().start();
    if (at("var") && peek(1).kind() == Kind.IDENT && !RESERVED.contains(peek(1).text())) {
      return declaration(varType());
    }
    if (peek().kind() == Kind.IDENT && !RESERVED.contains(peek().text())) {
      int save = index;
      TypeRef type = tryType();
      if (type != null
          && peek().kind() == Kind.IDENT
          && !RESERVED.contains(peek().text())
          && (peek(1).is("=") || peek(1).is(";") || peek(1).is(","))) {
        return declaration(type);
      }
      index = save;
    }
    return new ExprStmt(pos, expression());
  }

  private TypeRef varType() {
    advance();
    return null;
  }

  private LocalDecl declaration(TypeRef type) {
    int pos = peek().start();
    List<Declarator> declarators = new ArrayList<>();
    do {
      Token name = identifier("a variable name");
      Expr init = accept("=") ? expression() : null;
      if (type == null && init == null) {
        throw new SyntaxError(name.start(), "an implicitly typed variable ('var') must be initialized");
      }
      declarators.add(new Declarator(name.start(), name.text(), init));
    } while (type != null && accept(","));
    return new LocalDecl(pos, type, declarators);
  }

  // ---- types

  private TypeRef type() {
    int pos = peek().start();
    TypeRef type = tryType();
    if (type == null) {
      throw new SyntaxError(pos, "expected a type but found " + tokens.get(index));
    }
    return type;
  }

  /** Parses a type at the cursor, or restores the cursor and returns null. */
  private TypeRef tryType() {
    int save = index;
    Token first = peek();
    if (first.kind() != Kind.IDENT || (RESERVED.contains(first.text()) && !PREDEFINED.contains(first.text()))) {
      return null;
    }
    advance();
    StringBuilder name = new StringBuilder(first.text());
    while (at(".") && peek(1).kind() == Kind.IDENT) {
      advance();
      name.append('.').append(advance().text());
    }
    List<TypeRef> args = List.of();
    if (at("<")) {
      int before = index;
      args = typeArguments();
      if (args == null) {
        index = before;
        args = List.of();
      }
    }
    if (accept("?")) {
      // Nullable value types behave as the type itself here: every value may be null.
      if (!(at(")") || at(">") || at(",") || at("[") || peek().kind() == Kind.IDENT)) {
        index = save;
        return null;
      }
    }
    int rank = 0;
    while (at("[") && peek(1).is("]")) {
      advance();
      advance();
      rank++;
    }
    return new TypeRef(first.start(), name.toString(), args, rank);
  }

  /** {@code <T, U>} at the cursor, or null (cursor unspecified) if it is not a type list. */
  private List<TypeRef> typeArguments() {
    if (!accept("<")) {
      return null;
    }
    List<TypeRef> args = new ArrayList<>();
    do {
      TypeRef arg = tryType();
      if (arg == null) {
        return null;
      }
      args.add(arg);
    } while (accept(","));
    if (!accept(">")) {
      return null;
    }
    return args;
  }

  // ---- expressions

  Expr expression() {
    Token token = peek();
    enter(token.start());
    try {
      if (isLambdaAhead()) {
        return lambda();
      }
      Expr left = conditional();
      Token op = peek();
      if (op.kind() == Kind.PUNCT
          && (op.text().equals("=") || op.text().endsWith("=") && op.text().length() >= 2
              && !op.text().equals("==") && !op.text().equals("!=") && !op.text().equals("<=")
              && !op.text().equals(">="))) {
        advance();
        Expr right = expression();
        return new Assign(op.start(), op.text(), left, right);
      }
      return left;
    } finally {
      depth--;
    }
  }

  private boolean isLambdaAhead() {
    if (peek().kind() == Kind.IDENT && peek(1).is("=>")) {
      return true;
    }
    if (!at("(")) {
      return false;
    }
    int i = 1;
    if (peek(i).is(")")) {
      return peek(i + 1).is("=>");
    }
    while (true) {
      if (peek(i).kind() != Kind.IDENT) {
        return false;
      }
      i++;
      if (peek(i).kind() == Kind.IDENT) {
        i++; // typed parameter: (string s) => ...
      }
      if (peek(i).is(")")) {
        return peek(i + 1).is("=>");
      }
      if (!peek(i).is(",")) {
        return false;
      }
      i++;
    }
  }

  private Expr lambda() {
    int pos = peek().start();
    List<String> parameters = new ArrayList<>();
    if (accept("(")) {
      while (!at(")")) {
        Token name = identifier("a parameter name");
        if (peek().kind() == Kind.IDENT) {
          name = identifier("a parameter name");
        }
        parameters.add(name.text());
        if (!at(")")) {
          expect(",");
        }
      }
      advance();
    } else {
      parameters.add(identifier("a parameter name").text());
    }
    int arrow = expect("=>").start();
    if (at("{")) {
      throw new SyntaxError(peek().start(), "lambdas with a block body are not supported", true);
    }
    return new Lambda(arrow, parameters, expression());
  }

  private Expr conditional() {
    Expr condition = coalesce();
    if (at("?")) {
      int pos = advance().start();
      Expr whenTrue = expression();
      expect(":");
      Expr whenFalse = expression();
      return new Conditional(pos, condition, whenTrue, whenFalse);
    }
    return condition;
  }

  private Expr coalesce() {
    Expr left = binary(0);
    if (at("??")) {
      int pos = advance().start();
      Expr right = coalesce();
      return new Binary(pos, "??", left, right);
    }
    return left;
  }

  private static final String[][] LEVELS = {
    {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">=", "is", "as"}, {"<<", ">>"},
    {"+", "-"}, {"*", "/", "%"}
  };

  private Expr binary(int level) {
    if (level == LEVELS.length) {
      return unary();
    }
    Expr left = binary(level + 1);
    while (true) {
      Token op = peek();
      String matched = null;
      for (String candidate : LEVELS[level]) {
        if (op.is(candidate)) {
          matched = candidate;
        }
      }
      if (level == 7 && matched == null) {
        // '<<' and '>>' are lexed as two tokens so that generic closers stay simple.
        if ((op.is("<") && peek(1).is("<") || op.is(">") && peek(1).is(">"))
            && peek(1).start() == op.end()) {
          advance();
          matched = op.text() + op.text();
        }
      }
      if (matched == null) {
        return left;
      }
      advance();
      enter(op.start());
      try {
        if (matched.equals("is")) {
          left = isPattern(op.start(), left);
        } else if (matched.equals("as")) {
          left = new As(op.start(), left, type());
        } else {
          left = new Binary(op.start(), matched, left, binary(level + 1));
        }
      } finally {
        depth--;
      }
    }
  }

  private Expr isPattern(int pos, Expr value) {
    boolean negated = accept("not");
    if (at("null")) {
      advance();
      return new Is(pos, value, null, null, negated);
    }
    TypeRef type = type();
    String declared = null;
    if (!negated && peek().kind() == Kind.IDENT && !RESERVED.contains(peek().text())) {
      declared = advance().text();
    }
    return new Is(pos, value, type, declared, negated);
  }

  private Expr unary() {
    Token token = peek();
    enter(token.start());
    try {
      if (token.is("!") || token.is("-") || token.is("+") || token.is("~")) {
        advance();
        return new Unary(token.start(), token.text(), unary());
      }
      if (token.is("++") || token.is("--")) {
        advance();
        return new IncDec(token.start(), unary(), token.is("++"), true);
      }
      if (token.is("(")) {
        Expr cast = tryCast();
        if (cast != null) {
          return cast;
        }
      }
      return postfix(primary());
    } finally {
      depth--;
    }
  }

  private Expr tryCast() {
    int save = index;
    int pos = advance().start();
    TypeRef type = tryType();
    if (type != null && at(")")) {
      advance();
      Token next = peek();
      boolean predefined =
          PREDEFINED.contains(type.name()) || type.arrayRank() > 0 || !type.args().isEmpty();
      boolean castLike =
          next.kind() == Kind.IDENT && !next.is("is") && !next.is("as") && !next.is("in")
              || next.kind() == Kind.STRING || next.kind() == Kind.INT || next.kind() == Kind.LONG
              || next.kind() == Kind.DOUBLE || next.kind() == Kind.CHAR
              || next.kind() == Kind.INTERPOLATED || next.is("(") || next.is("!") || next.is("~");
      if (castLike || predefined && (next.is("-") || next.is("+") || next.is("++") || next.is("--"))) {
        return new Cast(pos, type, unary());
      }
    }
    index = save;
    return null;
  }

  private Expr postfix(Expr expr) {
    while (true) {
      Token token = peek();
      if (token.is(".") || token.is("?.")) {
        advance();
        Token name = identifier("a member name");
        List<TypeRef> typeArgs = List.of();
        if (at("<")) {
          int save = index;
          List<TypeRef> parsed = typeArguments();
          if (parsed != null && at("(")) {
            typeArgs = parsed;
          } else {
            index = save;
          }
        }
        expr = new Member(name.start(), expr, name.text(), typeArgs, token.is("?."));
      } else if (token.is("(")) {
        if (!(expr instanceof Member || expr instanceof Name)) {
          throw new SyntaxError(token.start(), "only methods can be called", true);
        }
        expr = new Call(token.start(), expr, arguments(")"));
      } else if (token.is("[") || token.is("?[")) {
        advance();
        List<Expr> args = new ArrayList<>();
        do {
          args.add(expression());
        } while (accept(","));
        expect("]");
        expr = new Index(token.start(), expr, args, token.is("?["));
      } else if (token.is("++") || token.is("--")) {
        advance();
        expr = new IncDec(token.start(), expr, token.is("++"), false);
      } else if (token.is("!") && (peek(1).is(".") || peek(1).is(")") || peek(1).is(";"))) {
        advance(); // null-forgiving operator: no effect at run time
      } else {
        return expr;
      }
    }
  }

  private List<Arg> arguments(String close) {
    advance();
    List<Arg> args = new ArrayList<>();
    while (!at(close)) {
      if (peek().kind() == Kind.EOF) {
        throw new SyntaxError(peek().start(), "expected '" + close + "' but found " + peek());
      }
      String name = null;
      if (peek().kind() == Kind.IDENT && peek(1).is(":") && !RESERVED.contains(peek().text())) {
        name = advance().text();
        advance();
      }
      if (at("ref") || at("in") && peek(1).kind() == Kind.IDENT) {
        throw new SyntaxError(peek().start(), "'" + peek().text() + "' arguments are not supported", true);
      }
      if (accept("out")) {
        int pos = peek().start();
        if (at("var")) {
          advance();
          args.add(new Arg(name, new OutVar(pos, null, identifier("a variable name").text()), true));
        } else {
          int save = index;
          TypeRef type = tryType();
          if (type != null && peek().kind() == Kind.IDENT && !RESERVED.contains(peek().text())) {
            args.add(new Arg(name, new OutVar(pos, type, advance().text()), true));
          } else {
            index = save;
            args.add(new Arg(name, new Name(pos, identifier("a variable name").text()), true));
          }
        }
      } else {
        args.add(new Arg(name, expression(), false));
      }
      if (!at(close)) {
        expect(",");
      }
    }
    advance();
    return args;
  }

  private Expr primary() {
    Token token = peek();
    int pos = token.start();
    switch (token.kind()) {
      case INT:
      case LONG:
      case DOUBLE:
      case STRING:
      case CHAR:
        advance();
        return new Literal(pos, token.value());
      case INTERPOLATED:
        advance();
        return interpolated(token);
      case IDENT:
        switch (token.text()) {
          case "true":
            advance();
            return new Literal(pos, Boolean.TRUE);
          case "false":
            advance();
            return new Literal(pos, Boolean.FALSE);
          case "null":
            advance();
            return new Literal(pos, null);
          case "new":
            return creation();
          case "typeof":
          case "nameof":
          case "default":
          case "checked":
          case "unchecked":
          case "sizeof":
          case "await":
          case "this":
          case "base":
          case "delegate":
          case "stackalloc":
            throw new SyntaxError(pos, "'" + token.text() + "' is not supported in policy expressions", true);
          default:
            if (RESERVED.contains(token.text())) {
              throw new SyntaxError(pos, "unexpected keyword '" + token.text() + "'");
            }
            advance();
            if (at("<")) {
              int save = index;
              List<TypeRef> typeArgs = typeArguments();
              if (typeArgs != null && at("(")) {
                // A generic call on a bare name: only static helpers take this form.
                return new Member(pos, new Name(pos, ""), token.text(), typeArgs, false);
              }
              index = save;
            }
            return new Name(pos, token.text());
        }
      case PUNCT:
        if (token.is("(")) {
          advance();
          Expr inner = expression();
          expect(")");
          return inner;
        }
        throw new SyntaxError(pos, "unexpected " + token);
      default:
        throw new SyntaxError(pos, "unexpected " + token);
    }
  }

  private Expr interpolated(Token token) {
    List<Object> parts = new ArrayList<>();
    for (Token.Part part : token.parts()) {
      if (!part.isHole()) {
        parts.add(part.literal());
        continue;
      }
      Parser inner = new Parser(src, part.start(), part.end(), maxDepth - depth);
      Expr value = inner.expression();
      inner.expectEnd();
      parts.add(new Hole(value, part.format()));
    }
    return new Interpolated(token.start(), parts);
  }

  private Expr creation() {
    int pos = advance().start();
    if (at("[")) {
      advance();
      expect("]");
      return new NewArray(pos, null, elements(), null);
    }
    if (at("{")) {
      advance();
      List<String> names = new ArrayList<>();
      List<Expr> values = new ArrayList<>();
      while (!at("}")) {
        Token name = peek();
        Expr value;
        if (name.kind() == Kind.IDENT && peek(1).is("=")) {
          identifier("a member name");
          advance();
          value = expression();
          names.add(name.text());
        } else {
          value = expression();
          if (value instanceof Member member) {
            names.add(member.name());
          } else if (value instanceof Name n) {
            names.add(n.name());
          } else {
            throw new SyntaxError(name.start(), "an anonymous type member needs a name: write 'name = value'");
          }
        }
        values.add(value);
        if (!at("}")) {
          expect(",");
        }
      }
      advance();
      return new NewAnonymous(pos, names, values);
    }
    TypeRef type = type();
    if (type.arrayRank() > 0) {
      return new NewArray(pos, type.elementOrSelf(), elements(), null);
    }
    if (at("[")) {
      advance();
      Expr size = expression();
      expect("]");
      if (at("{")) {
        return new NewArray(pos, type, elements(), size);
      }
      return new NewArray(pos, type, List.of(), size);
    }
    List<Arg> args = at("(") ? arguments(")") : List.of();
    List<Object> init = null;
    if (at("{")) {
      init = initializer();
    } else if (args.isEmpty() && !tokens.get(index - 1).is(")")) {
      throw new SyntaxError(peek().start(), "expected '(' or '{' after 'new " + type + "'");
    }
    return new New(pos, type, args, init == null ? List.of() : init);
  }

  private List<Expr> elements() {
    expect("{");
    List<Expr> elements = new ArrayList<>();
    while (!at("}")) {
      elements.add(expression());
      if (!at("}")) {
        expect(",");
      }
    }
    advance();
    return elements;
  }

  private List<Object> initializer() {
    expect("{");
    List<Object> init = new ArrayList<>();
    while (!at("}")) {
      if (at("[")) {
        int pos = advance().start();
        Expr key = expression();
        expect("]");
        expect("=");
        init.add(new IndexInit(pos, key, expression()));
      } else if (at("{")) {
        init.add(elements());
      } else if (peek().kind() == Kind.IDENT && peek(1).is("=")) {
        throw new SyntaxError(peek().start(), "object initializers with property names are not supported", true);
      } else {
        init.add(expression());
      }
      if (!at("}")) {
        expect(",");
      }
    }
    advance();
    return init;
  }
}
