package io.faultline.check.ids;

import static io.faultline.check.H.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faultline.check.CheckResult;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueIdsCheckerTest {
    @Test
    void duplicateIdIsFound() {
        CheckResult r = new UniqueIdsChecker().check(h()
                .op(0, "generate", null, null, 1L).op(1, "generate", null, null, 2L)
                .op(0, "generate", null, null, 1L).build());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("duplicate-id"), r.anomalies().stream().map(a -> a.type()).toList());
        assertEquals(List.of(0L, 4L), r.anomalies().get(0).opIndexes());
    }

    @Test
    void distinctIdsAreValid() {
        assertEquals(Verdict.VALID, new UniqueIdsChecker().check(h()
                .op(0, "generate", null, null, 1L).op(1, "generate", null, null, 2L)
                .invoke(2, "generate", null, null).info(2).build()).verdict());
    }

    @Test
    void registerHistoryIsRejected() {
        assertThrows(UnsuitableHistoryException.class, () -> new UniqueIdsChecker().check(h()
                .op(0, "read", "x", null, 1L).build()));
    }
}
