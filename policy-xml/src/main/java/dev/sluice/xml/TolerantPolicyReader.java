package dev.sluice.xml;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.catalog.CatalogValidator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * The {@link PolicyReader}: decode (UTF-8, BOM allowed), normalize line breaks, mask expressions,
 * parse with hardened Woodstox, build the model, validate against the catalog.
 */
final class TolerantPolicyReader implements PolicyReader {
  private final ReaderOptions options;
  private final XMLInputFactory2 factory;
  private final CatalogValidator validator;
  private final ElementRole.Table roles;
  private final int maxBytes;

  TolerantPolicyReader(ReaderOptions options) {
    this.options = requireNonNull(options, "options");
    this.factory =
        HardenedXml.policyInputFactory(options.maxDepth(), options.maxAttributeChars(), options.maxTextChars());
    this.validator = CatalogValidator.create(options.catalog());
    this.roles = ElementRole.Table.of(options.catalog());
    this.maxBytes = Math.max(options.maxDocumentBytes(), options.maxFragmentBytes());
  }

  @Override
  public LoadResult<PolicyDocument> read(Path file) {
    requireNonNull(file, "file");
    String name = file.toString();
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        return tooLarge(name, size);
      }
      return read(name, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return failed(DiagnosticCode.IO_ERROR, SourcePosition.of(name, 1, 1), "file not found");
    } catch (IOException e) {
      return failed(
          DiagnosticCode.IO_ERROR,
          SourcePosition.of(name, 1, 1),
          "cannot read the file: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @Override
  public LoadResult<PolicyDocument> read(String fileName, byte[] content) {
    requireNonNull(fileName, "fileName");
    requireNonNull(content, "content");
    if (content.length > maxBytes) {
      return tooLarge(fileName, content.length);
    }
    if (content.length >= 2
        && ((content[0] == (byte) 0xFE && content[1] == (byte) 0xFF)
            || (content[0] == (byte) 0xFF && content[1] == (byte) 0xFE))) {
      return failed(
          DiagnosticCode.INVALID_ENCODING,
          SourcePosition.of(fileName, 1, 1),
          "the file is UTF-16; policy files are UTF-8: save it as UTF-8");
    }
    int start =
        content.length >= 3
                && content[0] == (byte) 0xEF
                && content[1] == (byte) 0xBB
                && content[2] == (byte) 0xBF
            ? 3
            : 0;
    if (isAscii(content, start)) {
      // Most policy files are ASCII: every byte is its char, nothing can be malformed.
      return readText(
          fileName,
          new String(content, start, content.length - start, StandardCharsets.US_ASCII),
          content.length - start);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
    CharBuffer out = CharBuffer.allocate(content.length - start);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      out.flip();
      return failed(
          DiagnosticCode.INVALID_ENCODING,
          endOf(fileName, out),
          String.format(
              "invalid UTF-8 at byte %d (0x%02X); save the file as UTF-8",
              in.position(), content[Math.min(in.position(), content.length - 1)] & 0xFF));
    }
    out.flip();
    return readText(fileName, out.toString(), content.length - start);
  }

  @Override
  public LoadResult<PolicyDocument> read(String fileName, String content) {
    requireNonNull(fileName, "fileName");
    requireNonNull(content, "content");
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    if (text.length() > maxBytes) {
      return tooLarge(fileName, text.length());
    }
    int bytes = utf8Length(text);
    if (bytes > maxBytes) {
      return tooLarge(fileName, bytes);
    }
    return readText(fileName, text, bytes);
  }

  private LoadResult<PolicyDocument> readText(String fileName, String raw, int byteLength) {
    SourceText source = SourceText.of(fileName, raw);
    if (source.text().isEmpty()) {
      return failed(
          DiagnosticCode.EMPTY_DOCUMENT,
          source.start(),
          "the file is empty; a policy file holds <policies> or <fragment>");
    }
    if (onlySpace(source.chars())) {
      return failed(
          DiagnosticCode.EMPTY_DOCUMENT,
          source.start(),
          "the file holds only white space; a policy file holds <policies> or <fragment>");
    }
    ExpressionMasker.Result masked = ExpressionMasker.mask(source.text(), source.chars().clone());
    if (masked.problem().isPresent()) {
      ExpressionMasker.Problem problem = masked.problem().get();
      return failed(problem.code(), source.position(problem.offset()), problem.message());
    }
    LoadResult<PolicyDocument> built =
        new DocumentBuilder(source, masked, byteLength, options, factory, roles).build();
    if (built.value().isEmpty()) {
      return built;
    }
    List<Diagnostic> found = validator.validate(built.value().get());
    if (found.isEmpty() && built.diagnostics().isEmpty()) {
      return built;
    }
    List<Diagnostic> diagnostics = new ArrayList<>(built.diagnostics());
    diagnostics.addAll(found);
    diagnostics.sort(null);
    return new LoadResult<>(built.value(), diagnostics);
  }

  private static boolean onlySpace(char[] text) {
    for (char ch : text) {
      if (!ExpressionMasker.isXmlSpace(ch)) {
        return false;
      }
    }
    return true;
  }

  private LoadResult<PolicyDocument> tooLarge(String fileName, long size) {
    return failed(
        DiagnosticCode.DOCUMENT_TOO_LARGE,
        SourcePosition.of(fileName, 1, 1),
        "the file is " + size + " bytes, over the limit of " + maxBytes
            + " bytes for any policy document or fragment");
  }

  private static LoadResult<PolicyDocument> failed(
      DiagnosticCode code, SourcePosition position, String message) {
    return LoadResult.failed(List.of(Diagnostic.of(code, position, message)));
  }

  /** The position just after the decoded text: where the bad byte stands. */
  private static SourcePosition endOf(String fileName, CharBuffer decoded) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < decoded.limit(); i++) {
      if (decoded.get(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return SourcePosition.of(fileName, line, column);
  }

  private static boolean isAscii(byte[] content, int from) {
    for (int i = from; i < content.length; i++) {
      if (content[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
