package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.bench.load.TcpPorts.PortRange;
import dev.sluice.bench.load.TcpPorts.PortUse;
import dev.sluice.bench.load.TcpPorts.TcpSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TcpPortsTest {
  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

  /** A /proc/net/tcp row from local 127.0.0.1:LOCAL to REMOTE_HEX:REMOTE in STATE. */
  private static String ipv4Row(int local, String remoteHex, int remote, int state) {
    return String.format("  12: 0100007F:%04X %s:%04X %02X 00000000:00000000 03:00001234 00000000     0        0 0 3 "
        + "0000000000000000", local, remoteHex, remote, state);
  }

  @Test
  void parses_an_ipv4_time_wait_row() {
    TcpSocket socket = TcpPorts.parseLine(ipv4Row(40000, "0100007F", 41394, 0x06)).orElseThrow();
    assertThat(socket).isEqualTo(new TcpSocket(40000, "127.0.0.1", 41394, TcpPorts.TIME_WAIT));
  }

  @Test
  void parses_an_ipv4_mapped_ipv6_row_as_ipv4() {
    String row = "   3: 0000000000000000FFFF00000100007F:9C41 0000000000000000FFFF00000100007F:A1B2 01 "
        + "00000000:00000000 00:00000000 00000000  1000        0 123 1 0000000000000000 20 4 30 10 -1";
    assertThat(TcpPorts.parseLine(row))
        .hasValue(new TcpSocket(0x9C41, "127.0.0.1", 0xA1B2, TcpPorts.ESTABLISHED));
  }

  @Test
  void decodes_addresses_in_little_endian_words() {
    assertThat(TcpPorts.address("0F02000A")).isEqualTo("10.0.2.15");
    assertThat(TcpPorts.address("00000000000000000000000001000000")).isEqualTo("00000000000000000000000001000000");
  }

  @Test
  void skips_the_header_and_malformed_rows() {
    assertThat(TcpPorts.parseLine(HEADER)).isEmpty();
    assertThat(TcpPorts.parseLine("")).isEmpty();
    assertThat(TcpPorts.parseLine("   0: 0100007F 0100007F:0050 0A")).isEmpty();
    assertThat(TcpPorts.parseLine("   0: 0100007F:ZZZZ 0100007F:0050 0A")).isEmpty();
  }

  @Test
  void counts_only_non_listening_loopback_sockets_towards_each_port() {
    List<String> table = List.of(
        HEADER,
        ipv4Row(40000, "0100007F", 9000, 0x06),
        ipv4Row(40001, "0100007F", 9000, 0x06),
        ipv4Row(40002, "0100007F", 9000, 0x01),
        ipv4Row(40003, "0F02000A", 9000, 0x06), // another host: its ports are not shared
        ipv4Row(9000, "00000000", 0, 0x0A), // the listener itself
        ipv4Row(40004, "0100007F", 9001, 0x06));
    List<TcpSocket> sockets = table.stream().flatMap(l -> TcpPorts.parseLine(l).stream()).toList();
    Map<Integer, Integer> needed = new LinkedHashMap<>();
    needed.put(9000, 10_000);
    needed.put(9002, 5_000);

    assertThat(TcpPorts.use(sockets, needed))
        .containsExactly(new PortUse(9000, 2, 1, 10_000), new PortUse(9002, 0, 0, 5_000));
  }

  @Test
  void room_is_the_range_minus_held_needed_and_margin() {
    PortRange range = PortRange.parse("32768\t60999\n");
    assertThat(range.size()).isEqualTo(28_232);
    // 20,000 connections of earlier runs in TIME_WAIT towards one port leave no room for 10,000 more.
    assertThat(new PortUse(9000, 20_000, 0, 10_000).fits(range, 1_000)).isFalse();
    assertThat(new PortUse(9000, 17_232, 0, 10_000).fits(range, 1_000)).isTrue();
    assertThat(new PortUse(9000, 17_000, 233, 10_000).fits(range, 1_000)).isFalse();
  }

  @Test
  void rejects_a_malformed_port_range() {
    assertThatThrownBy(() -> PortRange.parse("32768")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortRange.parse("60999 32768")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reads_this_machines_whole_port_range() throws IOException {
    PortRange range = TcpPorts.readRange();
    assertThat(range.size()).isGreaterThan(1_000);
  }

  @Test
  void finds_an_open_loopback_connection_in_this_machines_table() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket unused = server.accept()) {
      int port = server.getLocalPort();
      List<TcpSocket> sockets = TcpPorts.read();

      assertThat(sockets).contains(new TcpSocket(socket.getLocalPort(), "127.0.0.1", port, TcpPorts.ESTABLISHED));
      assertThat(TcpPorts.use(sockets, Map.of(port, 1)).get(0).held()).isEqualTo(1);
    }
  }
}
