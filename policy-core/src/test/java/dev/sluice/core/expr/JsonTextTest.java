package dev.sluice.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void round_trips_compact_json_keeping_property_order() {
    String json = "{\"z\":1,\"a\":[true,false,null],\"m\":{\"x\":-2.5,\"y\":\"s\"},\"big\":12345678901}";
    assertThat(JsonText.parse(json, null).toJson(false, null)).isEqualTo(json);
  }

  @Test
  void indented_output_matches_newtonsoft_layout() {
    JToken t = JsonText.parse("{\"a\":[1,{\"b\":{}}],\"c\":[]}", null);
    assertThat(t.toJson(true, null)).isEqualTo("{\n  \"a\": [\n    1,\n    {\n      \"b\": {}\n    }\n  ],\n  \"c\": []\n}");
  }

  @Test
  void accepts_single_quotes_comments_and_trailing_commas_like_newtonsoft() {
    JToken t = JsonText.parse("{'a': 1, /* c */ 'b': [2,],}", null);
    assertThat(t.toJson(false, null)).isEqualTo("{\"a\":1,\"b\":[2]}");
  }

  @Test
  void reports_position_of_bad_input() {
    assertThatThrownBy(() -> JsonText.parse("{\n  \"a\": tru }", null))
        .isInstanceOf(ScriptException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void deep_nesting_is_rejected_not_overflowing() {
    assertThatThrownBy(() -> JsonText.parse("[".repeat(10_000), null))
        .isInstanceOf(ScriptException.class)
        .hasMessageContaining("MaxDepth");
  }

  @Test
  void adding_a_parented_token_adds_a_copy() {
    JObject a = (JObject) JsonText.parse("{\"x\":{\"y\":1}}", null);
    JObject b = new JObject();
    b.put("copy", a.get("x"));
    ((JObject) b.get("copy")).put("y", new JValue(2L));
    assertThat(a.toJson(false, null)).isEqualTo("{\"x\":{\"y\":1}}");
    assertThat(b.toJson(false, null)).isEqualTo("{\"copy\":{\"y\":2}}");
  }

  @Test
  void select_supports_wildcards_and_quoted_names() {
    JToken t = JsonText.parse("{\"a b\":[{\"v\":1},{\"v\":2}]}", null);
    assertThat(JsonText.select(t, "$['a b'][*].v")).hasSize(2);
    assertThat(JsonText.select(t, "['a b'][1].v").get(0).toString()).isEqualTo("2");
    assertThat(JsonText.select(t, "nope.deeper")).isEmpty();
  }
}
