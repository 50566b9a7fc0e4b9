package dev.sluice.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ScopeLevel;
import dev.sluice.core.Section;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordingTest {

  @Test
  void joins_lists_as_a_sentence() {
    assertThat(Wording.and(List.of())).isEmpty();
    assertThat(Wording.and(List.of("a"))).isEqualTo("a");
    assertThat(Wording.and(List.of("a", "b"))).isEqualTo("a and b");
    assertThat(Wording.and(List.of("a", "b", "c"))).isEqualTo("a, b and c");
  }

  @Test
  void names_sections_and_scopes_in_their_natural_order() {
    assertThat(Wording.sections(EnumSet.of(Section.ON_ERROR, Section.INBOUND)))
        .isEqualTo("inbound and on-error sections");
    assertThat(Wording.scopes(EnumSet.of(ScopeLevel.API))).isEqualTo("API scope");
    assertThat(Wording.scopes(EnumSet.of(ScopeLevel.OPERATION, ScopeLevel.GLOBAL)))
        .isEqualTo("global and operation scopes");
  }

  @Test
  void suggests_a_name_only_for_a_plausible_typo() {
    List<String> names = List.of("base", "set-header", "set-body", "forward-request");

    assertThat(Wording.closest("set-headr", names)).contains("set-header");
    assertThat(Wording.closest("Set-Body", names)).contains("set-body");
    assertThat(Wording.closest("forward-requests", names)).contains("forward-request");
    assertThat(Wording.closest("rate", names)).isEmpty();
    assertThat(Wording.closest("x", names)).isEmpty();
    assertThat(Wording.closest("set-header", List.of())).isEmpty();
  }

  @Test
  void quotes_values_on_one_line_and_shortened() {
    assertThat(Wording.quote("  a\n   b  ")).isEqualTo("'a b'");
    assertThat(Wording.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(40) + "...'");
  }
}
