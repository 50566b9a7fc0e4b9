package dev.sluice.core.expr;

/** A value of a .NET enum the library exposes (StringComparison, RegexOptions, JTokenType...). */
record CsEnum(String type, String name, int value) {
  @Override
  public String toString() {
    return name;
  }
}
