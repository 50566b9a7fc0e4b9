package dev.sluice.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The JAXB binding of the gateway descriptor ({@code gateway.xsd}): plain mutable holders, filled by
 * the unmarshaller and read once by {@link DescriptorLoader}; never exposed.
 */
final class DescriptorXml {
  private DescriptorXml() {}

  @XmlRootElement(name = "gateway")
  @XmlAccessorType(XmlAccessType.FIELD)
  static final class GatewayXml {
    @XmlAttribute String tier;

    @XmlElement(name = "global")
    List<GlobalXml> globals = new ArrayList<>();

    @XmlElement(name = "front-proxy")
    List<FrontProxyXml> frontProxies = new ArrayList<>();

    @XmlElement(name = "named-value")
    List<NamedValueXml> namedValues = new ArrayList<>();

    @XmlElement(name = "fragment")
    List<FragmentXml> fragments = new ArrayList<>();

    @XmlElement(name = "product")
    List<ProductXml> products = new ArrayList<>();

    @XmlElement(name = "api")
    List<ApiXml> apis = new ArrayList<>();
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  static final class GlobalXml {
    @XmlAttribute String policy;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  static final class FrontProxyXml {
    @XmlAttribute(name = "response-buffering")
    Boolean responseBuffering;

    @XmlAttribute(name = "request-timeout-seconds")
    BigInteger requestTimeoutSeconds;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  static final class NamedValueXml {
    @XmlAttribute String name;
    @XmlAttribute String value;
    @XmlAttribute Boolean secret;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  static final class FragmentXml {
    @XmlAttribute String id;
    @XmlAttribute String policy;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  static final class ProductXml {
    @XmlAttribute String id;
    @XmlAttribute String policy;

    @XmlElement(name = "api-ref")
    List<ApiRefXml> apiRefs = new ArrayList<>();
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  static final class ApiRefXml {
    @XmlAttribute String id;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  static final class ApiXml {
    @XmlAttribute String id;
    @XmlAttribute String path;

    @XmlAttribute(name = "backend-url")
    String backendUrl;

    @XmlAttribute String policy;

    @XmlElement(name = "operation")
    List<OperationXml> operations = new ArrayList<>();
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  static final class OperationXml {
    @XmlAttribute String id;
    @XmlAttribute String method;

    @XmlAttribute(name = "url-template")
    String urlTemplate;

    @XmlAttribute String policy;
    @XmlAttribute String streaming;

    @XmlAttribute(name = "max-event-gap-seconds")
    BigInteger maxEventGapSeconds;
  }
}
