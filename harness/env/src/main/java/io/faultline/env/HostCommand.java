package io.faultline.env;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs short host commands (ip, iptables, kill, date) with a time limit and captured output. */
public final class HostCommand {
    private static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);

    private HostCommand() {
    }

    public static ExecResult run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of(), DEFAULT_LIMIT);
    }

    public static ExecResult run(List<String> command, Map<String, String> env, Duration limit)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return new ExecResult(124, join(out), "timed out after " + limit.toMillis() + " ms: "
                    + String.join(" ", command) + "\n" + join(err));
        }
        return new ExecResult(p.exitValue(), join(out), join(err));
    }

    /** Runs a command that must succeed; the exception names the command and its stderr. */
    public static String check(List<String> command) {
        try {
            ExecResult r = run(command);
            if (!r.ok()) {
                throw new EnvironmentException("'" + String.join(" ", command) + "' exited " + r.exitCode()
                        + ": " + r.stderr().strip());
            }
            return r.stdout();
        } catch (IOException e) {
            throw new EnvironmentException("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while running '" + String.join(" ", command) + "'", e);
        }
    }

    /** Runs a command whose failure is not worth more than a false (best-effort teardown). */
    public static boolean quietly(List<String> command) {
        try {
            return run(command).ok();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether an executable is on the PATH (or the sbin directories root tools live in). */
    public static java.util.Optional<java.nio.file.Path> which(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            java.nio.file.Path p = java.nio.file.Path.of(dir, name);
            if (java.nio.file.Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return f;
    }

    private static String join(CompletableFuture<String> f) throws InterruptedException {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return "";
        }
    }
}
