package dev.sluice.runtime;

import dev.sluice.core.expr.ExpressionContext;
import dev.sluice.core.expr.InMemoryExpressionContext;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link ExpressionContext} of one live exchange: a view over its {@link PolicyContext}, made
 * for one evaluation. Bodies are visible only when buffered; a step whose expressions read a body
 * buffers it before evaluating (see {@link BodyPreparation}).
 */
final class ContextView implements ExpressionContext {
  private final PolicyContext context;
  private final OperationInfo operation;
  private final TraceSink traceSink;

  ContextView(PolicyContext context, OperationInfo operation, TraceSink traceSink) {
    this.context = context;
    this.operation = operation;
    this.traceSink = traceSink;
  }

  @Override
  public Map<String, Object> variables() {
    return Collections.unmodifiableMap(context.variables());
  }

  @Override
  public Request request() {
    PolicyContext.Request request = context.request();
    return new Request() {
      @Override
      public String method() {
        return request.method();
      }

      @Override
      public Url url() {
        return InMemoryExpressionContext.parseUrl(request.url().toString());
      }

      @Override
      public Url originalUrl() {
        return InMemoryExpressionContext.parseUrl(context.serverRequest().absoluteURI());
      }

      @Override
      public Map<String, List<String>> headers() {
        return headerMap(request.headers());
      }

      @Override
      public String ipAddress() {
        SocketAddress remote = context.serverRequest().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "" : remote.hostAddress();
      }

      @Override
      public Map<String, String> matchedParameters() {
        return request.matchedParameters();
      }

      @Override
      public Optional<Body> body() {
        return context.bufferedRequestBody().map(buffer -> requestBody());
      }
    };
  }

  private Body requestBody() {
    return preserve -> {
      String text = context.bufferedRequestBody().map(Buffer::toString).orElse("");
      if (!preserve) {
        // APIM consumes the body on a read without preserveContent: the backend gets none.
        context.bufferedRequestBody(Buffer.buffer());
      }
      return text;
    };
  }

  @Override
  public Optional<Response> response() {
    if (context.responseWithheld()) {
      return Optional.empty();
    }
    PolicyContext.Response response = context.response();
    return Optional.of(
        new Response() {
          @Override
          public int statusCode() {
            return response.status();
          }

          @Override
          public String statusReason() {
            return response.reason().orElse("");
          }

          @Override
          public Map<String, List<String>> headers() {
            return headerMap(response.headers());
          }

          @Override
          public Optional<Body> body() {
            if (response.body().isEmpty()) {
              return Optional.empty();
            }
            return Optional.of(
                preserve -> {
                  String text = response.body().map(Buffer::toString).orElse("");
                  if (!preserve) {
                    response.body(Buffer.buffer());
                  }
                  return text;
                });
          }
        });
  }

  @Override
  public Optional<Api> api() {
    Url serviceUrl = InMemoryExpressionContext.parseUrl(operation.serviceUrl());
    return Optional.of(
        new Api() {
          @Override
          public String id() {
            return operation.apiId();
          }

          @Override
          public String name() {
            return operation.apiId();
          }

          @Override
          public String path() {
            return operation.apiPath();
          }

          @Override
          public String version() {
            return "";
          }

          @Override
          public String revision() {
            return "1";
          }

          @Override
          public Url serviceUrl() {
            return serviceUrl;
          }
        });
  }

  @Override
  public Optional<Operation> operation() {
    return Optional.of(
        new Operation() {
          @Override
          public String id() {
            return operation.operationId();
          }

          @Override
          public String name() {
            return operation.operationId();
          }

          @Override
          public String method() {
            return operation.method();
          }

          @Override
          public String urlTemplate() {
            return operation.urlTemplate();
          }
        });
  }

  @Override
  public Optional<Product> product() {
    return Optional.empty();
  }

  @Override
  public Optional<Subscription> subscription() {
    return Optional.empty();
  }

  @Override
  public Optional<User> user() {
    return Optional.empty();
  }

  @Override
  public Deployment deployment() {
    return new Deployment() {
      @Override
      public String region() {
        return "";
      }

      @Override
      public String serviceName() {
        return "sluice";
      }

      @Override
      public String serviceId() {
        return "sluice";
      }
    };
  }

  @Override
  public Optional<LastError> lastError() {
    return context
        .lastError()
        .map(
            error ->
                new LastError() {
                  @Override
                  public String source() {
                    return error.source();
                  }

                  @Override
                  public String reason() {
                    return error.reason();
                  }

                  @Override
                  public String message() {
                    return error.message();
                  }

                  @Override
                  public String scope() {
                    return error.scope();
                  }

                  @Override
                  public String section() {
                    return error.section().name().toLowerCase(Locale.ROOT).replace('_', '-');
                  }

                  @Override
                  public String path() {
                    return error.path();
                  }

                  @Override
                  public String policyId() {
                    return error.policyId();
                  }
                });
  }

  @Override
  public String requestId() {
    return context.requestId();
  }

  @Override
  public Instant timestamp() {
    return context.timestamp();
  }

  @Override
  public Duration elapsed() {
    return context.elapsed();
  }

  @Override
  public void trace(String source, String message) {
    traceSink.trace(
        new TraceSink.Entry(context.requestId(), source, "verbose", message, Map.of()));
  }

  private static Map<String, List<String>> headerMap(MultiMap headers) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> header : headers) {
      map.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
    }
    return Collections.unmodifiableMap(map);
  }
}
