package io.faultline.check;

import static io.faultline.check.H.h;
import static io.faultline.check.H.l;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.ids.UniqueIdsChecker;
import io.faultline.check.set.SetChecker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckerRegistryTest {
    @Test
    void everyNameMakesTheCheckerOfThatName() {
        CheckerRegistry reg = new CheckerRegistry(null);
        for (String n : CheckerRegistry.NAMES) {
            if (n.equals("linearizable")) continue;
            assertEquals(n, reg.create(n).name());
        }
        assertEquals(CheckerRegistry.NAMES.subList(1, CheckerRegistry.NAMES.size()), reg.names());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CheckerRegistry(null).create("serializable"));
        assertTrue(e.getMessage().contains("unknown checker \"serializable\"") && e.getMessage().contains("lock"),
                e.getMessage());
        var lin = assertThrows(IllegalArgumentException.class, () -> new CheckerRegistry(null).create("linearizable"));
        assertTrue(lin.getMessage().contains("not available"), lin.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> new CheckerRegistry(null).createAll("set,,counter"));
        assertTrue(empty.getMessage().contains("empty checker name"), empty.getMessage());
    }

    @Test
    void linearizableComesFromTheCaller() {
        Checker fake = new Checker() {
            public String name() {
                return "linearizable";
            }

            public CheckResult check(io.faultline.history.History h) {
                return new CheckResult("linearizable", Verdict.UNKNOWN, "x", List.of(), Map.of());
            }
        };
        List<Checker> cs = new CheckerRegistry(() -> fake).createAll("linearizable, set,set");
        assertEquals(List.of("linearizable", "set"), cs.stream().map(Checker::name).toList());
    }

    @Test
    void withAddsANameAfterTheKnownOnesOrReplacesItsFactory() {
        CheckerRegistry reg = new CheckerRegistry(null).with("extra", SetChecker::new);
        assertEquals("extra", reg.names().get(reg.names().size() - 1));
        assertEquals("set", reg.create("extra").name());
        reg.with("counter", UniqueIdsChecker::new);
        assertEquals("unique-ids", reg.create("counter").name());
        assertEquals(reg.names().size(), CheckerRegistry.NAMES.size(), reg.names().toString());
    }

    @Test
    void resultsJsonCombinesInvalidOverUnknownOverValid() {
        var hist = h().op(0, "add", "s", 1L, 1L).op(1, "read", "s", null, l()).build();
        CheckResult set = new CheckerRegistry(null).create("set").check(hist);
        CheckResult unknown = new CheckResult("counter", Verdict.UNKNOWN, "no reads", List.of(), Map.of());
        CheckResult ok = new CheckResult("unique-ids", Verdict.VALID, "fine", List.of(), Map.of());
        Map<String, Object> all = ResultsJson.of(List.of(ok, unknown, set));
        assertEquals("invalid", all.get("verdict"));
        assertEquals(1L, all.get("exit-code"));
        assertEquals(1L, all.get("anomaly-count"));
        assertEquals("unknown", ResultsJson.of(List.of(ok, unknown)).get("verdict"));
        assertEquals(2L, ResultsJson.of(List.of(ok, unknown)).get("exit-code"));
        assertEquals("valid", ResultsJson.of(List.of(ok)).get("verdict"));
        @SuppressWarnings("unchecked")
        Map<String, Object> s = ((List<Map<String, Object>>) all.get("checkers")).get(2);
        assertEquals("set", s.get("checker"));
        assertEquals(List.of("lost"), s.get("anomaly-types"));
        assertEquals(Map.of("lost", 1L), s.get("counts"));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) s.get("anomalies")).get(0);
        assertEquals("lost", first.get("type"));
        assertEquals(List.of(0L, 2L), first.get("ops"));
        assertTrue(ResultsJson.text(List.of(set)).contains("[lost] element 1"));
    }
}
