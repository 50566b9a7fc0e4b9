package dev.sluice.core.catalog;

import dev.sluice.core.ScopeLevel;
import dev.sluice.core.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the user documentation of policies from the catalog: one Markdown page per policy
 * ({@code docs/policies/<name>.md}) and an index ({@code docs/policies/README.md}).
 *
 * <p>Pure functions of the descriptors: the same catalog always gives the same text, byte for byte,
 * so the pages in the repository can be checked against it. Thread-safe; never returns null.
 */
public final class PolicyDocs {
  /** File name of the index page. */
  public static final String INDEX_FILE = "README.md";

  private PolicyDocs() {}

  /** The file name of a policy's page: {@code <name>.md}. */
  public static String fileName(PolicyDescriptor policy) {
    return policy.name() + ".md";
  }

  /** The Markdown page of one policy. */
  public static String render(PolicyDescriptor policy) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(policy.name()).append("\n\n");
    out.append(sentence(policy.summary())).append("\n\n");
    out.append(generatedNote()).append("\n\n");

    out.append("## Usage\n\n");
    out.append("| | |\n|---|---|\n");
    out.append("| Sections | ").append(sections(policy.sections())).append(" |\n");
    out.append("| Scopes | ").append(scopes(policy.scopes())).append(" |\n");
    out.append("| Multiplicity | ").append(multiplicity(policy.multiplicity())).append(" |\n");
    out.append("| Content | ").append(content(policy.element())).append(" |\n\n");

    out.append("## Attributes\n\n");
    attributeTable(out, policy.element().attributes());

    if (!policy.element().children().isEmpty()) {
      out.append("## Child elements\n\n");
      out.append("| Element | Occurs | Content | Description |\n|---|---|---|---|\n");
      List<ElementPath> paths = new ArrayList<>();
      collect(paths, "", policy.element().children());
      for (ElementPath path : paths) {
        out.append("| `")
            .append(path.path())
            .append("` | ")
            .append(occurs(path.element()))
            .append(" | ")
            .append(content(path.element()))
            .append(" | ")
            .append(cell(path.element().description()))
            .append(" |\n");
      }
      out.append('\n');
      for (ElementPath path : paths) {
        if (!path.element().attributes().isEmpty()) {
          out.append("### `").append(path.path()).append("` attributes\n\n");
          attributeTable(out, path.element().attributes());
        }
      }
    }

    out.append("## Body access\n\n");
    if (policy.bodyAccess().isEmpty()) {
      out.append(
          "This policy reads and rewrites no message body, so it never holds one in memory."
              + " (An expression in it that reads a body, such as `context.Response.Body`, is"
              + " reported by the expression analysis.)\n\n");
    } else {
      for (BodyAccess access : policy.bodyAccess()) {
        out.append("- ").append(bodyAccess(access, policy.sections())).append('\n');
      }
      out.append('\n');
    }

