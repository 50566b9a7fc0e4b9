package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rule may add to a finding beyond its node and message: the inheritance chain that brought
 * the node into an operation ({@code "global > api echo > operation echo/stream"}), related
 * locations, and a fix. Immutable; the {@code with...} methods return copies.
 */
public record FindingDetails(
    Optional<String> inheritance, List<RelatedLocation> related, Optional<Fix> fix) {

  private static final FindingDetails NONE =
      new FindingDetails(Optional.empty(), List.of(), Optional.empty());

  public FindingDetails {
    requireNonNull(inheritance, "inheritance");
    related = List.copyOf(related);
    requireNonNull(fix, "fix");
  }

  public static FindingDetails none() {
    return NONE;
  }

  public FindingDetails withInheritance(String chain) {
    return new FindingDetails(Optional.of(chain), related, fix);
  }

  public FindingDetails withRelated(RelatedLocation location) {
    List<RelatedLocation> more = new ArrayList<>(related);
    more.add(location);
    return new FindingDetails(inheritance, more, fix);
  }

  public FindingDetails withFix(Fix newFix) {
    return new FindingDetails(inheritance, related, Optional.of(newFix));
  }
}
