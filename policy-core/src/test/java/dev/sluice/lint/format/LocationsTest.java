package dev.sluice.lint.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocationsTest {

  @Test
  void relative_paths_stay_relative_with_forward_slashes() {
    assertThat(Locations.uri("apis/echo/policy.xml")).isEqualTo("apis/echo/policy.xml");
    assertThat(Locations.uri("apis\\echo\\policy.xml")).isEqualTo("apis/echo/policy.xml");
    assertThat(Locations.uri("./global.xml")).isEqualTo("global.xml");
  }

  @Test
  void characters_outside_uris_are_percent_encoded() {
    assertThat(Locations.uri("my apis/späť.xml")).isEqualTo("my%20apis/sp%C3%A4%C5%A5.xml");
    assertThat(Locations.uri("a#b.xml")).isEqualTo("a%23b.xml");
  }

  @Test
  void absolute_paths_become_file_uris() {
    assertThat(Locations.uri("/srv/policies/global.xml")).isEqualTo("file:///srv/policies/global.xml");
    assertThat(Locations.uri("C:\\policies\\global.xml")).isEqualTo("file:///C:/policies/global.xml");
  }

  @Test
  void a_colon_in_the_first_segment_is_not_read_as_a_scheme() {
    assertThat(Locations.uri("op:get.xml")).isEqualTo("./op:get.xml");
  }
}
