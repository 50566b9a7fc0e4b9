package dev.sluice.xml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.Scope;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads an APIOps extract: the folder layout the APIOps extractor writes.
 *
 * <pre>
 * policy.xml                                   global policy
 * products/&lt;p&gt;/policy.xml, apis.json            product policy; apis.json: [{"name": "&lt;api&gt;"}]
 * apis/&lt;a&gt;/apiInformation.json                 properties.path, properties.serviceUrl
 * apis/&lt;a&gt;/specification.(yaml|yml|json)       OpenAPI: operations by operationId
 * apis/&lt;a&gt;/policy.xml                          API policy
 * apis/&lt;a&gt;/operations/&lt;o&gt;/policy.xml           operation policy
 * policy fragments/&lt;f&gt;/policy.xml              fragment
 * named values/&lt;n&gt;/namedValueInformation.json  properties.displayName, value, secret
 * diagnostics/&lt;d&gt;/diagnosticInformation.json   request logging for all APIs: properties.frontend
 *                                               and .backend, .request and .response, .body.bytes
 * apis/&lt;a&gt;/diagnostics/&lt;d&gt;/diagnosticInformation.json  the same, for one API
 * </pre>
 *
 * <p>Operations come from the specification (method, URL template; an operation any of whose
 * responses has {@code text/event-stream} content is a stream, as is one whose policy file, or whose
 * API's policy file, holds a {@code <!-- sluice:sse -->} comment; {@code
 * x-sluice-max-event-gap-seconds} declares its longest silence), plus any operation folder the specification does not list. Ids are
 * folder names (APIM resource names). Thread-safe.
 */
final class ApiOpsLoader {
  static final String APIS = "apis";
  static final String PRODUCTS = "products";
  static final String FRAGMENTS = "policy fragments";
  static final String NAMED_VALUES = "named values";
  static final String POLICY = "policy.xml";
  static final String DIAGNOSTICS = "diagnostics";
  private static final String EVENT_STREAM = "text/event-stream";
  private static final String MAX_GAP_EXTENSION = "x-sluice-max-event-gap-seconds";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

  private final PolicyFiles policies;
  private final ObjectMapper json = new ObjectMapper();
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  ApiOpsLoader(PolicyFiles policies) {
    this.policies = policies;
  }

  /** Whether the folder looks like an APIOps extract. */
  static boolean isExtract(Path folder) {
    return Stream.of(APIS, PRODUCTS, FRAGMENTS, NAMED_VALUES).anyMatch(name -> Files.isDirectory(folder.resolve(name)));
  }

  Gateway load(Path root, List<Diagnostic> diagnostics) {
    SourcePosition source = SourcePosition.of(root.toString(), 1, 1);
    Optional<PolicyDocument> global = policies.optional(root.resolve(POLICY), Scope.GLOBAL, diagnostics);

    Map<String, PolicyDocument> fragments = new LinkedHashMap<>();
    for (Path folder : subfolders(root.resolve(FRAGMENTS), diagnostics)) {
      String id = folder.getFileName().toString();
      Path file = folder.resolve(POLICY);
      policies
          .fragment(file, SourcePosition.of(folder.toString(), 1, 1), id, diagnostics)
          .ifPresent(document -> fragments.put(id, document));
    }

    Map<String, Gateway.NamedValue> namedValues = new LinkedHashMap<>();
    for (Path folder : subfolders(root.resolve(NAMED_VALUES), diagnostics)) {
      namedValue(folder, diagnostics).ifPresent(value -> namedValues.putIfAbsent(value.name(), value));
    }

    List<Gateway.LoggingSettings> logging = new ArrayList<>(logging(root, Optional.empty(), diagnostics));
    List<Gateway.Api> apis = new ArrayList<>();
    for (Path folder : subfolders(root.resolve(APIS), diagnostics)) {
      apis.add(api(folder, diagnostics));
      logging.addAll(logging(folder, Optional.of(folder.getFileName().toString()), diagnostics));
    }
    List<String> apiIds = apis.stream().map(Gateway.Api::id).toList();

    List<Gateway.Product> products = new ArrayList<>();
    for (Path folder : subfolders(root.resolve(PRODUCTS), diagnostics)) {
      products.add(product(folder, apiIds, diagnostics));
    }
    return new Gateway(
        global, products, apis, fragments, namedValues, Optional.empty(), Optional.empty(), logging, source);
  }

