package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rule may add to a finding beyond its node and message: the inheritance chain that brought
 * the node into an operation ({@code "global > api echo > operation echo/stream"}), related
 * locations, a fix, and a cap on its severity. Immutable; the {@code with...} methods return copies.
 */
public record FindingDetails(
    Optional<String> inheritance,
    List<RelatedLocation> related,
    Optional<Fix> fix,
    Optional<Severity> atMost) {

  private static final FindingDetails NONE =
      new FindingDetails(Optional.empty(), List.of(), Optional.empty(), Optional.empty());

  public FindingDetails {
    requireNonNull(inheritance, "inheritance");
    related = List.copyOf(related);
    requireNonNull(fix, "fix");
    requireNonNull(atMost, "atMost");
  }

  public static FindingDetails none() {
    return NONE;
  }

  public FindingDetails withInheritance(String chain) {
    return new FindingDetails(Optional.of(chain), related, fix, atMost);
  }

  public FindingDetails withRelated(RelatedLocation location) {
    List<RelatedLocation> more = new ArrayList<>(related);
    more.add(location);
    return new FindingDetails(inheritance, more, fix, atMost);
  }

  public FindingDetails withFix(Fix newFix) {
    return new FindingDetails(inheritance, related, Optional.of(newFix), atMost);
  }

  /**
   * Caps the finding's severity: for findings that rest on an assumption (an attribute set by an
   * expression, APIM's default global policy), so they warn where a certain finding would fail. The
   * configured level still applies when it is lower.
   */
  public FindingDetails withSeverityAtMost(Severity cap) {
    return new FindingDetails(inheritance, related, fix, Optional.of(cap));
  }

  /** {@code configured}, lowered to the cap if there is one. */
  Severity apply(Severity configured) {
    return atMost.filter(cap -> cap.ordinal() > configured.ordinal()).orElse(configured);
  }
}
