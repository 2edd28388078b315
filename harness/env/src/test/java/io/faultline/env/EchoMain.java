package io.faultline.env;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A node process for the environment tests: answers each line on HOST:PORT with "hi" and the
 * wall clock this process reads ("hi 1795447643123"), so tests see both reachability and the
 * clock libfaketime gives it.
 */
public final class EchoMain {
    private EchoMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
            System.out.println("listening");
            while (true) {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                         PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                        while (in.readLine() != null) {
                            out.println("hi " + System.currentTimeMillis());
                        }
                    } catch (Exception ignored) {
                        // client gone
                    }
                });
            }
        }
    }

    /** The command that starts this server with the test's own JVM and class path. */
    static java.util.List<String> command(String host, int port) {
        return java.util.List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx32m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), EchoMain.class.getName(),
                host, Integer.toString(port));
    }
}
