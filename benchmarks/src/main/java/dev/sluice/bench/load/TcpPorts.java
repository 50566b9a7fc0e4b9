package dev.sluice.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local ports held by TCP connections towards a destination port, read from {@code /proc/net/tcp}
 * and {@code /proc/net/tcp6} (Linux only).
 *
 * <p>Why it matters: an outgoing connection takes a local port from the ephemeral range ({@code
 * /proc/sys/net/ipv4/ip_local_port_range}), and Linux only needs the whole 4-tuple to be unique. A
 * closed connection keeps its local port for 60 s in TIME_WAIT on the side that closed first. So
 * 10,000 connections to one destination port, closed, leave 10,000 fewer local ports for that same
 * destination for a minute, while another destination port is unaffected. The driver checks the
 * room left before each run that opens thousands of connections.
 *
 * <p>Addresses are decoded as a little-endian kernel prints them (x86-64, arm64).
 */
final class TcpPorts {
  static final int ESTABLISHED = 0x01;
  static final int TIME_WAIT = 0x06;
  static final int LISTEN = 0x0A;
  static final String LOOPBACK = "127.0.0.1";

  private TcpPorts() {}

  /** One row of {@code /proc/net/tcp*}: the remote address is dotted IPv4 when it is IPv4 or IPv4-mapped. */
  record TcpSocket(int localPort, String remoteAddress, int remotePort, int state) {}

  /** The ephemeral port range, both ends included. */
  record PortRange(int low, int high) {
    PortRange {
      if (low < 1 || high < low || high > 65_535) {
        throw new IllegalArgumentException("bad port range " + low + "-" + high);
      }
    }

    int size() {
      return high - low + 1;
    }

    /** Parses the content of {@code ip_local_port_range}, two numbers separated by white space. */
    static PortRange parse(String content) {
      String[] parts = content.trim().split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException("expected two numbers: " + content.trim());
      }
      return new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
  }

  /**
   * The local ports that connections to 127.0.0.1:{@code port} hold, and how many more a run will
   * open there.
   */
  record PortUse(int port, int timeWait, int otherStates, int needed) {
    int held() {
      return timeWait + otherStates;
    }

    /** Whether {@code needed} more connections fit in {@code range}, keeping {@code margin} ports spare. */
    boolean fits(PortRange range, int margin) {
      return held() + needed + margin <= range.size();
    }
  }

  /** Parses one line of {@code /proc/net/tcp} or {@code /proc/net/tcp6}; empty for the header or a malformed line. */
  static Optional<TcpSocket> parseLine(String line) {
    String[] fields = line.trim().split("\\s+");
    if (fields.length < 4 || !fields[0].endsWith(":")) {
      return Optional.empty();
    }
    try {
      int localColon = fields[1].indexOf(':');
      int remoteColon = fields[2].indexOf(':');
      if (localColon < 0 || remoteColon < 0) {
        return Optional.empty();
      }
      int localPort = Integer.parseInt(fields[1].substring(localColon + 1), 16);
      String remote = address(fields[2].substring(0, remoteColon));
      int remotePort = Integer.parseInt(fields[2].substring(remoteColon + 1), 16);
      int state = Integer.parseInt(fields[3], 16);
      return Optional.of(new TcpSocket(localPort, remote, remotePort, state));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * How many sockets hold a local port for a connection to 127.0.0.1 on each port of {@code
   * needed} (listening sockets do not), with the number of new connections each will need.
   */
  static List<PortUse> use(List<TcpSocket> sockets, Map<Integer, Integer> needed) {
    List<PortUse> uses = new ArrayList<>();
    needed.forEach((port, count) -> {
      int timeWait = 0;
      int other = 0;
      for (TcpSocket socket : sockets) {
        if (socket.remotePort() != port || socket.state() == LISTEN || !socket.remoteAddress().equals(LOOPBACK)) {
          continue;
        }
        if (socket.state() == TIME_WAIT) {
          timeWait++;
        } else {
          other++;
        }
      }
      uses.add(new PortUse(port, timeWait, other, count));
    });
    return uses;
  }

  /** Every IPv4 and IPv6 TCP socket of this network namespace. */
  static List<TcpSocket> read() throws IOException {
    List<TcpSocket> sockets = new ArrayList<>();
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(file));
      } catch (NoSuchFileException e) {
        // No IPv6 in this kernel: nothing to count there.
        continue;
      }
      lines.forEach(line -> parseLine(line).ifPresent(sockets::add));
    }
    return sockets;
  }

  static PortRange readRange() throws IOException {
    // Read by lines: Files.readString returns only the first byte of this sysctl file.
    return PortRange.parse(String.join(" ", Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))));
  }

  /**
   * Decodes the hexadecimal address of {@code /proc/net/tcp*}: 8 digits for IPv4, 32 for IPv6
   * (four 32-bit words, each printed in host byte order).
   */
  static String address(String hex) {
    if (hex.length() == 8) {
      return ipv4(hex);
    }
    if (hex.length() == 32) {
      boolean mapped = hex.substring(0, 16).chars().allMatch(c -> c == '0') && hex.substring(16, 24).equals("FFFF0000");
      return mapped ? ipv4(hex.substring(24)) : hex;
    }
    throw new NumberFormatException("not an address: " + hex);
  }

  private static String ipv4(String hex) {
    StringBuilder dotted = new StringBuilder();
    for (int i = 6; i >= 0; i -= 2) {
      dotted.append(Integer.parseInt(hex.substring(i, i + 2), 16));
      if (i > 0) {
        dotted.append('.');
      }
    }
    return dotted.toString();
  }
}
