package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadBackendTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void serves_every_port_it_listens_on_with_one_set_of_counters() throws Exception {
    LoadBackend backend = new LoadBackend(vertx);
    List<Integer> ports = await(backend.listen(List.of(0, 0, 0)));
    assertThat(ports).hasSize(3).doesNotHaveDuplicates().allMatch(p -> p > 0);

    HttpClientAgent http = vertx.createHttpClient();
    String plain = await(http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(ports.get(2)).setURI("/plain"))
        .compose(r -> r.send()).compose(r -> r.body())).toString();
    String events = await(http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(ports.get(1)).setURI("/sse?events=3&interval=1&pad=0"))
        .compose(r -> r.send()).compose(r -> r.body())).toString();
    BackendControl.Stats stats = await(new BackendControl(vertx, ports.get(0)).stats());

    assertThat(plain).startsWith("hello from the load backend");
    assertThat(events).contains("id: 1\n", "id: 2\n", "id: 3\n");
    assertThat(stats).isEqualTo(new BackendControl.Stats(3, 0));
    await(backend.close());
  }
}
