package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

/**
 * Policies that send telemetry. They read no body by themselves: a message that reads a body does
 * so through an expression, which the expression analysis reports.
 */
final class LoggingPolicies {
  private LoggingPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor LOG_TO_EVENTHUB =
      PolicyDescriptor.builder("log-to-eventhub")
          .summary(
              "Sends the element's text (a string or an expression) to an event hub logger;"
                  + " messages over 200 KB are truncated")
          .reference(REF + "log-to-eventhub-policy")
          .attribute(
              AttributeDescriptor.builder("logger-id", STRING)
                  .required()
                  .description("Id of the logger registered in the service"))
          .attribute(
              AttributeDescriptor.builder("partition-id", INTEGER)
                  .description("Index of the partition to send to; not with partition-key"))
          .attribute(
              AttributeDescriptor.builder("partition-key", STRING)
                  .expressions()
                  .description("Value used to assign the partition; not with partition-id"))
          .text(true)
          .build();

  static final PolicyDescriptor TRACE =
      PolicyDescriptor.builder("trace")
          .summary("Adds a custom trace to request tracing, Application Insights and resource logs")
          .reference(REF + "trace-policy")
          .attribute(
              AttributeDescriptor.builder("source", STRING)
                  .required()
                  .description("Source of the message, meaningful to the trace viewer"))
          .attribute(
              AttributeDescriptor.builder("severity", ENUM)
                  .values("verbose", "information", "error")
                  .defaultValue("verbose")
                  .description("Severity of the trace, lowest to highest"))
          .child(
              ElementDescriptor.builder("message")
                  .text(true)
                  .occurs(1, 1)
                  .description("The string or expression to log"))
          .child(
              ElementDescriptor.builder("metadata")
                  .attribute(
                      AttributeDescriptor.builder("name", STRING)
                          .required()
                          .expressions()
                          .description("Property name"))
                  .attribute(
                      AttributeDescriptor.builder("value", STRING)
                          .required()
                          .expressions()
                          .description("Property value"))
                  .occurs(0, UNBOUNDED)
                  .description("A custom property of the Application Insights trace"))
          .build();

  static final PolicyDescriptor EMIT_METRIC =
      PolicyDescriptor.builder("emit-metric")
          .summary("Sends a custom metric to Application Insights")
          .reference(REF + "emit-metric-policy")
          .attribute(
              AttributeDescriptor.builder("name", STRING)
                  .required()
                  .description("Name of the metric"))
          .attribute(
              AttributeDescriptor.builder("namespace", STRING)
                  .defaultValue("API Management")
                  .description("Namespace of the metric"))
          .attribute(
              AttributeDescriptor.builder("value", STRING)
                  .defaultValue("1")
                  .expressions()
                  .description("Value of the metric, a double"))
          .child(SharedElements.dimension(10))
          .build();
}
