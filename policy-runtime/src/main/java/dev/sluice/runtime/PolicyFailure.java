package dev.sluice.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * A runtime failure of an exchange, carried by a failed {@link io.vertx.core.Future}: the status it
 * maps to, a stable key (the {@link LastError#reason()}), a message, and the cause if any.
 *
 * <p>Steps fail with this type so that on-error and the default error response can say exactly what
 * went wrong. Any other throwable reaching the pipeline is reported as {@code 500 policy_error}.
 */
public final class PolicyFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String key;
  private final transient Map<String, String> headers;

  public PolicyFailure(int status, String key, String message) {
    this(status, key, message, null);
  }

  public PolicyFailure(int status, String key, String message, Throwable cause) {
    this(status, key, message, Map.of(), cause);
  }

  /**
   * A failure whose default response carries {@code headers} as well, such as {@code Retry-After}
   * on a 429.
   */
  public PolicyFailure(
      int status, String key, String message, Map<String, String> headers, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause, false, false);
    this.headers = Map.copyOf(headers);
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status out of range: " + status);
    }
    this.status = status;
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The HTTP status sent when no on-error step decides otherwise. */
  public int status() {
    return status;
  }

  /** A stable machine key, such as {@code backend_unreachable}. */
  public String key() {
    return key;
  }

  /** Headers the default error response carries. */
  public Map<String, String> headers() {
    return headers;
  }

  /** This failure, or the given throwable wrapped as {@code 500 policy_error}. */
  static PolicyFailure of(Throwable failure) {
    if (failure instanceof PolicyFailure policyFailure) {
      return policyFailure;
    }
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new PolicyFailure(500, "policy_error", message, failure);
  }
}
