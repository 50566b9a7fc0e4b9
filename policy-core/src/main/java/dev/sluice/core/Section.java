package dev.sluice.core;

import java.util.Optional;

/** The four sections of a policy document, in execution order. */
public enum Section {
  INBOUND("inbound"),
  BACKEND("backend"),
  OUTBOUND("outbound"),
  ON_ERROR("on-error");

  /** {@code values()} copies its array on every call; lookups share this one. */
  private static final Section[] ALL = values();

  private final String xmlName;

  Section(String xmlName) {
    this.xmlName = xmlName;
  }

  /** The element name in policy XML. */
  public String xmlName() {
    return xmlName;
  }

  public static Optional<Section> fromXmlName(String name) {
    for (Section section : ALL) {
      if (section.xmlName.equals(name)) {
        return Optional.of(section);
      }
    }
    return Optional.empty();
  }
}
