package io.faultline.nemesis;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store process of the test Db: a line server on TCP HOST:PORT answering "ping" with "pong",
 * "time" with its wall clock (System.currentTimeMillis, which libfaketime shifts) and "count" with
 * how many UDP datagrams arrived on HOST:PORT (for the packet-loss test).
 */
public final class EchoServer {
    private EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress host = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        AtomicLong datagrams = new AtomicLong();
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(host, port));
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[1500];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (true) {
                try {
                    udp.receive(p);
                    datagrams.incrementAndGet();
                } catch (Exception e) {
                    return;
                }
            }
        });
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(host, port));
            System.out.println("listening on " + host.getHostAddress() + ":" + port);
            while (true) {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s, datagrams));
            }
        }
    }

    private static void serve(Socket s, AtomicLong datagrams) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.strip()) {
                    case "ping" -> out.println("pong");
                    case "time" -> out.println(System.currentTimeMillis());
                    case "count" -> out.println(datagrams.get());
                    default -> out.println("unknown " + line);
                }
            }
        } catch (Exception e) {
            // The client went away; nothing to clean up beyond the socket.
        }
    }
}
