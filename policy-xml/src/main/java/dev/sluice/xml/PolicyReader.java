package dev.sluice.xml;

import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import java.nio.file.Path;

/**
 * Reads APIM policy XML ({@code <policies>} or {@code <fragment>}) into a {@link PolicyDocument}.
 *
 * <p>Tolerant of the raw form APIOps exports (expressions holding raw quotes, {@code <}, {@code &&},
 * generics), hardened against hostile XML (no DTDs, no entities, bounded sizes and depth). Every
 * problem is a {@link dev.sluice.core.Diagnostic} with its exact {@code file:line:col}; nothing is
 * thrown for bad input. Catalog validation ({@link dev.sluice.core.catalog.CatalogValidator#validate})
 * is included. Thread-safe.
 */
public interface PolicyReader {

  static PolicyReader create() {
    return create(ReaderOptions.defaults());
  }

  static PolicyReader create(ReaderOptions options) {
    return new TolerantPolicyReader(options);
  }

  /** Reads a file; positions name the file as {@code file.toString()}. */
  LoadResult<PolicyDocument> read(Path file);

  /** Reads bytes (UTF-8, BOM allowed); positions name {@code fileName}. */
  LoadResult<PolicyDocument> read(String fileName, byte[] content);

  /** Reads text already decoded; positions name {@code fileName}. */
  LoadResult<PolicyDocument> read(String fileName, String content);
}
