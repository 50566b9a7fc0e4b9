package dev.sluice.xml;

import dev.sluice.core.Comment;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.Scope;
import dev.sluice.core.SourcePosition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The {@link GatewayLoader}: recognizes the form of the input and delegates. */
final class DefaultGatewayLoader implements GatewayLoader {
  private static final String DESCRIPTOR_FILE = "gateway.xml";
  private static final String SSE_MARK = "sluice:sse";
  private static final int MAX_FILES = 10_000;

  private final PolicyFiles policies;
  private final ExpressionCheck expressions;

  DefaultGatewayLoader(PolicyFiles policies, ExpressionCheck expressions) {
    this.policies = policies;
    this.expressions = expressions;
  }

  @Override
  public LoadResult<Gateway> load(Path path) {
    LoadResult<Gateway> loaded = loadForm(path);
    if (loaded.value().isEmpty()) {
      return loaded;
    }
    List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
    diagnostics.addAll(expressions.check(loaded.value().get()));
    return new LoadResult<>(loaded.value(), diagnostics);
  }

  private LoadResult<Gateway> loadForm(Path path) {
    SourcePosition at = SourcePosition.of(path.toString(), 1, 1);
    if (Files.isDirectory(path)) {
      Path descriptor = path.resolve(DESCRIPTOR_FILE);
      if (Files.isRegularFile(descriptor) && rootName(descriptor).filter(DescriptorLoader.ROOT::equals).isPresent()) {
        return new DescriptorLoader(policies).load(descriptor);
      }
      if (ApiOpsLoader.isExtract(path)) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Gateway gateway = new ApiOpsLoader(policies).load(path, diagnostics);
        return LoadResult.of(gateway, diagnostics);
      }
      return policyFolder(path);
    }
    if (!Files.isRegularFile(path)) {
      return LoadResult.failed(List.of(Diagnostic.of(DiagnosticCode.IO_ERROR, at, "no such file or folder: " + path)));
    }
    if (rootName(path).filter(DescriptorLoader.ROOT::equals).isPresent()) {
      return new DescriptorLoader(policies).load(path);
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    Parts parts = new Parts();
    addPolicyFile(path, path.getParent() == null ? Path.of("") : path.getParent(), parts, diagnostics);
    return LoadResult.of(parts.gateway(at), diagnostics);
  }

  private LoadResult<Gateway> policyFolder(Path folder) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"))
              .sorted()
              .limit(MAX_FILES)
              .toList();
    } catch (IOException e) {
      return LoadResult.failed(
          List.of(
              Diagnostic.of(DiagnosticCode.IO_ERROR, SourcePosition.of(folder.toString(), 1, 1), "cannot list: " + e.getMessage())));
    }
    Parts parts = new Parts();
    for (Path file : files) {
      addPolicyFile(file, folder, parts, diagnostics);
    }
    return LoadResult.of(parts.gateway(SourcePosition.of(folder.toString(), 1, 1)), diagnostics);
  }

  /** What a loose collection of policy files adds up to. */
  private static final class Parts {
    final List<Gateway.Api> apis = new ArrayList<>();
    final Map<String, PolicyDocument> fragments = new LinkedHashMap<>();

    Gateway gateway(SourcePosition source) {
      return Gateway.of(apis, fragments, source);
    }
  }

  private void addPolicyFile(Path file, Path base, Parts parts, List<Diagnostic> diagnostics) {
    String id = idOf(file, base);
    Optional<String> root = rootName(file);
    if (root.filter(DescriptorLoader.ROOT::equals).isPresent()) {
      return; // a descriptor lying among policy files is not a policy
    }
    SourcePosition at = SourcePosition.of(file.toString(), 1, 1);
    if (root.filter("fragment"::equals).isPresent()) {
      String fragmentId = fragmentIdOf(file);
      if (parts.fragments.containsKey(fragmentId)) {
        diagnostics.add(Diagnostic.of(DiagnosticCode.INVALID_DESCRIPTOR, at, "a second fragment named '" + fragmentId + "'; ignored"));
        return;
      }
      policies.fragment(file, at, fragmentId, diagnostics).ifPresent(document -> parts.fragments.put(fragmentId, document));
      return;
    }
    Optional<PolicyDocument> document = policies.scoped(file, at, Scope.api(id), diagnostics);
    if (document.isEmpty()) {
      return; // unreadable or not a policy: reported on the way
    }
    boolean streaming = document.map(DefaultGatewayLoader::markedAsStream).orElse(false);
    Gateway.Operation any =
        new Gateway.Operation(id, "*", Gateway.Operation.ANY_METHOD, "/*", Optional.empty(), streaming, Optional.empty(), at);
    parts.apis.add(new Gateway.Api(id, "", Optional.empty(), document, List.of(any), at));
  }

  /** Whether a {@code <!-- sluice:sse -->} comment before or directly inside the root marks the file. */
  static boolean markedAsStream(PolicyDocument document) {
    return document.comments().stream().map(Comment::text).map(String::strip).anyMatch(text -> text.startsWith(SSE_MARK));
  }

  /** The relative path without {@code .xml}, with {@code /}; for {@code x/policy.xml}, {@code x}. */
  private static String idOf(Path file, Path base) {
    Path relative = base.relativize(file);
    if (relative.getFileName().toString().equals(ApiOpsLoader.POLICY) && relative.getParent() != null) {
      relative = relative.getParent();
    }
    StringBuilder id = new StringBuilder();
    for (Path part : relative) {
      if (id.length() > 0) {
        id.append('/');
      }
      id.append(part);
    }
    String text = id.toString();
    return text.toLowerCase(Locale.ROOT).endsWith(".xml") ? text.substring(0, text.length() - 4) : text;
  }

  private static String fragmentIdOf(Path file) {
    String name = file.getFileName().toString();
    if (name.equals(ApiOpsLoader.POLICY) && file.getParent() != null && file.getParent().getFileName() != null) {
      return file.getParent().getFileName().toString();
    }
    return name.substring(0, name.length() - 4);
  }

  /** The root element's local name, when the file starts well enough to tell. */
  private static Optional<String> rootName(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader reader = HardenedXml.descriptorInputFactory().createXMLStreamReader(in);
      try {
        while (reader.hasNext()) {
          if (reader.next() == XMLStreamConstants.START_ELEMENT) {
            return Optional.of(reader.getLocalName());
          }
        }
        return Optional.empty();
      } finally {
        reader.close();
      }
    } catch (IOException | XMLStreamException e) {
      return Optional.empty(); // the reader that reads the file reports why
    }
  }
}
