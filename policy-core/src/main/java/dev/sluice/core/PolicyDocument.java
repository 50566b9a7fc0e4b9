package dev.sluice.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One policy file as read: a {@code <policies>} document with up to four sections, or a
 * {@code <fragment>}.
 *
 * <p>{@code root} is the {@code <policies>} or {@code <fragment>} element; for a policy document its
 * children are the section elements ({@code inbound}, ...), for a fragment they are policies.
 */
public record PolicyDocument(String file, Kind kind, PolicyNode root) {

  /** What a policy file holds. */
  public enum Kind {
    /** {@code <policies>} with sections, at global, product, API or operation scope. */
    POLICY,
    /** {@code <fragment>}, a reusable list of policies included by {@code include-fragment}. */
    FRAGMENT
  }

  public PolicyDocument {
    requireNonNull(file, "file");
    requireNonNull(kind, "kind");
    requireNonNull(root, "root");
  }

  /** The section element, if the document has it. Always empty for a fragment. */
  public Optional<PolicyNode> section(Section section) {
    if (kind != Kind.POLICY) {
      return Optional.empty();
    }
    return root.child(section.xmlName());
  }

  /** The policies of a section, empty when the section is missing. */
  public List<PolicyNode> policies(Section section) {
    return section(section).map(PolicyNode::children).orElse(List.of());
  }

  /** The document's comments before the root element and directly inside the root. */
  public List<Comment> comments() {
    return root.comments();
  }
}
