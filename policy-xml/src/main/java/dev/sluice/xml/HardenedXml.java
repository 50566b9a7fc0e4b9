package dev.sluice.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.validation.SchemaFactory;
import org.codehaus.stax2.XMLInputFactory2;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/**
 * The one place where Sluice configures XML parsing of untrusted input: Woodstox that never reads a
 * DTD (so no entity can be declared, let alone expanded), never fetches anything, and stops at
 * bounded depth, attribute count, sizes and entity count. A fresh factory per call: factory configuration is mutable, so
 * factories are not shared between readers.
 */
final class HardenedXml {
  private static final int DESCRIPTOR_MAX_DEPTH = 32;
  private static final int DESCRIPTOR_MAX_ATTRIBUTE_CHARS = 64 * 1024;
  private static final int DESCRIPTOR_MAX_ATTRIBUTES = 64;
  private static final int DESCRIPTOR_MAX_TEXT_CHARS = 256 * 1024;
  private static final int POLICY_MAX_ATTRIBUTES = 256;

  private static final XMLResolver NO_EXTERNAL_RESOURCES =
      (publicId, systemId, baseUri, namespace) -> {
        throw new XMLStreamException("external resources are not allowed: " + systemId);
      };

  private HardenedXml() {}

  /**
   * For policy XML. Namespace processing is off: policy names have no prefixes, and markup kept
   * verbatim (a SOAP envelope in {@code set-body}) may use prefixes it does not declare. Text comes
   * in pieces with exact locations, which the policy reader maps back to the original text.
   */
  static XMLInputFactory2 policyInputFactory(int maxDepth, int maxAttributeChars, int maxTextChars) {
    XMLInputFactory2 factory =
        hardened(maxDepth, maxAttributeChars, POLICY_MAX_ATTRIBUTES, maxTextChars);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    // An undeclared entity comes back as an event the reader reports with its exact position.
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory2.P_PRESERVE_LOCATION, true);
    factory.setProperty(XMLInputFactory2.P_REPORT_PROLOG_WHITESPACE, false);
    return factory;
  }

  /**
   * For the gateway descriptor, which JAXB binds: namespaces on, text coalesced. Entity references
   * stay in replacing mode: with no DTD none is declared, so Woodstox rejects any but the predefined
   * ones instead of handing JAXB an event it would drop silently.
   */
  static XMLInputFactory2 descriptorInputFactory() {
    XMLInputFactory2 factory =
        hardened(
            DESCRIPTOR_MAX_DEPTH,
            DESCRIPTOR_MAX_ATTRIBUTE_CHARS,
            DESCRIPTOR_MAX_ATTRIBUTES,
            DESCRIPTOR_MAX_TEXT_CHARS);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** A schema factory for our own bundled schemas: it may not fetch anything. */
  static SchemaFactory schemaFactory() {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
      throw new IllegalStateException("the JDK schema factory lacks secure processing", e);
    }
    return factory;
  }

  private static XMLInputFactory2 hardened(
      int maxDepth, int maxAttributeChars, int maxAttributes, int maxTextChars) {
    WstxInputFactory factory = new WstxInputFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
    factory.setProperty(XMLInputFactory.RESOLVER, NO_EXTERNAL_RESOURCES);
    factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, maxDepth);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, maxAttributeChars);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, maxAttributes);
    factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, maxTextChars);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    return factory;
  }
}
