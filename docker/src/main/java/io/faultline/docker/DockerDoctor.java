package io.faultline.docker;

import io.faultline.env.ExecResult;
import io.faultline.env.HostCommand;
import io.faultline.preflight.Check;
import io.faultline.preflight.Check.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The docker section of {@code faultline doctor}: whether an engine answers, whether the
 * Testcontainers settings that avoid a hanging pull are in place, and which of faultline's images
 * are built, with the command that builds the missing ones. Asks the {@code docker} CLI, bounded
 * in time, so a dead engine costs seconds and Testcontainers is not touched at all.
 */
public final class DockerDoctor {
    private static final Duration LIMIT = Duration.ofSeconds(15);
    static final String START_ENGINE = "dockerd >/var/log/dockerd.log 2>&1 &";

    /** What probing the engine found: its version, or why it does not answer. */
    record Engine(Optional<String> version, String problem, String fix) {
        static Engine answering(String version) {
            return new Engine(Optional.of(version), "", "");
        }

        static Engine notAnswering(String problem, String fix) {
            return new Engine(Optional.empty(), problem, fix);
        }
    }

    private DockerDoctor() {
    }

    /** Probes this machine's engine and images. */
    public static List<Check> run() {
        Map<String, String> env = System.getenv();
        Engine engine = probeEngine();
        Optional<Set<String>> images = engine.version().isPresent() ? listImages() : Optional.empty();
        return decide(engine, DockerEngine.whyUnavailable(), images, env);
    }

    /**
     * The checks, from what was found. {@code images} is empty when they could not be listed.
     * Nothing here is required for a default run (it uses the local environment).
     */
    static List<Check> decide(Engine engine, Optional<String> testcontainers, Optional<Set<String>> images,
                              Map<String, String> env) {
        List<Check> checks = new ArrayList<>();
        if (engine.version().isEmpty()) {
            checks.add(new Check("engine", engine.fix().startsWith("apt-get") ? Status.MISSING : Status.UNAVAILABLE,
                    engine.problem(), engine.fix(), false));
        } else {
            checks.add(new Check("engine", Status.OK, "docker engine " + engine.version().get() + " answers", "", false));
        }
        if (testcontainers.isEmpty()) {
            checks.add(new Check("settings", Status.OK,
                    "TESTCONTAINERS_RYUK_DISABLED=true (and the host override when in a container): nothing is pulled", "", false));
        } else if (engine.version().isPresent() || !testcontainers.get().startsWith("no Docker engine")) {
            // A missing socket is the engine check's news; say only what the engine check does not.
            checks.add(new Check("settings", Status.MISSING, testcontainers.get(),
                    testcontainers.get().contains("HOST_OVERRIDE") ? "export TESTCONTAINERS_HOST_OVERRIDE=localhost"
                            : "export TESTCONTAINERS_RYUK_DISABLED=true   (./faultline sets it)", false));
        }
        String build = DockerImages.version(env).equals(DockerImages.VERSION) ? DockerImages.BUILD_COMMAND
                : DockerImages.VERSION_VARIABLE + "=" + DockerImages.version(env) + " " + DockerImages.BUILD_COMMAND;
        List<String> all = DockerImages.all(env);
        if (images.isEmpty()) {
            checks.add(new Check("images", Status.UNAVAILABLE, "not checked (" + (engine.version().isEmpty()
                    ? "no engine answers" : "'docker image ls' failed") + "): " + String.join(", ", all), "", false));
            return checks;
        }
        List<String> missing = all.stream().filter(i -> !images.get().contains(i)).toList();
        for (String image : all) {
            String store = image.substring("faultline/".length(), image.indexOf(':'));
            boolean runtime = DockerImages.STORES.contains(store);
            String use = runtime ? "--env docker --store " + store : "only " + DockerImages.BUILD_COMMAND + " needs it, to build the others";
            if (images.get().contains(image)) {
                checks.add(new Check(store, Status.OK, image + " present (" + use + ")", "", false));
            } else {
                // The fix is on the summary line below: one command builds every missing image.
                checks.add(new Check(store, Status.MISSING, image + " missing (" + use + ")", "", false));
            }
        }
        if (!missing.isEmpty()) {
            checks.add(new Check("images", Status.MISSING, missing.size() + " of " + all.size()
                    + " faultline images missing; one command builds them all offline (idempotent, skips what exists)",
                    build, false));
        }
        return checks;
    }

    private static Engine probeEngine() {
        Optional<Path> docker = HostCommand.which("docker");
        if (docker.isEmpty()) {
            return Engine.notAnswering("the docker CLI is missing (needed for --env docker)", "apt-get install -y docker.io");
        }
        try {
            ExecResult r = HostCommand.run(List.of(docker.get().toString(), "version", "--format", "{{.Server.Version}}"),
                    Map.of(), LIMIT);
            if (r.ok() && !r.stdout().isBlank()) {
                return Engine.answering(r.stdout().strip());
            }
            String err = r.stderr().strip();
            return Engine.notAnswering("docker is installed but no engine answers"
                    + (err.isEmpty() ? "" : " (" + firstLine(err) + ")"), START_ENGINE);
        } catch (IOException e) {
            return Engine.notAnswering("cannot run docker: " + e.getMessage(), "apt-get install -y docker.io");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Engine.notAnswering("interrupted", "");
        }
    }

    private static Optional<Set<String>> listImages() {
        try {
            ExecResult r = HostCommand.run(List.of("docker", "image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "faultline/*"),
                    Map.of(), LIMIT);
            if (!r.ok()) {
                return Optional.empty();
            }
            return Optional.of(r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toSet()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
