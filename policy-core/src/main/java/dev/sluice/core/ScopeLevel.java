package dev.sluice.core;

/** The levels of policy scope, from the widest to the narrowest; {@code <base/>} reaches one up. */
public enum ScopeLevel {
  GLOBAL,
  PRODUCT,
  API,
  OPERATION;

  /** Lower-case name used in messages and XML: {@code global}, {@code product}, ... */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
