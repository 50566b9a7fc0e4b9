package dev.sluice.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Prints N distinct free TCP ports on 127.0.0.1, one per line, for the load script. */
public final class FreePorts {
  private FreePorts() {}

  public static void main(String[] args) throws IOException {
    int count = args.length == 0 ? 1 : Integer.parseInt(args[0]);
    List<ServerSocket> held = new ArrayList<>();
    try {
      // Hold every socket until all are chosen so the ports are distinct.
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      held.forEach(s -> System.out.println(s.getLocalPort()));
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }
}
