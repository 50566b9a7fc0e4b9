package dev.sluice.core.catalog;

/** How often a policy may appear. */
public enum Multiplicity {
  ANY,
  ONCE_PER_SECTION,
  ONCE_PER_DOCUMENT
}
