package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerInstancesTest extends GatewayTestSupport {

  @Test
  void several_listener_instances_share_one_port_and_each_serves() throws Exception {
    HttpServer backend = backend(request -> request.response().end("from backend"));
    PolicyGateway gateway =
        PolicyGateway.create(
            vertx,
            GatewayOptions.builder().listenerInstances(3).build(),
            RoutingTable.of(List.of(route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())))));
    gateways.add(gateway);

    int port = join(gateway.listen(0)).actualPort();

    for (int i = 0; i < 9; i++) {
      // A fresh connection each time, so that the connections are spread over the instances.
      HttpClientResponse[] response = new HttpClientResponse[1];
      Buffer body =
          join(
              vertx
                  .createHttpClient()
                  .request(HttpMethod.GET, port, "127.0.0.1", "/api/x")
                  .compose(request -> request.putHeader("connection", "close").send())
                  .compose(
                      r -> {
                        response[0] = r;
                        return r.body();
                      }));
      assertThat(response[0].statusCode()).isEqualTo(200);
      assertThat(body.toString()).isEqualTo("from backend");
    }
    DefaultPolicyGateway running = (DefaultPolicyGateway) gateway;
    assertThat(running.listeningPorts()).hasSize(3).containsOnly(port);
  }
}
