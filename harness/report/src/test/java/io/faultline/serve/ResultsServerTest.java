package io.faultline.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.report.Fixtures;
import io.faultline.report.ReportBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsServerTest {
    @TempDir
    Path tmp;
    Path root;
    ResultsServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(tmp.resolve("results"));
        Path valid = Fixtures.copy(Fixtures.VALID, root, "valid-run", "20260101T000000");
        new ReportBuilder().build(valid);
        Fixtures.copy(Fixtures.STALE, root, "stale-run", "20260102T000000");
        Files.createSymbolicLink(root.resolve("latest"), root.relativize(valid));
        // things outside the results folder that must never be served
        Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET");
        Files.createSymbolicLink(root.resolve("escape"), tmp);
        Files.createSymbolicLink(valid.resolve("secret-link.txt"), tmp.resolve("secret.txt"));
        server = new ResultsServer(root, "127.0.0.1", 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsRunsWithVerdictStoreWorkloadNemesisAndFilters() throws Exception {
        String page = get("/").body();
        assertTrue(page.contains("valid-run/20260101T000000"), page);
        assertTrue(page.contains("stale-run/20260102T000000"));
        assertEquals(2, count(page, "<tr class=\"run\""), "latest is not listed twice");
        assertTrue(page.contains("<td>raftstore</td><td>register</td><td>partition"), "store, workload, nemesis columns");
        String invalid = get("/?verdict=invalid").body();
        assertEquals(1, count(invalid, "<tr class=\"run\""));
        assertTrue(invalid.contains("stale-run"));
        assertFalse(invalid.contains("valid-run/2026"));
        assertTrue(get("/api/runs").body().startsWith("["));
    }

    @Test
    void opensReportsAndBuildsMissingOnes() throws Exception {
        HttpResponse<String> r = get("/runs/valid-run/20260101T000000/report.html");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("id=\"latency-plot\""));
        assertEquals(200, get("/runs/latest/report.html").statusCode(), "links inside the folder are fine");
        HttpResponse<String> b = get("/build?run=stale-run/20260102T000000");
        assertEquals(302, b.statusCode());
        assertTrue(Files.exists(root.resolve("stale-run/20260102T000000/report.html")));
    }

    @Test
    void comparesTwoRunsSideBySide() throws Exception {
        HttpResponse<String> r = get("/compare?a=valid-run/20260101T000000&b=stale-run/20260102T000000");
        assertEquals(200, r.statusCode());
        String page = r.body();
        assertTrue(page.contains("<table id=\"compare-table\">"));
        assertTrue(page.contains("<td class=\"valid\">valid</td><td class=\"invalid\">invalid</td>"), "verdicts side by side");
        assertTrue(page.contains("availability during faults"));
        assertTrue(page.contains("latency p99"));
        assertTrue(page.contains("anomalies linearizable"));
        assertEquals(400, get("/compare?a=valid-run/20260101T000000&b=nope").statusCode());
    }

    @Test
    void refusesPathsOutsideTheResultsFolder() throws Exception {
        for (String path : new String[]{
                "/runs/../secret.txt", "/runs/%2e%2e/secret.txt", "/runs/..%2fsecret.txt", "/runs/valid-run/../../secret.txt",
                "/runs/escape/secret.txt", "/runs/valid-run/20260101T000000/secret-link.txt", "/runs/%2Fetc%2Fpasswd/..",
                "/runs/..%5csecret.txt", "/runs/valid-run%00/x"}) {
            String response = raw(path);
            assertFalse(response.contains("TOP-SECRET"), path + " leaked a file outside the results folder");
            assertTrue(response.startsWith("HTTP/1.1 403") || response.startsWith("HTTP/1.1 404") || response.startsWith("HTTP/1.1 400"),
                    path + " -> " + response.lines().findFirst().orElse(""));
        }
        assertTrue(raw("/runs/escape/secret.txt").startsWith("HTTP/1.1 403"));
        assertTrue(raw("/runs/%2e%2e/secret.txt").startsWith("HTTP/1.1 403"));
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(server.url() + "runs/x")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
    }

    /** Sends the path byte for byte, so no client library normalizes "..". */
    private String raw(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream o = s.getOutputStream();
            o.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
