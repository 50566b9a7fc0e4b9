package dev.sluice.lint.format;

import dev.sluice.lint.LintReport;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report formats, each a pure function of a {@link LintReport} to text: same report, same
 * bytes. Thread-safe. Output is complete in memory; reports are small (one entry per finding).
 */
public enum ReportFormat {
  /** {@code file:line:col: severity: message [ID]} lines and a summary, for people and editors. */
  TEXT("txt", TextFormatter::format),
  /** Sluice's JSON report, schema in {@code docs/lint-output.md}. */
  JSON("json", JsonFormatter::format),
  /** SARIF 2.1.0, for GitHub code scanning, Azure DevOps and IDE viewers. */
  SARIF("sarif", SarifFormatter::format),
  /** JUnit XML, for CI test-report pages. */
  JUNIT("xml", JUnitFormatter::format),
  /** Checkstyle XML, for warning aggregators. */
  CHECKSTYLE("xml", CheckstyleFormatter::format);

  private final String extension;
  private final Function<LintReport, String> formatter;

  ReportFormat(String extension, Function<LintReport, String> formatter) {
    this.extension = extension;
    this.formatter = formatter;
  }

  public String format(LintReport report) {
    return formatter.apply(report);
  }

  /** The conventional file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** The lower-case name used on the command line: {@code text}, {@code json}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a format name, case-insensitively. */
  public static Optional<ReportFormat> fromName(String name) {
    for (ReportFormat format : values()) {
      if (format.label().equalsIgnoreCase(name.strip())) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
