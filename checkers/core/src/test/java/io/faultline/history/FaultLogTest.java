package io.faultline.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultLogTest {
    private final List<Op> events = new ArrayList<>();

    private void nemesis(long time, String f, Map<String, Object> value, String error) {
        events.add(new Op(events.size(), time, Op.NEMESIS, OpType.INVOKE, f, null, null, null, null));
        events.add(new Op(events.size(), time + 5, Op.NEMESIS, OpType.INFO, f, null, value, null, error));
    }

    private void client(long time) {
        events.add(new Op(events.size(), time, 0, OpType.INVOKE, "read", null, null, null, null));
        events.add(new Op(events.size(), time + 1, 0, OpType.OK, "read", null, 1L, null, null));
    }

    private static Map<String, Object> verified(boolean v, String why) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fault", "x");
        m.put("verified", v);
        m.put(v ? "evidence" : "reason", why);
        return m;
    }

    @Test
    void verifiedFaultsOpenWindowsAndLeaveNoShortfall() {
        client(0);
        nemesis(100, "start-partition", verified(true, "probed 6 links"), null);
        client(200);
        nemesis(300, "stop-partition", verified(true, "all open"), null);
        nemesis(400, "start-kill", verified(true, "gone"), null);
        nemesis(500, "heal-all", verified(true, "no trace"), null);
        FaultLog log = FaultLog.of(events);
        assertEquals(2, log.windows().size());
        assertEquals(105, log.windows().getFirst().fromNanos(), "from the start's completion");
        assertEquals(300, log.windows().getFirst().toNanos(), "to the stop's invocation");
        assertEquals(500, log.windows().get(1).toNanos(), "an unstopped fault ends at heal-all");
        assertTrue(log.inFault(200) && !log.inFault(50));
        assertEquals("", log.shortfall(List.of("partition", "kill")));
        assertEquals("kill 1/1 verified, partition 1/1 verified",
                String.join(", ", log.tallies().stream().map(FaultLog.Tally::line).toList()));
    }

    @Test
    void failedUnverifiedAndMissingFaultsAreAShortfall() {
        nemesis(100, "start-partition", verified(false, "iptables -A ... failed"), "iptables: No such file or directory");
        nemesis(200, "stop-partition", verified(true, "all open"), null);
        nemesis(300, "start-partition", verified(false, "n1->n2 is open but should be cut"), null);
        FaultLog log = FaultLog.of(events);
        assertTrue(log.windows().isEmpty(), "a fault that did not take effect shades nothing");
        String why = log.shortfall(List.of("partition", "kill"));
        assertTrue(why.contains("partition: 2 of 2 starts did not take effect: iptables: No such file or directory"), why);
        assertTrue(why.contains("kill: never started"), why);
        FaultLog.Tally t = log.tallies().getFirst();
        assertEquals(2, t.starts());
        assertEquals(0, t.startsVerified());
        assertFalse(t.allVerified());
        assertEquals(List.of("iptables: No such file or directory", "n1->n2 is open but should be cut"), t.problems());
    }

    @Test
    void aHealThatDidNotTakeEffectIsAShortfall() {
        nemesis(100, "start-pause", verified(true, "state T"), null);
        nemesis(200, "stop-pause", verified(false, "n2 is still stopped"), null);
        nemesis(300, "heal-all", verified(false, "kill: n3: its process is not running"), null);
        String why = FaultLog.of(events).shortfall(List.of("pause"));
        assertTrue(why.contains("pause: 1 of 1 heals did not take effect: n2 is still stopped"), why);
        assertTrue(why.contains("final heal: kill: n3: its process is not running"), why);
    }

    @Test
    void aNemesisThatRecordsNoVerificationIsNotConfirmed() {
        Map<String, Object> silent = new LinkedHashMap<>(Map.of("fault", "kill"));
        nemesis(100, "start-kill", silent, null);
        FaultLog log = FaultLog.of(events);
        assertEquals(1, log.windows().size(), "an old history's faults still shade the plots");
        String why = log.shortfall(List.of("kill"));
        assertTrue(why.contains("kill: 1 of 1 starts did not take effect: the nemesis did not record whether it took effect"), why);
    }
}
