package dev.sluice.runtime;

import java.util.Objects;

/** Where a compiled step stands in its policy: reported in {@link LastError}. */
record StepLocation(String name, String scope, String path, String policyId) {
  StepLocation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(policyId, "policyId");
  }
}
