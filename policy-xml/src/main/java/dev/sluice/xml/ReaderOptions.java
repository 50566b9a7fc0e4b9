package dev.sluice.xml;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.sluice.core.catalog.PolicyCatalog;

/**
 * Limits and the catalog a {@link PolicyReader} works with. Defaults follow APIM: 256 KiB per policy
 * document, 512 KB per fragment.
 */
public record ReaderOptions(
    PolicyCatalog catalog,
    int maxDocumentBytes,
    int maxFragmentBytes,
    int maxDepth,
    int maxAttributeChars,
    int maxTextChars) {

  public ReaderOptions {
    requireNonNull(catalog, "catalog");
    checkArgument(maxDocumentBytes > 0 && maxFragmentBytes > 0, "sizes must be positive");
    checkArgument(maxDepth > 0 && maxAttributeChars > 0 && maxTextChars > 0, "limits must be positive");
  }

  public static ReaderOptions defaults() {
    return new ReaderOptions(PolicyCatalog.standard(), 256 * 1024, 512_000, 64, 64 * 1024, 256 * 1024);
  }

  public ReaderOptions withCatalog(PolicyCatalog other) {
    return new ReaderOptions(other, maxDocumentBytes, maxFragmentBytes, maxDepth, maxAttributeChars, maxTextChars);
  }
}
