package dev.sluice.xml;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.Scope;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import dev.sluice.xml.DescriptorXml.ApiRefXml;
import dev.sluice.xml.DescriptorXml.ApiXml;
import dev.sluice.xml.DescriptorXml.FragmentXml;
import dev.sluice.xml.DescriptorXml.FrontProxyXml;
import dev.sluice.xml.DescriptorXml.GatewayXml;
import dev.sluice.xml.DescriptorXml.NamedValueXml;
import dev.sluice.xml.DescriptorXml.OperationXml;
import dev.sluice.xml.DescriptorXml.ProductXml;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.validation.Schema;
import org.codehaus.stax2.XMLStreamReader2;
import org.xml.sax.SAXException;

/**
 * Loads a gateway descriptor ({@code <gateway>}, see {@code gateway.xsd}): binds it with JAXB from a
 * hardened Woodstox reader, validating against the schema, then reads every policy file it names
 * (paths relative to the descriptor). Thread-safe.
 */
final class DescriptorLoader {
  static final String ROOT = "gateway";
  static final String SCHEMA_RESOURCE = "gateway.xsd";
  private static final int MAX_DESCRIPTOR_BYTES = 4 * 1024 * 1024;
  private static final Pattern SCHEMA_CODE = Pattern.compile("^cvc-[\\w.-]+: ");

  /** JAXB context and schema are costly to build and thread-safe once built. */
  private static final class Binding {
    static final JAXBContext CONTEXT;
    static final Schema SCHEMA;

    static {
      try {
        CONTEXT = JAXBContext.newInstance(GatewayXml.class);
        URL xsd = DescriptorLoader.class.getResource(SCHEMA_RESOURCE);
        SCHEMA = HardenedXml.schemaFactory().newSchema(xsd);
      } catch (JAXBException | SAXException e) {
        throw new IllegalStateException("the bundled gateway descriptor binding is broken", e);
      }
    }
  }

  private final PolicyFiles policies;

  DescriptorLoader(PolicyFiles policies) {
    this.policies = policies;
  }

  /** The bundled schema of the descriptor. */
  static Schema schema() {
    return Binding.SCHEMA;
  }

