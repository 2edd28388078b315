package io.faultline.env;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Shared bits of the environment tests: root detection, temp folders, a line echo server. */
final class TestSupport {
    private TestSupport() {
    }

    static boolean root() {
        return Privileges.isRoot();
    }

    static Path tempDir() throws IOException {
        return Files.createTempDirectory("faultline-env-test-");
    }

    static String runId(String name) {
        return name + "-" + ProcessHandle.current().pid();
    }

    /** An in-JVM server on {@code host:0} that answers each line with the same line. */
    static ServerSocket echo(String host) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(host, 0));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                            String line;
                            while ((line = in.readLine()) != null) {
                                out.println(line);
                            }
                        } catch (IOException ignored) {
                            // client gone
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    static Optional<String> ask(String address, String line, int timeoutMillis) {
        int colon = address.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8).println(line);
            return Optional.ofNullable(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
