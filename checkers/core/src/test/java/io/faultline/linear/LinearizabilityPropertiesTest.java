package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import io.faultline.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Properties of the checker over histories generated from sequential executions: 300 seeded cases
 * each ({@link Seeds}), the model, length (1-40) and concurrency (1-6) drawn from the seed.
 */
class LinearizabilityPropertiesTest {
    private static final int TRIES = 300;
    private static final List<String> MODELS = List.of("register", "cas-register", "kv", "mutex", "multi-register");
    private static final List<String> READING_MODELS = List.of("register", "cas-register", "kv", "multi-register");

    private final Models models = Models.standard();

    /** One generated case: a model, and a sequential history of it. */
    private record Case(String model, long seed, History history) {
        static Case of(List<String> models, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            String model = models.get(r.nextInt(models.size()));
            int length = 1 + r.nextInt(40);
            int concurrency = 1 + r.nextInt(6);
            return new Case(model, seed, SequentialHistories.generate(model, seed, length, concurrency));
        }
    }

    private Verdict check(String model, History h) {
        return new LinearizabilityChecker(models.byName(model).orElseThrow(), null, Duration.ofSeconds(20), 2)
                .analyze(h).verdict();
    }

    @Test
    void sequentialExecutionsWithOverlappingIntervalsAreLinearizable() {
        Seeds.check("checkers/core", "LinearizabilityPropertiesTest#sequentialExecutionsWithOverlappingIntervalsAreLinearizable", TRIES,
                seed -> {
                    Case c = Case.of(MODELS, seed);
                    assertEquals(Verdict.VALID, check(c.model(), c.history()), () -> dump(c.history()));
                    return true;
                });
    }

    @Test
    void aReadOfAValueNeverWrittenIsNeverLinearizable() {
        Seeds.check("checkers/core", "LinearizabilityPropertiesTest#aReadOfAValueNeverWrittenIsNeverLinearizable", TRIES,
                seed -> neverWrittenRead(Case.of(READING_MODELS, seed)));
    }

    private boolean neverWrittenRead(Case c) {
        String model = c.model();
        long seed = c.seed();
        History h = c.history();
        List<Op> ev = new ArrayList<>(h.events());
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < ev.size(); i++) {
            Op e = ev.get(i);
            if (e.type() == OpType.OK && (e.f().equals("read") || e.f().equals("get") || hasRead(e))) reads.add(i);
        }
        if (reads.isEmpty()) return false;
        int i = reads.get(new SplittableRandom(seed).nextInt(reads.size()));
        ev.set(i, ev.get(i).withValue(corrupt(ev.get(i))));
        History bad = History.of(ev);
        assertEquals(Verdict.INVALID, check(model, bad), () -> dump(bad));
        return true;
    }

    @Test
    void turningOkIntoInfoNeverMakesAValidHistoryInvalid() {
        Seeds.check("checkers/core", "LinearizabilityPropertiesTest#turningOkIntoInfoNeverMakesAValidHistoryInvalid", TRIES, seed -> {
            Case c = Case.of(MODELS, seed);
            SplittableRandom rnd = new SplittableRandom(seed ^ 0x1234);
            List<Op> ev = new ArrayList<>(c.history().events());
            for (int i = 0; i < ev.size(); i++) {
                if (ev.get(i).type() == OpType.OK && rnd.nextInt(3) == 0) ev.set(i, ev.get(i).withType(OpType.INFO));
            }
            History weaker = History.of(ev);
            assertEquals(Verdict.VALID, check(c.model(), weaker), () -> dump(weaker));
            return true;
        });
    }

    private static boolean hasRead(Op e) {
        if (!e.f().equals("txn")) return false;
        for (Object mo : (List<?>) e.value()) if (((List<?>) mo).get(0).equals("read")) return true;
        return false;
    }

    private static Object corrupt(Op e) {
        if (!e.f().equals("txn")) return e.f().equals("get") ? SequentialHistories.NEVER_WRITTEN : (Object) 9999L;
        List<Object> out = new ArrayList<>();
        boolean done = false;
        for (Object mo : (List<?>) e.value()) {
            List<?> t = (List<?>) mo;
            if (!done && t.get(0).equals("read")) {
                out.add(Arrays.asList("read", t.get(1), 9999L));
                done = true;
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static String dump(History h) {
        StringBuilder sb = new StringBuilder();
        for (Op op : h.events()) sb.append(op).append('\n');
        return sb.toString();
    }
}
