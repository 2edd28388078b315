package io.faultline.docker;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** What the docker tests need before they start: skipped where Docker is not ready, failed under CI=true. */
final class DockerTests {
    private DockerTests() {
    }

    static void require(String... images) {
        Optional<String> why = DockerEngine.whyNotReady(List.of(images));
        if (why.isPresent() && DockerEngine.underCi()) {
            throw new AssertionError("CI=true, and the docker tests cannot run: " + why.get());
        }
        why.ifPresent(w -> System.out.println("docker tests skipped: " + w));
        Assumptions.assumeTrue(why.isEmpty(), () -> "docker tests skipped: " + why.get());
    }
}
