package dev.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an APIOps extract of about {@code N} policy files for the linter speed test
 * ({@code benchmarks/lint-speed.sh}): a global policy, then APIs of eight operations each (half of
 * them Server-Sent Events streams), every API and operation with its own policy file, until N files.
 * One streaming operation in ten inherits the global plain {@code <forward-request/>}, one in
 * seven caches its response, so the linter has findings to report as well as clean files to pass.
 *
 * <p>Usage: {@code LintTreeGenerator TARGET-FOLDER [N]} (N defaults to 1000). Deterministic: the
 * same N gives the same tree.
 */
public final class LintTreeGenerator {

  private static final int OPERATIONS_PER_API = 8;

  private LintTreeGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: LintTreeGenerator TARGET-FOLDER [N]");
    }
    Path root = Path.of(args[0]);
    int files = args.length == 2 ? Integer.parseInt(args[1]) : 1000;
    int written = generate(root, files);
    System.out.println(written + " policy files written to " + root);
  }

  /** Writes the tree; returns the number of policy files written. */
  static int generate(Path root, int files) throws IOException {
    write(root.resolve("policy.xml"), GLOBAL);
    int written = 1;
    for (int api = 0; written < files; api++) {
      String apiId = "api-" + api;
      Path apiDir = root.resolve("apis").resolve(apiId);
      write(apiDir.resolve("apiInformation.json"), apiInformation(apiId));
      write(apiDir.resolve("policy.xml"), API_POLICY.formatted(api));
      written++;
      StringBuilder spec = new StringBuilder(SPEC_HEAD.formatted(apiId));
      for (int op = 0; op < OPERATIONS_PER_API && written < files; op++) {
        boolean stream = op % 2 == 0;
        String opId = (stream ? "stream-" : "get-") + op;
        spec.append(SPEC_OPERATION.formatted(op, opId, stream ? "text/event-stream" : "application/json"));
        int n = api * OPERATIONS_PER_API + op;
        String backend =
            stream && n % 10 != 0
                ? "<forward-request buffer-response=\"false\" timeout=\"120\" />"
                : "<base />";
        String cache = stream && n % 7 == 0 ? "\n    <cache-store duration=\"60\" />" : "";
        write(apiDir.resolve("operations").resolve(opId).resolve("policy.xml"),
            OPERATION_POLICY.formatted(op, backend, cache));
        written++;
      }
      write(apiDir.resolve("specification.yaml"), spec.toString());
    }
    return written;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String apiInformation(String apiId) {
    return """
        {
          "properties": {
            "displayName": "%1$s",
            "apiRevision": "1",
            "serviceUrl": "https://%1$s.internal.example",
            "path": "%1$s",
            "protocols": ["https"],
            "isCurrent": true
          }
        }
        """.formatted(apiId);
  }

  private static final String GLOBAL =
      """
      <policies>
        <inbound>
          <set-header name="X-Request-Id" exists-action="skip">
            <value>@(context.RequestId.ToString())</value>
          </set-header>
        </inbound>
        <backend>
          <forward-request />
        </backend>
        <outbound>
          <set-header name="X-Powered-By" exists-action="delete" />
        </outbound>
        <on-error />
      </policies>
      """;

  private static final String API_POLICY =
      """
      <policies>
        <inbound>
          <base />
          <set-header name="X-Api" exists-action="override">
            <value>api-%d</value>
          </set-header>
          <rate-limit calls="100" renewal-period="60" />
        </inbound>
        <backend>
          <base />
        </backend>
        <outbound>
          <base />
        </outbound>
        <on-error>
          <base />
        </on-error>
      </policies>
      """;

  private static final String OPERATION_POLICY =
      """
      <policies>
        <inbound>
          <base />
          <set-variable name="op" value="@(context.Operation.Id + "-%d")" />
          <choose>
            <when condition="@(context.Request.Headers.GetValueOrDefault("X-Debug", "") == "1")">
              <set-header name="X-Debug-Op" exists-action="override">
                <value>@((string)context.Variables["op"])</value>
              </set-header>
            </when>
          </choose>
        </inbound>
        <backend>
          %s
        </backend>
        <outbound>
          <base />%s
        </outbound>
        <on-error>
          <base />
        </on-error>
      </policies>
      """;

  private static final String SPEC_HEAD =
      """
      openapi: 3.0.1
      info:
        title: %s
        version: '1.0'
      paths:
      """;

  private static final String SPEC_OPERATION =
      """
        /items/%d:
          get:
            operationId: %s
            responses:
              '200':
                description: OK
                content:
                  %s:
                    schema:
                      type: string
      """;
}