  /** The request logging settings in {@code folder/diagnostics/<d>/diagnosticInformation.json}. */
  private List<Gateway.LoggingSettings> logging(Path folder, Optional<String> apiId, List<Diagnostic> diagnostics) {
    List<Gateway.LoggingSettings> settings = new ArrayList<>();
    for (Path diagnostic : subfolders(folder.resolve(DIAGNOSTICS), diagnostics)) {
      Path file = diagnostic.resolve("diagnosticInformation.json");
      if (readJson(file, json, diagnostics).isEmpty()) {
        continue; // absent or unreadable (reported)
      }
      settings.add(
          new Gateway.LoggingSettings(
              diagnostic.getFileName().toString(), apiId, bodyLogging(file), SourcePosition.of(file.toString(), 1, 1)));
    }
    return settings;
  }

  /**
   * Every {@code properties.(frontend|backend).(request|response).body.bytes} with its position: a
   * streaming pass, since the tree keeps no locations. The file parsed in the tree pass first.
   */
  private List<Gateway.BodyLogging> bodyLogging(Path file) {
    List<Gateway.BodyLogging> bodies = new ArrayList<>();
    try (JsonParser parser = json.getFactory().createParser(file.toFile())) {
      List<String> path = new ArrayList<>();
      String field = null;
      SourcePosition fieldAt = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case FIELD_NAME -> {
            field = parser.currentName();
            JsonLocation at = parser.currentTokenLocation();
            fieldAt = SourcePosition.of(file.toString(), Math.max(at.getLineNr(), 1), Math.max(at.getColumnNr(), 1));
          }
          case START_OBJECT -> {
            path.add(field == null ? "" : field);
            field = null;
          }
          case END_OBJECT -> path.remove(path.size() - 1);
          case START_ARRAY -> {
            parser.skipChildren();
            field = null;
          }
          case VALUE_NUMBER_INT -> {
            if ("bytes".equals(field)
                && path.size() == 5
                && path.get(1).equals("properties")
                && (path.get(2).equals("frontend") || path.get(2).equals("backend"))
                && (path.get(3).equals("request") || path.get(3).equals("response"))
                && path.get(4).equals("body")) {
              // Positioned at the "bytes" key: where an editor shows the setting.
              bodies.add(new Gateway.BodyLogging(path.get(2) + "." + path.get(3), Math.max(parser.getLongValue(), 0), fieldAt));
            }
            field = null;
          }
          default -> field = null;
        }
      }
    } catch (IOException e) {
      return bodies; // the tree pass reported why
    }
    return bodies;
  }

  private Gateway.Product product(Path folder, List<String> knownApis, List<Diagnostic> diagnostics) {
    String id = folder.getFileName().toString();
    Scope scope = Scope.product(id);
    Optional<PolicyDocument> policy = policies.optional(folder.resolve(POLICY), scope, diagnostics);
    List<String> apiIds = new ArrayList<>();
    Path apisFile = folder.resolve("apis.json");
    Optional<JsonNode> apisJson = readJson(apisFile, json, diagnostics);
    apisJson.ifPresent(
        array -> {
          for (JsonNode entry : array) {
            String name = entry.isTextual() ? entry.asText() : entry.path("name").asText("");
            if (name.isEmpty()) {
              continue;
            }
            if (!knownApis.contains(name)) {
              diagnostics.add(
                  Diagnostic.of(
                      DiagnosticCode.UNKNOWN_REFERENCE,
                      Severity.WARNING,
                      SourcePosition.of(apisFile.toString(), 1, 1),
                      "product '" + id + "' includes API '" + name + "', which is not in the extract; ignored"));
            } else if (!apiIds.contains(name)) {
              apiIds.add(name);
            }
          }
        });
    return new Gateway.Product(id, policy, apiIds, SourcePosition.of(folder.toString(), 1, 1));
  }

  private Optional<Gateway.NamedValue> namedValue(Path folder, List<Diagnostic> diagnostics) {
    Path file = folder.resolve("namedValueInformation.json");
    Optional<JsonNode> info = readJson(file, json, diagnostics);
    if (info.isEmpty()) {
      return Optional.empty();
    }
    JsonNode properties = info.get().path("properties");
    // Policies reference a named value by its display name: {{displayName}}.
    String name = properties.path("displayName").asText(folder.getFileName().toString());
    Optional<String> value =
        properties.path("value").isValueNode() ? Optional.of(properties.path("value").asText()) : Optional.empty();
    boolean secret = properties.path("secret").asBoolean(false);
    return Optional.of(new Gateway.NamedValue(name, value, secret, SourcePosition.of(file.toString(), 1, 1)));
  }

  private Gateway.Api api(Path folder, List<Diagnostic> diagnostics) {
    String id = folder.getFileName().toString();
    Path infoFile = folder.resolve("apiInformation.json");
    String path = "";
    Optional<String> backend = Optional.empty();
    SourcePosition source = SourcePosition.of(folder.toString(), 1, 1);
    if (Files.isRegularFile(infoFile)) {
      source = SourcePosition.of(infoFile.toString(), 1, 1);
      Optional<JsonNode> info = readJson(infoFile, json, diagnostics);
      if (info.isPresent()) {
        JsonNode properties = info.get().path("properties");
        path = properties.path("path").asText("");
        String serviceUrl = properties.path("serviceUrl").asText("");
        backend = serviceUrl.isEmpty() ? Optional.empty() : Optional.of(serviceUrl);
      }
    } else {
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.INVALID_DESCRIPTOR,
              Severity.WARNING,
              source,
              "API folder '" + id + "' has no apiInformation.json; its path and backend are unknown"));
    }
    Optional<PolicyDocument> policy = policies.optional(folder.resolve(POLICY), Scope.api(id), diagnostics);

    Map<String, Gateway.Operation> operations = new LinkedHashMap<>();
    for (SpecOperation op : specification(folder, diagnostics)) {
      if (operations.containsKey(op.id())) {
        diagnostics.add(
            Diagnostic.of(
                DiagnosticCode.INVALID_SPECIFICATION, op.position(), "duplicate operationId '" + op.id() + "'; ignored"));
        continue;
      }
      Optional<PolicyDocument> operationPolicy =
          policies.optional(
              folder.resolve("operations").resolve(op.id()).resolve(POLICY), Scope.operation(id, op.id()), diagnostics);
      boolean marked =
          operationPolicy.map(DefaultGatewayLoader::markedAsStream).orElse(false)
              || policy.map(DefaultGatewayLoader::markedAsStream).orElse(false);
      operations.put(
          op.id(),
          new Gateway.Operation(
              id, op.id(), op.method(), op.urlTemplate(), operationPolicy, op.streaming() || marked, op.maxEventGap(), op.position(),
              op.examples()));
    }
    for (Path operationFolder : subfolders(folder.resolve("operations"), diagnostics)) {
      String operationId = operationFolder.getFileName().toString();
      if (operations.containsKey(operationId)) {
        continue;
      }
      SourcePosition at = SourcePosition.of(operationFolder.toString(), 1, 1);
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.INVALID_SPECIFICATION,
              at,
              "operation '" + operationId + "' is not in the specification of API '" + id
                  + "'; its method and URL template are unknown"));
      Optional<PolicyDocument> operationPolicy =
          policies.optional(operationFolder.resolve(POLICY), Scope.operation(id, operationId), diagnostics);
      boolean marked =
          operationPolicy.map(DefaultGatewayLoader::markedAsStream).orElse(false)
              || policy.map(DefaultGatewayLoader::markedAsStream).orElse(false);
      operations.put(
          operationId,
          new Gateway.Operation(
              id, operationId, Gateway.Operation.ANY_METHOD, "/*", operationPolicy, marked, Optional.empty(), at));
    }
    return new Gateway.Api(id, path, backend, policy, List.copyOf(operations.values()), source);
  }

  /** An operation declared by the OpenAPI (or Swagger 2) specification of an API. */
  private record SpecOperation(
      String id,
      String method,
      String urlTemplate,
      boolean streaming,
      Optional<Duration> maxEventGap,
      SourcePosition position,
      List<Gateway.ResponseExample> examples) {}

  private List<SpecOperation> specification(Path apiFolder, List<Diagnostic> diagnostics) {
    Optional<Path> file =
        Stream.of("specification.yaml", "specification.yml", "specification.json")
            .map(apiFolder::resolve)
            .filter(Files::isRegularFile)
            .findFirst();
    if (file.isEmpty()) {
      return List.of();
    }
    ObjectMapper mapper = file.get().toString().endsWith(".json") ? json : yaml;
    String name = file.get().toString();
    Optional<JsonNode> spec = readJsonOrSpec(file.get(), mapper, DiagnosticCode.INVALID_SPECIFICATION, diagnostics);
    if (spec.isEmpty()) {
      return List.of();
    }
    Map<String, SourcePosition> positions = methodPositions(file.get(), mapper.getFactory());
    boolean swaggerStream = contains(spec.get().path("produces"), EVENT_STREAM);
    List<SpecOperation> operations = new ArrayList<>();
    JsonNode paths = spec.get().path("paths");
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        if (!METHODS.contains(method.getKey().toLowerCase(Locale.ROOT))) {
          continue; // parameters, servers, summary, ...
        }
        JsonNode operation = method.getValue();
        SourcePosition at = positions.getOrDefault(path.getKey() + " " + method.getKey(), SourcePosition.of(name, 1, 1));
        String operationId = operation.path("operationId").asText("");
        if (operationId.isEmpty()) {
          diagnostics.add(
              Diagnostic.of(
                  DiagnosticCode.INVALID_SPECIFICATION,
                  at,
                  method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " has no operationId; ignored"));
          continue;
        }
        boolean streaming =
            declaresEventStream(operation.path("responses"))
                || contains(operation.path("produces"), EVENT_STREAM)
                || (swaggerStream && !operation.has("produces"));
        Optional<Duration> gap = Optional.empty();
        JsonNode declaredGap = operation.path(MAX_GAP_EXTENSION);
        if (!declaredGap.isMissingNode()) {
          if (streaming && declaredGap.canConvertToLong() && declaredGap.asLong() > 0) {
            gap = Optional.of(Duration.ofSeconds(declaredGap.asLong()));
          } else {
            diagnostics.add(
                Diagnostic.of(
                    DiagnosticCode.INVALID_SPECIFICATION,
                    at,
                    MAX_GAP_EXTENSION + " of '" + operationId
                        + "' must be a positive number of seconds on an operation that responds with text/event-stream; ignored"));
          }
        }
        operations.add(
            new SpecOperation(
                operationId,
                method.getKey().toUpperCase(Locale.ROOT),
                path.getKey(),
                streaming,
                gap,
                at,
                examples(operation.path("responses"))));
      }
    }
    return operations;
  }

  /**
   * The response examples of one operation, in declaration order: OpenAPI 3 {@code
   * responses.<status>.content.<type>.example}, or else the first {@code .examples.<name>.value};
   * Swagger 2 {@code responses.<status>.examples.<type>}. References ({@code $ref}) and {@code
   * externalValue} are not followed. Text is kept as written, other values become JSON.
   */
  private static List<Gateway.ResponseExample> examples(JsonNode responses) {
    List<Gateway.ResponseExample> found = new ArrayList<>();
    for (Map.Entry<String, JsonNode> response : responses.properties()) {
      String status = response.getKey();
      for (Map.Entry<String, JsonNode> content : response.getValue().path("content").properties()) {
        JsonNode media = content.getValue();
        Optional<JsonNode> value =
            media.has("example") ? Optional.of(media.get("example")) : firstValue(media.path("examples"));
        value.ifPresent(v -> found.add(new Gateway.ResponseExample(status, content.getKey(), exampleText(v))));
      }
      for (Map.Entry<String, JsonNode> example : response.getValue().path("examples").properties()) {
        found.add(new Gateway.ResponseExample(status, example.getKey(), exampleText(example.getValue())));
      }
    }
    return found;
  }

  private static Optional<JsonNode> firstValue(JsonNode namedExamples) {
    for (JsonNode example : namedExamples) {
      if (example.has("value")) {
        return Optional.of(example.get("value"));
      }
    }
    return Optional.empty();
  }

  private static String exampleText(JsonNode value) {
    // JsonNode.toString() writes JSON, for a tree read from YAML too.
    return value.isTextual() ? value.asText() : value.toString();
  }

  private static boolean declaresEventStream(JsonNode responses) {
    for (JsonNode response : responses) {
      for (Map.Entry<String, JsonNode> content : response.path("content").properties()) {
        if (content.getKey().toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean contains(JsonNode array, String mediaType) {
    for (JsonNode entry : array) {
      if (entry.asText("").toLowerCase(Locale.ROOT).startsWith(mediaType)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where each {@code paths.<path>.<method>} key stands, keyed {@code "<path> <method>"}: a second,
   * streaming pass, because the tree does not keep locations. Unreadable files give no positions
   * (the tree pass reported them).
   */
  private static Map<String, SourcePosition> methodPositions(Path file, JsonFactory factory) {
    Map<String, SourcePosition> positions = new HashMap<>();
    String name = file.toString();
    try (JsonParser parser = factory.createParser(file.toFile())) {
      List<String> fields = new ArrayList<>();
      int depth = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case FIELD_NAME -> {
            while (fields.size() >= depth) {
              fields.remove(fields.size() - 1);
            }
            fields.add(parser.currentName());
            if (depth == 3 && fields.get(0).equals("paths")) {
              JsonLocation location = parser.currentTokenLocation();
              positions.put(
                  fields.get(1) + " " + fields.get(2),
                  SourcePosition.of(name, Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1)));
            }
          }
          default -> {}
        }
      }
    } catch (IOException e) {
      return positions;
    }
    return positions;
  }

  private Optional<JsonNode> readJson(Path file, ObjectMapper mapper, List<Diagnostic> diagnostics) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return readJsonOrSpec(file, mapper, DiagnosticCode.INVALID_DESCRIPTOR, diagnostics);
  }

  private static Optional<JsonNode> readJsonOrSpec(
      Path file, ObjectMapper mapper, DiagnosticCode code, List<Diagnostic> diagnostics) {
    String name = file.toString();
    try {
      if (Files.size(file) > MAX_JSON_BYTES) {
        diagnostics.add(
            Diagnostic.of(DiagnosticCode.DOCUMENT_TOO_LARGE, SourcePosition.of(name, 1, 1), "larger than " + MAX_JSON_BYTES + " bytes"));
        return Optional.empty();
      }
      return Optional.ofNullable(mapper.readTree(file.toFile()));
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      SourcePosition at =
          location == null
              ? SourcePosition.of(name, 1, 1)
              : SourcePosition.of(name, Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
      diagnostics.add(Diagnostic.of(code, at, "cannot parse: " + e.getOriginalMessage()));
      return Optional.empty();
    } catch (IOException e) {
      diagnostics.add(Diagnostic.of(DiagnosticCode.IO_ERROR, SourcePosition.of(name, 1, 1), "cannot read: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /** Immediate subfolders, sorted by name for a stable order; none when the folder is absent. */
  private static List<Path> subfolders(Path folder, List<Diagnostic> diagnostics) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      diagnostics.add(
          Diagnostic.of(DiagnosticCode.IO_ERROR, SourcePosition.of(folder.toString(), 1, 1), "cannot list: " + e.getMessage()));
      return List.of();
    }
  }
}
