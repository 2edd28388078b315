package io.faultline.check.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.CheckResult;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.linear.LinearizabilityChecker;
import io.faultline.linear.model.RegisterModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockCheckerTest {
    private static final LockChecker CHECKER = new LockChecker("lock", "resource");
    private static final ResourceLinearizability LINEAR = new ResourceLinearizability(
            new LinearizabilityChecker(RegisterModel.register()), "resource");
    /** For histories that start with the counter at 7, written before the excerpt. */
    private static final ResourceLinearizability FROM_SEVEN = new ResourceLinearizability(
            new LinearizabilityChecker(RegisterModel.register(), 7L, Duration.ofSeconds(10), 1), "resource");

    /** Events at explicit times (milliseconds since the start), in the order given. */
    private static final class B {
        final List<Op> events = new ArrayList<>();

        B inv(long ms, int p, String f, Object value) {
            events.add(new Op(events.size(), ms * 1_000_000, p, OpType.INVOKE, f, key(f), value, null, null));
            return this;
        }

        B done(long ms, int p, String f, OpType t, Object value, String error) {
            events.add(new Op(events.size(), ms * 1_000_000, p, t, f, key(f), value, null, error));
            return this;
        }

        B ok(long ms, int p, String f, Object value) {
            return done(ms, p, f, OpType.OK, value, null);
        }

        private static String key(String f) {
            return f.equals("acquire") || f.equals("release") ? "lock" : "resource";
        }

        History build() {
            return History.of(events);
        }
    }

    /** One whole section of process p: acquire at a, read r at rd, write r+1 at wr, release at rel. */
    private static B section(B b, int p, long token, long a, long rd, Long r, long wr, long rel) {
        long next = (r == null ? 0 : r) + 1;
        return b.inv(a, p, "acquire", null).ok(a + 5, p, "acquire", token)
                .inv(rd, p, "read", null).ok(rd + 1, p, "read", r)
                .inv(wr, p, "write", null).ok(wr + 1, p, "write", next)
                .inv(rel, p, "release", null).ok(rel + 5, p, "release", null);
    }

    /**
     * p7 acquires (token 41) and reads 7, then is paused past its lease; p3 acquires (token 57),
     * reads 7, writes 8 and releases. What p7's late write of 8 does is up to the caller.
     */
    private static B p3OvertakesPausedP7() {
        B b = new B().inv(12_000, 7, "acquire", null).ok(12_005, 7, "acquire", 41L)
                .inv(12_010, 7, "read", null).ok(12_011, 7, "read", 7L);
        return section(b, 3, 57, 12_395, 12_410, 7L, 12_450, 12_460);
    }

    @Test
    void sectionsOneAfterAnotherAreValid() {
        B b = new B();
        section(b, 0, 10, 0, 10, null, 300, 310);
        section(b, 1, 11, 320, 330, 1L, 600, 610);
        section(b, 2, 12, 620, 630, 2L, 900, 910);
        History h = b.build();
        CheckResult r = CHECKER.check(h);
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(3L, r.details().get("acknowledged-increments"));
        assertEquals(3L, r.details().get("last-written-value"));
        assertEquals(Verdict.VALID, LINEAR.check(h).verdict());
    }

    @Test
    void anOverlapIsALostIncrementInWords() {
        // p7 acquires, reads 7, is paused past its lease; p3 acquires at 12.40 s, reads 7 too and
        // writes 8; p7 resumes and writes 8 at 12.56 s: one of the two increments is lost.
        B b = p3OvertakesPausedP7()
                .inv(12_560, 7, "write", null).ok(12_570, 7, "write", 8L)
                .inv(12_575, 7, "release", null).ok(12_580, 7, "release", null);
        History h = b.build();
        CheckResult r = CHECKER.check(h);
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(1L, r.details().get("overlap-count"));
        assertEquals("lost-increment", r.anomalies().getFirst().type());
        String text = r.anomalies().getFirst().explanation();
        assertTrue(text.startsWith("p3 entered its critical section at 12.41 s while p7 held the lock until 12.57 s"), text);
        assertTrue(text.contains("p3's write of 8 was lost"), text);
        assertTrue(text.contains("token 41") && text.contains("token 57"), text);
        // A lost increment is still a linearizable register history: only the lock check sees it.
        assertEquals(Verdict.VALID, FROM_SEVEN.check(h).verdict());
    }

    @Test
    void aLateStaleWriteSetsTheResourceBack() {
        // p7 reads 7 and is paused; p3 and p5 each add one (8, 9); p7 resumes and writes 8.
        B b = new B();
        b.inv(1_000, 7, "acquire", null).ok(1_005, 7, "acquire", 41L)
                .inv(1_010, 7, "read", null).ok(1_011, 7, "read", 7L);
        section(b, 3, 57, 4_000, 4_010, 7L, 4_300, 4_310);
        section(b, 5, 59, 4_400, 4_410, 8L, 4_700, 4_710);
        b.inv(9_000, 7, "write", null).ok(9_001, 7, "write", 8L).inv(9_010, 7, "release", null).ok(9_015, 7, "release", null);
        CheckResult r = CHECKER.check(b.build());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(2L, r.details().get("overlap-count"));
        String text = r.anomalies().getFirst().explanation();
        assertTrue(text.contains("p7's write of 8 came last, at 9.00 s, and set the resource back from 9 to 8"), text);
    }

    @Test
    void aFencedStaleWriteIsNotAnAnomaly() {
        // The same schedule with fencing: p7's write with token 41 arrives after the resource saw 57.
        B b = p3OvertakesPausedP7()
                .inv(12_560, 7, "write", null)
                .done(12_570, 7, "write", OpType.FAIL, 8L, LockChecker.FENCED + ": token 41 is older than token 57")
                .inv(12_575, 7, "release", null).ok(12_580, 7, "release", null);
        History h = b.build();
        CheckResult r = CHECKER.check(h);
        assertEquals(Verdict.VALID, r.verdict(), r.anomalies().toString());
        assertEquals(1L, r.details().get("fenced-writes"));
        assertEquals(1L, r.details().get("overlaps-without-two-writes"));
        assertTrue(r.summary().contains("1 stale writes refused by fencing"), r.summary());
        assertEquals(Verdict.VALID, FROM_SEVEN.check(h).verdict());
    }

    @Test
    void aReadOfAValueNobodyWroteIsNotLinearizable() {
        B b = new B();
        section(b, 0, 10, 0, 10, null, 300, 310);
        section(b, 1, 11, 320, 330, 5L, 600, 610);
        CheckResult r = LINEAR.check(b.build());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("linearizable", r.checker());
    }

    @Test
    void refusesResourceUseWithoutTheLock() {
        B b = new B().inv(0, 1, "read", null).ok(1, 1, "read", null);
        assertThrows(UnsuitableHistoryException.class, () -> CHECKER.check(b.build()));
        // A resource op the client refused without the lock touched nothing and is fine.
        B refused = new B().inv(0, 1, "read", null).done(1, 1, "read", OpType.FAIL, null, "not holding the lock");
        assertEquals(Verdict.VALID, CHECKER.check(refused.build()).verdict());
    }
}