  LoadResult<Gateway> load(Path file) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    String name = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_DESCRIPTOR_BYTES) {
        return LoadResult.failed(
            List.of(
                Diagnostic.of(
                    DiagnosticCode.DOCUMENT_TOO_LARGE,
                    SourcePosition.of(name, 1, 1),
                    "the descriptor is larger than " + MAX_DESCRIPTOR_BYTES + " bytes")));
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return LoadResult.failed(
          List.of(Diagnostic.of(DiagnosticCode.IO_ERROR, SourcePosition.of(name, 1, 1), "cannot read: " + e.getMessage())));
    }
    IdentityHashMap<Object, SourcePosition> positions = new IdentityHashMap<>();
    Optional<GatewayXml> bound = bind(name, bytes, positions, diagnostics);
    if (bound.isEmpty()) {
      return LoadResult.failed(diagnostics);
    }
    Path base = file.getParent();
    Gateway gateway = new Assembly(base, positions, diagnostics, SourcePosition.of(name, 1, 1)).build(bound.get());
    return LoadResult.of(gateway, diagnostics);
  }

  private static Optional<GatewayXml> bind(
      String name, byte[] bytes, Map<Object, SourcePosition> positions, List<Diagnostic> diagnostics) {
    XMLStreamReader2 reader;
    try {
      reader = (XMLStreamReader2) HardenedXml.descriptorInputFactory().createXMLStreamReader(name, new ByteArrayInputStream(bytes));
      int event = reader.getEventType();
      while (event != XMLStreamConstants.START_ELEMENT) {
        if (event == XMLStreamConstants.DTD) {
          diagnostics.add(
              Diagnostic.of(
                  DiagnosticCode.DOCTYPE_FORBIDDEN, start(name, reader), "a DOCTYPE is not allowed in a gateway descriptor"));
          return Optional.empty();
        }
        if (!reader.hasNext()) {
          diagnostics.add(
              Diagnostic.of(DiagnosticCode.EMPTY_DOCUMENT, SourcePosition.of(name, 1, 1), "the descriptor has no root element"));
          return Optional.empty();
        }
        event = reader.next();
      }
      if (!reader.getLocalName().equals(ROOT) || !reader.getNamespaceURI().isEmpty()) {
        diagnostics.add(
            Diagnostic.of(
                DiagnosticCode.WRONG_ROOT,
                start(name, reader),
                "a gateway descriptor starts with <gateway>, not <" + reader.getPrefixedName() + ">"));
        return Optional.empty();
      }
    } catch (XMLStreamException e) {
      diagnostics.add(notWellFormed(name, e));
      return Optional.empty();
    }
    try {
      Unmarshaller unmarshaller = Binding.CONTEXT.createUnmarshaller();
      unmarshaller.setSchema(Binding.SCHEMA);
      XMLStreamReader2 current = reader;
      unmarshaller.setListener(
          new Unmarshaller.Listener() {
            @Override
            public void beforeUnmarshal(Object target, Object parent) {
              positions.put(target, start(name, current));
            }
          });
      Set<String> seen = new HashSet<>();
      unmarshaller.setEventHandler(
          event -> {
            Diagnostic diagnostic = fromEvent(name, event);
            // The schema validator reports an unknown element first, then JAXB again in its words.
            boolean echo = diagnostic.message().startsWith("unexpected element") && seen.contains(diagnostic.position().toString());
            if (!echo) {
              diagnostics.add(diagnostic);
            }
            seen.add(diagnostic.position().toString());
            // Keep going to report every problem; an unrecoverable parse error stops anyway.
            return true;
          });
      GatewayXml root = unmarshaller.unmarshal(reader, GatewayXml.class).getValue();
      return Optional.of(root);
    } catch (UnmarshalException e) {
      if (e.getLinkedException() instanceof XMLStreamException stax) {
        diagnostics.add(notWellFormed(name, stax));
      } else if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
        diagnostics.add(
            Diagnostic.of(DiagnosticCode.INVALID_DESCRIPTOR, SourcePosition.of(name, 1, 1), String.valueOf(e.getMessage())));
      }
      return Optional.empty();
    } catch (JAXBException e) {
      diagnostics.add(
          Diagnostic.of(DiagnosticCode.INVALID_DESCRIPTOR, SourcePosition.of(name, 1, 1), String.valueOf(e.getMessage())));
      return Optional.empty();
    }
  }

  private static SourcePosition start(String name, XMLStreamReader2 reader) {
    Location location = reader.getLocationInfo().getStartLocation();
    return position(name, location.getLineNumber(), location.getColumnNumber());
  }

  private static SourcePosition position(String name, int line, int column) {
    return SourcePosition.of(name, Math.max(line, 1), Math.max(column, 1));
  }

  private static Diagnostic notWellFormed(String name, XMLStreamException e) {
    Location location = e.getLocation();
    SourcePosition at =
        location == null ? SourcePosition.of(name, 1, 1) : position(name, location.getLineNumber(), location.getColumnNumber());
    String message = e.getMessage() == null ? "not well-formed" : e.getMessage();
    // Woodstox prefixes its message with the location; the diagnostic carries it already.
    int at2 = message.indexOf("\n at [");
    if (message.startsWith("ParseError at [")) {
      message = message.substring(message.indexOf("Message: ") + "Message: ".length());
    } else if (at2 > 0) {
      message = message.substring(0, at2);
    }
    return Diagnostic.of(DiagnosticCode.NOT_WELL_FORMED, at, message.strip());
  }

  private static Diagnostic fromEvent(String name, ValidationEvent event) {
    ValidationEventLocator locator = event.getLocator();
    SourcePosition at =
        locator == null ? SourcePosition.of(name, 1, 1) : position(name, locator.getLineNumber(), locator.getColumnNumber());
    String message = SCHEMA_CODE.matcher(String.valueOf(event.getMessage())).replaceFirst("");
    Severity severity = event.getSeverity() == ValidationEvent.WARNING ? Severity.WARNING : Severity.ERROR;
    return Diagnostic.of(DiagnosticCode.INVALID_DESCRIPTOR, severity, at, message);
  }

  /** Turns the bound descriptor into a {@link Gateway}, reading policy files on the way. */
  private final class Assembly {
    private final Path base;
    private final Map<Object, SourcePosition> positions;
    private final List<Diagnostic> diagnostics;
    private final SourcePosition fallback;

    Assembly(Path base, Map<Object, SourcePosition> positions, List<Diagnostic> diagnostics, SourcePosition fallback) {
      this.base = base;
      this.positions = positions;
      this.diagnostics = diagnostics;
      this.fallback = fallback;
    }

    Gateway build(GatewayXml xml) {
      SourcePosition source = at(xml);
      Optional<PolicyDocument> global = Optional.empty();
      for (int i = 0; i < xml.globals.size(); i++) {
        if (i > 0) {
          error(DiagnosticCode.INVALID_DESCRIPTOR, at(xml.globals.get(i)), "only one <global> is allowed");
        } else if (xml.globals.get(0).policy != null) {
          global = policies.scoped(resolve(xml.globals.get(0).policy), at(xml.globals.get(0)), Scope.GLOBAL, diagnostics);
        }
      }
      Optional<Gateway.FrontProxy> frontProxy = Optional.empty();
      for (int i = 0; i < xml.frontProxies.size(); i++) {
        FrontProxyXml proxy = xml.frontProxies.get(i);
        if (i > 0) {
          error(DiagnosticCode.INVALID_DESCRIPTOR, at(proxy), "only one <front-proxy> is allowed");
        } else {
          frontProxy =
              Optional.of(
                  new Gateway.FrontProxy(
                      Optional.ofNullable(proxy.responseBuffering),
                      Optional.ofNullable(proxy.requestTimeoutSeconds).map(s -> Duration.ofSeconds(s.longValueExact())),
                      at(proxy)));
        }
      }
      Map<String, Gateway.NamedValue> namedValues = new LinkedHashMap<>();
      for (NamedValueXml value : xml.namedValues) {
        if (value.name != null && unique(namedValues.keySet(), value.name, "named value", at(value))) {
          namedValues.put(
              value.name,
              new Gateway.NamedValue(
                  value.name, Optional.ofNullable(value.value), Boolean.TRUE.equals(value.secret), at(value)));
        }
      }
      Map<String, PolicyDocument> fragments = new LinkedHashMap<>();
      for (FragmentXml fragment : xml.fragments) {
        if (fragment.id != null && fragment.policy != null && unique(fragments.keySet(), fragment.id, "fragment", at(fragment))) {
          policies
              .fragment(resolve(fragment.policy), at(fragment), fragment.id, diagnostics)
              .ifPresent(document -> fragments.put(fragment.id, document));
        }
      }
      Map<String, Gateway.Api> apis = new LinkedHashMap<>();
      for (ApiXml api : xml.apis) {
        if (api.id != null && api.path != null && unique(apis.keySet(), api.id, "API", at(api))) {
          apis.put(api.id, api(api));
        }
      }
      Map<String, Gateway.Product> products = new LinkedHashMap<>();
      for (ProductXml product : xml.products) {
        if (product.id != null && unique(products.keySet(), product.id, "product", at(product))) {
          List<String> apiIds = new ArrayList<>();
          for (ApiRefXml ref : product.apiRefs) {
            if (ref.id == null) {
              continue;
            }
            if (!apis.containsKey(ref.id)) {
              error(DiagnosticCode.UNKNOWN_REFERENCE, at(ref), "product '" + product.id + "' includes an unknown API '" + ref.id + "'");
            } else if (!apiIds.contains(ref.id)) {
              apiIds.add(ref.id);
            }
          }
          Optional<PolicyDocument> policy =
              product.policy == null
                  ? Optional.empty()
                  : policies.scoped(resolve(product.policy), at(product), Scope.product(product.id), diagnostics);
          products.put(product.id, new Gateway.Product(product.id, policy, apiIds, at(product)));
        }
      }
      return new Gateway(
          global,
          List.copyOf(products.values()),
          List.copyOf(apis.values()),
          fragments,
          namedValues,
          Optional.ofNullable(xml.tier),
          frontProxy,
          source);
    }

    private Gateway.Api api(ApiXml api) {
      Optional<PolicyDocument> policy =
          api.policy == null ? Optional.empty() : policies.scoped(resolve(api.policy), at(api), Scope.api(api.id), diagnostics);
      Map<String, Gateway.Operation> operations = new LinkedHashMap<>();
      for (OperationXml operation : api.operations) {
        if (operation.id == null || operation.method == null || operation.urlTemplate == null) {
          continue; // reported by the schema
        }
        if (!unique(operations.keySet(), operation.id, "operation of API '" + api.id + "'", at(operation))) {
          continue;
        }
        boolean streaming = "sse".equals(operation.streaming);
        Optional<Duration> gap = Optional.empty();
        if (operation.maxEventGapSeconds != null) {
          if (streaming) {
            gap = Optional.of(Duration.ofSeconds(operation.maxEventGapSeconds.longValueExact()));
          } else {
            error(
                DiagnosticCode.INVALID_DESCRIPTOR,
                at(operation),
                "max-event-gap-seconds applies to a stream; add streaming=\"sse\" to operation '" + operation.id + "'");
          }
        }
        Optional<PolicyDocument> operationPolicy =
            operation.policy == null
                ? Optional.empty()
                : policies.scoped(resolve(operation.policy), at(operation), Scope.operation(api.id, operation.id), diagnostics);
        boolean marked =
            operationPolicy.map(DefaultGatewayLoader::markedAsStream).orElse(false)
                || policy.map(DefaultGatewayLoader::markedAsStream).orElse(false);
        operations.put(
            operation.id,
            new Gateway.Operation(
                api.id,
                operation.id,
                operation.method.toUpperCase(Locale.ROOT),
                operation.urlTemplate,
                operationPolicy,
                streaming || marked,
                gap,
                at(operation)));
      }
      return new Gateway.Api(
          api.id,
          api.path,
          Optional.ofNullable(api.backendUrl),
          policy,
          List.copyOf(operations.values()),
          at(api));
    }

    private boolean unique(Set<String> ids, String id, String what, SourcePosition at) {
      if (ids.contains(id)) {
        error(DiagnosticCode.INVALID_DESCRIPTOR, at, "duplicate " + what + " id '" + id + "'; ids must be unique");
        return false;
      }
      return true;
    }

    private Path resolve(String relative) {
      Path path = base == null ? Path.of(relative) : base.resolve(relative);
      return path.normalize();
    }

    private SourcePosition at(Object bound) {
      return positions.getOrDefault(bound, fallback);
    }

    private void error(DiagnosticCode code, SourcePosition at, String message) {
      diagnostics.add(Diagnostic.of(code, at, message));
    }
  }
}
