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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the checker over histories generated from sequential executions. */
class LinearizabilityPropertiesTest {
    private final Models models = Models.standard();

    @Provide
    Arbitrary<String> model() {
        return Arbitraries.of("register", "cas-register", "kv", "mutex", "multi-register");
    }

    @Provide
    Arbitrary<String> readingModel() {
        return Arbitraries.of("register", "cas-register", "kv", "multi-register");
    }

    private Verdict check(String model, History h) {
        return new LinearizabilityChecker(models.byName(model).orElseThrow(), null, Duration.ofSeconds(20), 2)
                .analyze(h).verdict();
    }

    @Property(tries = 300)
    void sequentialExecutionsWithOverlappingIntervalsAreLinearizable(@ForAll("model") String model,
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int length,
            @ForAll @IntRange(min = 1, max = 6) int concurrency) {
        History h = SequentialHistories.generate(model, seed, length, concurrency);
        assertEquals(Verdict.VALID, check(model, h), () -> dump(h));
    }

    @Property(tries = 300)
    void aReadOfAValueNeverWrittenIsNeverLinearizable(@ForAll("readingModel") String model, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int length, @ForAll @IntRange(min = 1, max = 6) int concurrency) {
        History h = SequentialHistories.generate(model, seed, length, concurrency);
        List<Op> ev = new ArrayList<>(h.events());
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < ev.size(); i++) {
            Op e = ev.get(i);
            if (e.type() == OpType.OK && (e.f().equals("read") || e.f().equals("get") || hasRead(e))) reads.add(i);
        }
        Assume.that(!reads.isEmpty());
        int i = reads.get(new SplittableRandom(seed).nextInt(reads.size()));
        ev.set(i, ev.get(i).withValue(corrupt(ev.get(i))));
        History bad = History.of(ev);
        assertEquals(Verdict.INVALID, check(model, bad), () -> dump(bad));
    }

    @Property(tries = 300)
    void turningOkIntoInfoNeverMakesAValidHistoryInvalid(@ForAll("model") String model, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int length, @ForAll @IntRange(min = 1, max = 6) int concurrency) {
        History h = SequentialHistories.generate(model, seed, length, concurrency);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x1234);
        List<Op> ev = new ArrayList<>(h.events());
        for (int i = 0; i < ev.size(); i++) {
            if (ev.get(i).type() == OpType.OK && rnd.nextInt(3) == 0) ev.set(i, ev.get(i).withType(OpType.INFO));
        }
        History weaker = History.of(ev);
        assertEquals(Verdict.VALID, check(model, weaker), () -> dump(weaker));
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
