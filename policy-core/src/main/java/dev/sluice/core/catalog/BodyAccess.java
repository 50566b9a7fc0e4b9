package dev.sluice.core.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.PolicyNode;
import dev.sluice.core.Section;
import java.util.Locale;
import java.util.Optional;

/**
 * Metadata: which message body a policy reads or rewrites, and whether doing so forces the whole
 * body into memory. The linter and the runtime both read it, so they cannot disagree.
 *
 * <p>{@code bufferingAttribute}, when present, names a boolean attribute that decides buffering, with
 * {@code bufferingDefault} standing for an absent attribute (APIM's {@code forward-request} buffers
 * the response unless {@code buffer-response="false"}). Without it, {@code buffersAlways} decides.
 */
public record BodyAccess(
    Target target,
    Mode mode,
    boolean buffersAlways,
    Optional<String> bufferingAttribute,
    boolean bufferingDefault) {

  /** Which body. */
  public enum Target {
    REQUEST,
    RESPONSE,
    /** The body of the section's message: request in inbound and backend, response otherwise. */
    SECTION_MESSAGE
  }

  /** What the policy does with it. */
  public enum Mode {
    READ,
    REWRITE,
    /**
     * Records the body to serve it again later (a response cache store): the whole body is held,
     * and a stream would be replayed whole and stale.
     */
    STORE,
    /**
     * Answers with a body recorded earlier instead of the live one (a response cache lookup): no
     * live body is held, but a stream is replaced by a stored copy.
     */
    SERVE
  }

  /** Whether the policy caches the body: stores it for later, or serves a stored copy. */
  public boolean caches() {
    return mode == Mode.STORE || mode == Mode.SERVE;
  }

  public BodyAccess {
    requireNonNull(target, "target");
    requireNonNull(mode, "mode");
    requireNonNull(bufferingAttribute, "bufferingAttribute");
  }

  /** Reads or rewrites the body, always holding all of it in memory. */
  public static BodyAccess buffering(Target target, Mode mode) {
    return new BodyAccess(target, mode, true, Optional.empty(), true);
  }

  /** Touches the body as a stream, never holding all of it. */
  public static BodyAccess streaming(Target target, Mode mode) {
    return new BodyAccess(target, mode, false, Optional.empty(), false);
  }

  /** Buffers when the boolean attribute is true; {@code whenAbsent} is APIM's default. */
  public static BodyAccess bufferingWhen(
      Target target, Mode mode, String attribute, boolean whenAbsent) {
    return new BodyAccess(target, mode, false, Optional.of(attribute), whenAbsent);
  }

  /** The concrete body for a policy placed in {@code section}. */
  public Target resolveTarget(Section section) {
    if (target != Target.SECTION_MESSAGE) {
      return target;
    }
    return section == Section.INBOUND || section == Section.BACKEND ? Target.REQUEST : Target.RESPONSE;
  }

  /**
   * Whether this node buffers the body: {@code Optional.of(true/false)} when it can be decided from
   * the literal attribute values, empty when the deciding attribute is an expression, a named value,
   * a placeholder or not a boolean.
   */
  public Optional<Boolean> buffers(PolicyNode node) {
    if (bufferingAttribute.isEmpty()) {
      return Optional.of(buffersAlways);
    }
    var attribute = node.attribute(bufferingAttribute.get());
    if (attribute.isEmpty()) {
      return Optional.of(bufferingDefault);
    }
    var value = attribute.get().value();
    if (!value.isPlainLiteral()) {
      return Optional.empty();
    }
    String text = value.text().trim().toLowerCase(Locale.ROOT);
    if (text.equals("true")) {
      return Optional.of(true);
    }
    if (text.equals("false")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }
}
