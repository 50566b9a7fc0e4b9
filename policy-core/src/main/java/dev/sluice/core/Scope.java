package dev.sluice.core;

import static java.util.Objects.requireNonNull;

/**
 * One policy scope: its level and an id ({@code "global"} for the global scope, the product, API or
 * {@code api/operation} id otherwise).
 */
public record Scope(ScopeLevel level, String id) {

  public static final Scope GLOBAL = new Scope(ScopeLevel.GLOBAL, "global");

  public Scope {
    requireNonNull(level, "level");
    requireNonNull(id, "id");
  }

  public static Scope product(String id) {
    return new Scope(ScopeLevel.PRODUCT, id);
  }

  public static Scope api(String id) {
    return new Scope(ScopeLevel.API, id);
  }

  public static Scope operation(String apiId, String operationId) {
    return new Scope(ScopeLevel.OPERATION, apiId + "/" + operationId);
  }

  @Override
  public String toString() {
    return level == ScopeLevel.GLOBAL ? "global" : level.label() + " " + id;
  }
}
