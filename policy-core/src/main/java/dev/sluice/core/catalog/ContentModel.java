package dev.sluice.core.catalog;

/** What an element may contain. */
public enum ContentModel {
  /** Nothing but whitespace and comments. */
  EMPTY,
  /** Text (possibly one whole expression); no child elements. */
  TEXT,
  /** The child elements listed in {@link ElementDescriptor#children()}. */
  ELEMENTS,
  /** Policies, as in a section (for example inside {@code when}, {@code retry}). */
  POLICIES,
  /** Anything, kept verbatim as text: inner markup is not parsed into nodes (set-body). */
  RAW
}
