package dev.sluice.runtime;

import dev.sluice.core.Gateway;
import java.util.List;
import java.util.Objects;

/**
 * What expressions see of the operation a pipeline was compiled for ({@code context.Api/Operation}),
 * and the response examples of its specification ({@code mock-response}).
 */
record OperationInfo(
    String apiId,
    String apiPath,
    String serviceUrl,
    String operationId,
    String method,
    String urlTemplate,
    List<Gateway.ResponseExample> examples) {
  OperationInfo {
    examples = List.copyOf(examples);
    Objects.requireNonNull(apiId, "apiId");
    Objects.requireNonNull(apiPath, "apiPath");
    Objects.requireNonNull(serviceUrl, "serviceUrl");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(urlTemplate, "urlTemplate");
  }
}
