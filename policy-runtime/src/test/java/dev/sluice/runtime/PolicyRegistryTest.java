package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.catalog.PolicyCatalog;
import org.junit.jupiter.api.Test;

class PolicyRegistryTest {

  @Test
  void every_executable_policy_is_described_by_the_catalog() {
    PolicyCatalog catalog = PolicyCatalog.standard();

    assertThat(PolicyRegistry.names()).isNotEmpty().allSatisfy(name -> assertThat(catalog.find(name)).isPresent());
  }
}