    out.append("## Reference\n\n");
    out.append("APIM policy reference: <").append(policy.reference()).append(">\n");
    return out.toString();
  }

  /** The index page listing every policy of the catalog, in name order. */
  public static String renderIndex(PolicyCatalog catalog) {
    StringBuilder out = new StringBuilder();
    out.append("# Policies\n\n");
    out.append(
        "Every policy Sluice knows, with where it may stand and whether it holds a message body"
            + " in memory. ");
    out.append(generatedNote()).append("\n\n");
    out.append("| Policy | Sections | Body | Summary |\n|---|---|---|---|\n");
    for (PolicyDescriptor policy : catalog.all()) {
      out.append("| [")
          .append(policy.name())
          .append("](")
          .append(fileName(policy))
          .append(") | ")
          .append(sections(policy.sections()))
          .append(" | ")
          .append(bodySummary(policy))
          .append(" | ")
          .append(cell(policy.summary()))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String generatedNote() {
    return "_Generated from the policy catalog (`PolicyCatalog.standard()`); do not edit by hand._";
  }

  private static void attributeTable(StringBuilder out, List<AttributeDescriptor> attributes) {
    if (attributes.isEmpty()) {
      out.append("None.\n\n");
      return;
    }
    out.append("| Name | Type | Default | Required | Expressions | Description |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (AttributeDescriptor attribute : attributes) {
      out.append("| `")
          .append(attribute.name())
          .append("` | ")
          .append(type(attribute))
          .append(" | ")
          .append(attribute.defaultValue().map(v -> "`" + cell(v) + "`").orElse("-"))
          .append(" | ")
          .append(attribute.required() ? "yes" : "no")
          .append(" | ")
          .append(attribute.expressionAllowed() ? "allowed" : "no")
          .append(" | ")
          .append(cell(attribute.description()))
          .append(" |\n");
    }
    out.append('\n');
  }

  private record ElementPath(String path, ElementDescriptor element) {}

  private static void collect(List<ElementPath> out, String prefix, List<ElementDescriptor> children) {
    for (ElementDescriptor child : children) {
      String path = prefix + child.name();
      out.add(new ElementPath(path, child));
      collect(out, path + "/", child.children());
    }
  }

  private static String type(AttributeDescriptor attribute) {
    if (attribute.type() == AttributeType.ENUM) {
      return "one of "
          + attribute.enumValues().stream().map(v -> "`" + cell(v) + "`").collect(Collectors.joining(", "));
    }
    return attribute.type().name().toLowerCase(Locale.ROOT);
  }

  private static String sections(Set<Section> sections) {
    if (sections.isEmpty()) {
      return "none";
    }
    List<String> names = new ArrayList<>();
    for (Section section : Section.values()) {
      if (sections.contains(section)) {
        names.add(section.xmlName());
      }
    }
    return String.join(", ", names);
  }

  private static String scopes(Set<ScopeLevel> scopes) {
    if (scopes.isEmpty()) {
      return "none";
    }
    List<String> names = new ArrayList<>();
    for (ScopeLevel scope : ScopeLevel.values()) {
      if (scopes.contains(scope)) {
        names.add(scope.label());
      }
    }
    return String.join(", ", names);
  }

  private static String multiplicity(Multiplicity multiplicity) {
    return switch (multiplicity) {
      case ANY -> "any number of times";
      case ONCE_PER_SECTION -> "at most once per section";
      case ONCE_PER_DOCUMENT -> "at most once per policy document";
    };
  }

  private static String content(ElementDescriptor element) {
    return switch (element.content()) {
      case EMPTY -> "empty";
      case TEXT -> element.textExpressionAllowed() ? "text (expression allowed)" : "text";
      case ELEMENTS -> "child elements";
      case POLICIES -> element.childPolicies().isEmpty()
          ? "policies"
          : "policies: only "
              + Wording.and(List.copyOf(element.childPolicies()))
              + " directly inside";
      case RAW -> "markup kept verbatim";
    };
  }

  private static String occurs(ElementDescriptor element) {
    int min = element.minOccurs();
    int max = element.maxOccurs();
    if (max == ElementDescriptor.UNBOUNDED) {
      return min == 0 ? "any number" : min == 1 ? "one or more" : min + " or more";
    }
    if (min == max) {
      return min == 1 ? "exactly once" : "exactly " + min;
    }
    if (min == 0 && max == 1) {
      return "optional";
    }
    return min + " to " + max;
  }

  /** One line of plain words on one body access, as on the policy page. */
  static String bodyAccess(BodyAccess access, Set<Section> sections) {
    String verb =
        switch (access.mode()) {
          case READ -> "Reads";
          case REWRITE -> "Rewrites";
          case STORE -> "Stores, to serve it again later,";
          case SERVE -> "Serves a stored copy of";
        };
    String what =
        switch (access.target()) {
          case REQUEST -> "the request body";
          case RESPONSE -> "the response body";
          case SECTION_MESSAGE -> "the body of the section's message" + sectionTargets(access, sections);
        };
    String how;
    if (access.bufferingAttribute().isPresent()) {
      String attribute = access.bufferingAttribute().get();
      how =
          "It buffers (holds the whole body in memory) when `"
              + attribute
              + "` is `true` and streams it when `"
              + attribute
              + "` is `false`; without the attribute it "
              + (access.bufferingDefault() ? "buffers" : "streams")
              + " (APIM's default). When the value is an expression, a named value or a"
              + " placeholder, this is decided only at run time.";
    } else if (access.buffersAlways()) {
      how = "It buffers: the whole body is held in memory.";
    } else if (access.mode() == BodyAccess.Mode.SERVE) {
      how = "It holds no live body, but a stream is answered with a stored copy.";
    } else {
      how = "It streams: the body passes through and is never held whole.";
    }
    return verb + " " + what + ". " + how;
  }

  private static String sectionTargets(BodyAccess access, Set<Section> sections) {
    List<String> parts = new ArrayList<>();
    for (Section section : Section.values()) {
      if (sections.contains(section)) {
        String body = access.resolveTarget(section) == BodyAccess.Target.REQUEST ? "request" : "response";
        parts.add(section.xmlName() + ": " + body);
      }
    }
    return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
  }

  private static String bodySummary(PolicyDescriptor policy) {
    if (policy.bodyAccess().isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (BodyAccess access : policy.bodyAccess()) {
      String target = access.target().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      String how;
      if (access.bufferingAttribute().isPresent()) {
        String attribute = access.bufferingAttribute().get();
        how =
            access.bufferingDefault()
                ? "buffers unless `" + attribute + "=\"false\"`"
                : "buffers if `" + attribute + "=\"true\"`";
      } else {
        how = access.buffersAlways() ? "buffers" : "streams";
      }
      parts.add(target + ": " + how);
    }
    return String.join("; ", parts);
  }

  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }

  /** Text safe inside a Markdown table cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
