package dev.sluice.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

/** What built-in steps need from the gateway that runs them. */
record GatewayEnv(Vertx vertx, HttpClient client, GatewayOptions options) {}
