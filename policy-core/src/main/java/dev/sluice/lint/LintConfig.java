package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.LoadResult;
import dev.sluice.core.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-rule levels that override each rule's default severity, or turn it off. Immutable.
 *
 * <p>Read from a {@value #FILE_NAME} file:
 *
 * <pre>{@code
 * { "rules": { "SSE001": "error", "SSE006": "off" } }
 * }</pre>
 *
 * Levels are {@code error}, {@code warning}, {@code info} and {@code off}. {@link #disable} adds the
 * command line's {@code --disable ID,...}.
 */
public record LintConfig(Map<String, RuleLevel> levels) {

  /** The configuration file's conventional name, looked up in the linted folder. */
  public static final String FILE_NAME = "sluice-lint.json";

  private static final LintConfig DEFAULTS = new LintConfig(Map.of());

  public LintConfig {
    levels = ImmutableSortedMap.copyOf(levels);
  }

  /** Every rule at its default severity. */
  public static LintConfig defaults() {
    return DEFAULTS;
  }

  /** The configured level of a rule, empty when the rule keeps its default. */
  public Optional<RuleLevel> level(String ruleId) {
    return Optional.ofNullable(levels.get(ruleId));
  }

  public LintConfig with(String ruleId, RuleLevel level) {
    Map<String, RuleLevel> copy = new TreeMap<>(levels);
    copy.put(requireNonNull(ruleId, "ruleId"), requireNonNull(level, "level"));
    return new LintConfig(copy);
  }

  /** This configuration with these rules turned off. */
  public LintConfig disable(Collection<String> ruleIds) {
    Map<String, RuleLevel> copy = new TreeMap<>(levels);
    for (String ruleId : ruleIds) {
      copy.put(ruleId, RuleLevel.OFF);
    }
    return new LintConfig(copy);
  }

  /**
   * Reads a configuration file (UTF-8); positions name the file as {@code file.toString()}. A file
   * that cannot be read is an {@code IO_ERROR}; see {@link #parse} for the rest.
   */
  public static LoadResult<LintConfig> read(Path file, RuleRegistry registry) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return LoadResult.failed(
          List.of(
              Diagnostic.of(
                  DiagnosticCode.IO_ERROR,
                  SourcePosition.of(file.toString(), 1, 1),
                  "cannot read the lint configuration: " + e.getMessage())));
    }
    return parse(file.toString(), text, registry);
  }

  /**
   * Reads a configuration file's text. Syntax errors and invalid levels are errors; keys that name
   * no rule in {@code registry} are warnings (a typo would otherwise silently keep a rule on). The
   * configuration is returned whenever the JSON could be read, without the entries in error.
   */
  public static LoadResult<LintConfig> parse(String fileName, String text, RuleRegistry registry) {
    JsonTree.Value root;
    try {
      root = JsonTree.parse(fileName, text);
    } catch (JsonTree.SyntaxError e) {
      return LoadResult.failed(
          List.of(Diagnostic.of(DiagnosticCode.INVALID_LINT_CONFIG, e.position(), e.getMessage())));
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    Map<String, RuleLevel> levels = new TreeMap<>();
    if (!(root instanceof JsonTree.Obj object)) {
      return LoadResult.failed(
          List.of(invalid(root.position(), "the configuration must be a JSON object")));
    }
    for (JsonTree.Member member : object.members()) {
      switch (member.key()) {
        case "$schema" -> {
          // Editors use it for completion; nothing to check.
        }
        case "rules" -> readRules(member.value(), registry, levels, diagnostics);
        default ->
            diagnostics.add(
                Diagnostic.of(
                    DiagnosticCode.INVALID_LINT_CONFIG,
                    member.keyPosition(),
                    "unknown key \"" + member.key() + "\"; the configuration has only \"rules\""));
      }
    }
    return LoadResult.of(new LintConfig(levels), diagnostics);
  }

  private static void readRules(
      JsonTree.Value value,
      RuleRegistry registry,
      Map<String, RuleLevel> levels,
      List<Diagnostic> diagnostics) {
    if (!(value instanceof JsonTree.Obj rules)) {
      diagnostics.add(
          invalid(value.position(), "\"rules\" must be an object of rule id to level"));
      return;
    }
    for (JsonTree.Member rule : rules.members()) {
      Optional<RuleLevel> level =
          rule.value() instanceof JsonTree.Str str ? RuleLevel.parse(str.text()) : Optional.empty();
      if (level.isEmpty()) {
        diagnostics.add(
            invalid(
                rule.value().position(),
                "level of " + rule.key() + " must be \"error\", \"warning\", \"info\" or \"off\""));
        continue;
      }
      if (registry.find(rule.key()).isEmpty()) {
        diagnostics.add(
            Diagnostic.of(
                DiagnosticCode.UNKNOWN_RULE,
                rule.keyPosition(),
                "no rule " + rule.key() + "; see docs/rules/README.md for the rule ids"));
      }
      levels.put(rule.key(), level.get());
    }
  }

  private static Diagnostic invalid(SourcePosition position, String message) {
    return Diagnostic.of(DiagnosticCode.INVALID_LINT_CONFIG, position, message);
  }
}
