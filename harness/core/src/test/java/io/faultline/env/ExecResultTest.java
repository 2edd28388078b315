package io.faultline.env;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecResultTest {
    @Test
    void onlyAKillWhoseEveryTargetHadExitedCountsAsGone() {
        assertTrue(new ExecResult(1, "", "kill: (4242): No such process\n").failedOnGoneProcesses());
        assertTrue(new ExecResult(1, "", "kill: (1): No such process\nkill: (2): No such process\n").failedOnGoneProcesses());
        assertFalse(new ExecResult(1, "", "kill: (1): No such process\nkill: (2): Operation not permitted\n").failedOnGoneProcesses(),
                "one process that could not be signalled is a failure");
        assertFalse(new ExecResult(1, "", "").failedOnGoneProcesses(), "a failure that says nothing is not 'gone'");
        assertFalse(new ExecResult(0, "", "").failedOnGoneProcesses(), "a kill that worked did not fail");
    }
}
