package dev.sluice.xml;

import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.catalog.CatalogValidator;
import dev.sluice.core.expr.ExpressionCompiler;
import java.nio.file.Path;

/**
 * Loads everything a gateway is configured with into a {@link Gateway}, from whichever form it comes
 * in. {@link #load(Path)} accepts:
 *
 * <ul>
 *   <li>a gateway descriptor: an XML file whose root is {@code <gateway>} ({@code gateway.xsd}
 *       beside this class), or a folder holding one named {@code gateway.xml};
 *   <li>an APIOps extract: a folder with {@code apis/}, {@code products/}, {@code policy fragments/}
 *       or {@code named values/} (see the APIOps extractor's layout);
 *   <li>one policy file: a {@code <policies>} file becomes the policy of an API named after the file
 *       (after the folder for {@code policy.xml}) with one operation {@code *} (any method, URL
 *       {@code /*}) and no global policy, so APIM's default global policy applies; a comment
 *       {@code <!-- sluice:sse -->} before or directly inside the root marks the operation as a
 *       Server-Sent Events stream. A {@code <fragment>} file becomes a fragment;
 *   <li>a folder of policy files: every {@code *.xml} below it, each as above (ids are paths relative
 *       to the folder, without {@code .xml}; a fragment's id is its file or folder name).
 * </ul>
 *
 * <p>Every problem is a diagnostic with {@code file:line:col}; file names are the path given joined
 * with the relative path of each file, so they are valid from the caller's working directory. The
 * result holds a gateway whenever the input could be recognized, even with errors, so that as much
 * as possible can be checked in one run. Every policy expression is compiled with the gateway's
 * named values, so expression errors come with their position too. Implementations are thread-safe.
 */
public interface GatewayLoader {

  /** A loader with the standard reader and catalog. */
  static GatewayLoader create() {
    return create(ReaderOptions.defaults());
  }

  static GatewayLoader create(ReaderOptions options) {
    return create(PolicyReader.create(options), CatalogValidator.create(options.catalog()));
  }

  /** A loader reading policy files with {@code reader} and checking scope limits with {@code validator}. */
  static GatewayLoader create(PolicyReader reader, CatalogValidator validator) {
    return new DefaultGatewayLoader(
        new PolicyFiles(reader, validator), new ExpressionCheck(ExpressionCompiler.create()));
  }

  /** Loads a descriptor, an APIOps extract, a policy file or a folder of policy files. */
  LoadResult<Gateway> load(Path path);

  /** The XML schema of the gateway descriptor, as a class-path resource name. */
  static String descriptorSchemaResource() {
    return "/dev/sluice/xml/" + DescriptorLoader.SCHEMA_RESOURCE;
  }
}
