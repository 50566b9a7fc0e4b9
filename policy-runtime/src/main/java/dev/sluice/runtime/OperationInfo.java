package dev.sluice.runtime;

import java.util.Objects;

/** What expressions see of the operation a pipeline was compiled for ({@code context.Api/Operation}). */
record OperationInfo(
    String apiId,
    String apiPath,
    String serviceUrl,
    String operationId,
    String method,
    String urlTemplate) {
  OperationInfo {
    Objects.requireNonNull(apiId, "apiId");
    Objects.requireNonNull(apiPath, "apiPath");
    Objects.requireNonNull(serviceUrl, "serviceUrl");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(urlTemplate, "urlTemplate");
  }
}
