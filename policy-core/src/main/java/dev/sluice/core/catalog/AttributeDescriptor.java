package dev.sluice.core.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An attribute a policy element accepts: its type, allowed values, APIM's default, whether it is
 * required and whether its value may be a policy expression.
 */
public record AttributeDescriptor(
    String name,
    AttributeType type,
    List<String> enumValues,
    Optional<String> defaultValue,
    boolean required,
    boolean expressionAllowed,
    String description) {

  public AttributeDescriptor {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    enumValues = List.copyOf(enumValues);
    requireNonNull(defaultValue, "defaultValue");
    requireNonNull(description, "description");
    if (type == AttributeType.ENUM && enumValues.isEmpty()) {
      throw new IllegalArgumentException("enum attribute without values: " + name);
    }
  }

  /** Starts an attribute; finish with {@link Builder#build()}. */
  public static Builder builder(String name, AttributeType type) {
    return new Builder(name, type);
  }

  /** Fluent builder, used by the catalog entries. */
  public static final class Builder {
    private final String name;
    private final AttributeType type;
    private List<String> enumValues = List.of();
    private Optional<String> defaultValue = Optional.empty();
    private boolean required;
    private boolean expressionAllowed;
    private String description = "";

    private Builder(String name, AttributeType type) {
      this.name = name;
      this.type = type;
    }

    public Builder values(String... values) {
      this.enumValues = List.of(values);
      return this;
    }

    public Builder defaultValue(String value) {
      this.defaultValue = Optional.of(value);
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder expressions() {
      this.expressionAllowed = true;
      return this;
    }

    public Builder description(String text) {
      this.description = text;
      return this;
    }

    public AttributeDescriptor build() {
      return new AttributeDescriptor(
          name, type, enumValues, defaultValue, required, expressionAllowed, description);
    }
  }
}
