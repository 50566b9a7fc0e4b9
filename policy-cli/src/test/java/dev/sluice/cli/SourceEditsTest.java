package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SourcePosition;
import dev.sluice.lint.TextEdit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceEditsTest {

  private static SourcePosition at(int line, int column) {
    return SourcePosition.of("f.xml", line, column);
  }

  @Test
  void offsets_follow_crlf_lone_cr_and_skip_a_byte_order_mark() {
    String text = "\uFEFFab\r\ncd\ref\ngh";

    assertThat(SourceEdits.offset(text, at(1, 1))).isEqualTo(1);
    assertThat(SourceEdits.offset(text, at(2, 2))).isEqualTo(6);
    assertThat(SourceEdits.offset(text, at(3, 1))).isEqualTo(8);
    assertThat(SourceEdits.offset(text, at(4, 3))).isEqualTo(13);
    assertThatThrownBy(() -> SourceEdits.offset(text, at(5, 1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SourceEdits.offset(text, at(1, 9))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void edits_replace_exact_spans_and_keep_everything_else() {
    String text = "<a>\r\n  <b x=\"true\"/>\r\n  <!-- keep -->\r\n</a>";

    String edited =
        SourceEdits.apply(
            text,
            List.of(new TextEdit(at(2, 9), at(2, 13), "false"), TextEdit.insert(at(2, 5), " y=\"1\"")));

    assertThat(edited).isEqualTo("<a>\r\n  <b y=\"1\" x=\"false\"/>\r\n  <!-- keep -->\r\n</a>");
  }

  @Test
  void overlapping_edits_are_rejected() {
    assertThatThrownBy(
            () ->
                SourceEdits.apply(
                    "abcdef", List.of(new TextEdit(at(1, 1), at(1, 4), "x"), new TextEdit(at(1, 3), at(1, 5), "y"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void diff_has_hunks_with_three_lines_of_context_and_merges_near_changes() {
    StringBuilder before = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      before.append("line ").append(i).append('\n');
    }
    String after = before.toString().replace("line 2\n", "line two\n").replace("line 6\n", "line six\n")
        .replace("line 18\n", "");

    String diff = SourceEdits.unifiedDiff("f.xml", before.toString(), after);

    assertThat(diff)
        .isEqualTo(
            """
            --- a/f.xml
            +++ b/f.xml
            @@ -1,9 +1,9 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            -line 6
            +line six
             line 7
             line 8
             line 9
            @@ -15,6 +15,5 @@
             line 15
             line 16
             line 17
            -line 18
             line 19
             line 20
            """);
  }

  @Test
  void diff_marks_a_missing_final_newline_and_is_empty_for_equal_texts() {
    assertThat(SourceEdits.unifiedDiff("f.xml", "a\nb", "a\nc"))
        .isEqualTo("--- a/f.xml\n+++ b/f.xml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
    assertThat(SourceEdits.unifiedDiff("f.xml", "same\n", "same\n")).isEmpty();
  }
}
