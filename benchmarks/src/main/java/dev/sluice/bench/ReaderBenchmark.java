package dev.sluice.bench;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.catalog.CatalogValidator;
import dev.sluice.core.catalog.PolicyCatalog;
import dev.sluice.xml.PolicyReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Policy documents read per second by {@link PolicyReader}, next to the floor: a bare, hardened
 * Woodstox scan of the same bytes that only walks the events. The inputs are typical 2–4 KB policy
 * files, well-formed so that the bare scan can read them too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReaderBenchmark {

  @Param({"global-jwt-cors.xml", "chat-stream-operation.xml", "soap-bridge-api.xml"})
  public String file;

  private byte[] content;
  private PolicyReader reader;
  private XMLInputFactory2 woodstox;
  private CatalogValidator validator;
  private PolicyDocument document;

  @Setup(Level.Trial)
  public void load() {
    content = resource("policies/" + file);
    reader = PolicyReader.create();
    woodstox = hardenedWoodstox();
    validator = CatalogValidator.create(PolicyCatalog.standard());
    LoadResult<PolicyDocument> check = reader.read(file, content);
    if (check.value().isEmpty()) {
      throw new IllegalStateException("benchmark input does not load: " + check.diagnostics());
    }
    document = check.value().get();
  }

  @Benchmark
  public LoadResult<PolicyDocument> sluiceReader() {
    return reader.read(file, content);
  }

  /** The catalog validation the reader includes, alone, to tell its share of {@link #sluiceReader}. */
  @Benchmark
  public List<Diagnostic> catalogValidation() {
    return validator.validate(document);
  }

  @Benchmark
  public int woodstoxScan() throws XMLStreamException {
    XMLStreamReader2 xml = (XMLStreamReader2) woodstox.createXMLStreamReader(new ByteArrayInputStream(content));
    try {
      int events = 0;
      while (xml.hasNext()) {
        events += xml.next();
      }
      return events;
    } finally {
      xml.closeCompletely();
    }
  }

  /** Woodstox configured the way an untrusted policy file must be read: no DTD, no entities, limits. */
  static XMLInputFactory2 hardenedWoodstox() {
    XMLInputFactory2 factory = new WstxInputFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    factory.setProperty(
        XMLInputFactory.RESOLVER,
        (XMLResolver)
            (publicId, systemId, baseUri, namespace) -> {
              throw new XMLStreamException("external resources are not allowed: " + systemId);
            });
    factory.setProperty(XMLInputFactory2.P_PRESERVE_LOCATION, true);
    factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 64);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, 64 * 1024);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 256);
    factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, 256 * 1024);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    return factory;
  }

  static byte[] resource(String name) {
    try (InputStream in = ReaderBenchmark.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing benchmark resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
