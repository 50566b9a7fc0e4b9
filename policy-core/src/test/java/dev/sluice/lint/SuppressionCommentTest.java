package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Comment;
import dev.sluice.core.SourcePosition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionCommentTest {

  private static final SourcePosition AT = SourcePosition.of("p.xml", 3, 5);

  private static Optional<SuppressionComment> parse(String text) {
    return SuppressionComment.parse(new Comment(text, AT));
  }

  @Test
  void reads_ids_and_reason() {
    assertThat(parse(" sluice-disable SSE004: small JSON only "))
        .contains(new SuppressionComment(List.of("SSE004"), "small JSON only", AT));
  }

  @Test
  void reads_several_ids_and_keeps_colons_inside_the_reason() {
    assertThat(parse("sluice-disable SSE001, SSE004 SSE006: see ADR-7: streaming is off"))
        .contains(
            new SuppressionComment(
                List.of("SSE001", "SSE004", "SSE006"), "see ADR-7: streaming is off", AT));
  }

  @Test
  void reason_is_empty_without_colon_or_text() {
    assertThat(parse("sluice-disable SSE004")).map(SuppressionComment::reason).contains("");
    assertThat(parse("sluice-disable SSE004:   ")).map(SuppressionComment::reason).contains("");
  }

  @Test
  void keyword_alone_names_no_rule() {
    assertThat(parse("sluice-disable")).map(SuppressionComment::ruleIds).contains(List.of());
  }

  @Test
  void ignores_other_comments() {
    assertThat(parse("EXPECT: SSE001")).isEmpty();
    assertThat(parse("sluice-disabled SSE001: not the keyword")).isEmpty();
    assertThat(parse("note: sluice-disable SSE001")).isEmpty();
  }
}
