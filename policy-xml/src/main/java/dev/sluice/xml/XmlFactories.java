package dev.sluice.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLInputFactory2;

/** Woodstox configured for untrusted input. */
final class XmlFactories {
  private XmlFactories() {}

  /**
   * A factory that never reads a DTD or resolves an entity, and stops at the given depth, attribute
   * and text sizes. Namespace processing is off: policy names have no prefixes, and markup kept
   * verbatim (a SOAP envelope in {@code set-body}) may use prefixes it does not declare.
   */
  static XMLInputFactory2 hardened(int maxDepth, int maxAttributeChars, int maxTextChars) {
    WstxInputFactory factory = new WstxInputFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
    factory.setProperty(
        XMLInputFactory.RESOLVER,
        (javax.xml.stream.XMLResolver)
            (publicId, systemId, baseUri, namespace) -> {
              throw new XMLStreamException("external resources are not allowed: " + systemId);
            });
    factory.setProperty(XMLInputFactory2.P_PRESERVE_LOCATION, true);
    factory.setProperty(XMLInputFactory2.P_REPORT_PROLOG_WHITESPACE, false);
    factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, maxDepth);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, maxAttributeChars);
    factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, maxTextChars);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 256);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    return factory;
  }
}
