package io.faultline.workloads.append;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.workload.WorkloadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The append workload checks what its stores claim, strict serializability, unless told otherwise. */
class AppendWorkloadCheckerTest {
    /** T1 appends 1 to x and commits; T2 starts afterwards and reads x empty; T3 reads [1]. */
    private static History staleAfterCommit() {
        List<Op> evs = new ArrayList<>();
        Object[][] txns = {{0, List.of(List.of("append", "x", 1L)), List.of(List.of("append", "x", 1L))},
            {1, List.of(java.util.Arrays.asList("r", "x", null)), List.of(List.of("r", "x", List.of()))},
            {2, List.of(java.util.Arrays.asList("r", "x", null)), List.of(List.of("r", "x", List.of(1L)))}};
        for (Object[] t : txns) {
            evs.add(new Op(evs.size(), evs.size() * 10L, (Integer) t[0], OpType.INVOKE, "txn", null, t[1], null, null));
            evs.add(new Op(evs.size(), evs.size() * 10L, (Integer) t[0], OpType.OK, "txn", null, t[2], null, null));
        }
        return History.of(evs);
    }

    private static Checker checker(Map<String, String> settings) {
        return new AppendWorkloadProvider().create(new WorkloadOptions(1, 2, 3, settings)).checkers().get(0);
    }

    @Test
    void defaultIsStrictSerializableSoAStaleReadAfterCommitFails() {
        CheckResult r = checker(Map.of()).check(staleAfterCommit());
        assertEquals(Verdict.INVALID, r.verdict(), r.summary());
        assertTrue(r.summary().contains("checked strict-serializable"), r.summary());
        assertEquals("G-single-item-realtime", r.anomalies().get(0).type());
    }

    @Test
    void aWeakerModelCanBeAskedForAndABadOneIsRefused() {
        CheckResult r = checker(Map.of("consistency-models", "serializable")).check(staleAfterCommit());
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        var e = assertThrows(IllegalArgumentException.class, () -> checker(Map.of("consistency-models", "acid")));
        assertTrue(e.getMessage().startsWith("--opt workload.consistency-models: unknown model \"acid\""), e.getMessage());
    }
}
