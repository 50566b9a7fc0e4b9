package dev.sluice.core.catalog;

/** The type a literal attribute value must have. Expressions are checked by the expression compiler. */
public enum AttributeType {
  STRING,
  BOOLEAN,
  INTEGER,
  /** One of {@link AttributeDescriptor#enumValues()}. */
  ENUM,
  /** An absolute or relative URL. */
  URL
}
