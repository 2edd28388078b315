package io.faultline.runner;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.EnvironmentException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StandardEnvironmentsTest {
    @Test
    void anUnknownKindIsRefusedNotReplacedByAuto() {
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> new StandardEnvironments(Path.of("."))
                .create(new EnvironmentRequest("dokcer", "t1", 3, Path.of("/tmp"), false, false, "raftstore")));
        assertTrue(e.getMessage().contains("unknown environment 'dokcer'; expected one of auto, local, loopback, docker"),
                e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> StandardEnvironments.requireKnown("vm", "env"));
        assertTrue(a.getMessage().startsWith("env: unknown environment 'vm'"), a.getMessage());
    }
}
