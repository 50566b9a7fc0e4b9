package dev.sluice.runtime;

import dev.sluice.core.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The compiled effective policy of one operation: the steps of each {@link Section}, in order.
 *
 * <p>Execution: inbound, then backend, then outbound; a failure anywhere runs {@code onError} with
 * {@link LastError} set; a step that ends the exchange ({@link StepOutcome#END}) skips the rest.
 * Immutable and shared by every exchange of the operation, so a {@link PolicyGateway#reload} swaps
 * whole pipelines while exchanges in flight finish on the one they started with.
 */
public record Pipeline(
    List<PolicyStep> inbound,
    List<PolicyStep> backend,
    List<PolicyStep> outbound,
    List<PolicyStep> onError) {

  public Pipeline {
    inbound = List.copyOf(inbound);
    backend = List.copyOf(backend);
    outbound = List.copyOf(outbound);
    onError = List.copyOf(onError);
  }

  /** The steps of one section. */
  public List<PolicyStep> steps(Section section) {
    return switch (section) {
      case INBOUND -> inbound;
      case BACKEND -> backend;
      case OUTBOUND -> outbound;
      case ON_ERROR -> onError;
    };
  }

  /**
   * A pipeline that only forwards with the given options, like a policy file whose backend section
   * holds a single {@code <forward-request/>}.
   */
  public static Pipeline forwarding(ForwardRequestOptions options) {
    return builder().add(Section.BACKEND, Steps.forwardRequest(options)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a pipeline in code; not thread-safe. */
  public static final class Builder {
    private final List<PolicyStep> inbound = new ArrayList<>();
    private final List<PolicyStep> backend = new ArrayList<>();
    private final List<PolicyStep> outbound = new ArrayList<>();
    private final List<PolicyStep> onError = new ArrayList<>();

    private Builder() {}

    /** Appends a step to a section. */
    public Builder add(Section section, PolicyStep step) {
      Objects.requireNonNull(step, "step");
      switch (section) {
        case INBOUND -> inbound.add(step);
        case BACKEND -> backend.add(step);
        case OUTBOUND -> outbound.add(step);
        case ON_ERROR -> onError.add(step);
      }
      return this;
    }

    public Pipeline build() {
      return new Pipeline(inbound, backend, outbound, onError);
    }
  }
}
