package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void parses_keys_in_any_order_and_runs_them_in_scenario_order() {
    assertThat(Scenario.parse("streams, latency")).containsExactly(Scenario.LATENCY, Scenario.STREAMS);
  }

  @Test
  void rejects_an_unknown_scenario() {
    assertThatThrownBy(() -> Scenario.parse("latency,burst"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("burst");
  }
}
