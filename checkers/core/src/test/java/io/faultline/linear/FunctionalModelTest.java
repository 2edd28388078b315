package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Operation;
import io.faultline.linear.model.FunctionalModel;
import io.faultline.linear.model.RegisterModel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A model written as plain functions decides as the built-in kernel does. */
class FunctionalModelTest {
    /** cas-register as Porcupine users write it; the state is a value or "absent". */
    private static final Object ABSENT = "absent";
    private static final FunctionalModel<Object> CAS_REGISTER = FunctionalModel.builder("fn-cas-register")
            .init(() -> ABSENT)
            .step((state, in, out) -> switch (in.f()) {
                case "read" -> out == FunctionalModel.UNKNOWN || Objects.equals(out, state == ABSENT ? null : state)
                        ? state : null;
                case "write" -> in.value();
                case "cas" -> {
                    List<?> pair = (List<?>) in.value();
                    yield Objects.equals(pair.get(0), state == ABSENT ? null : state) ? pair.get(1) : null;
                }
                default -> null;
            })
            .partition(Operation::key)
            .describeState(s -> s == ABSENT ? "absent" : "holds " + s)
            .build();

    private static Verdict check(Model m, History h) {
        return new LinearizabilityChecker(m, null, Duration.ofSeconds(30), 1).analyze(h).verdict();
    }

    @Test
    void agreesWithTheBuiltInCasRegisterOnSeededHistories() {
        // Failed-compare cas (cas-mismatch) is a built-in refinement the plain model does not
        // know, so histories with one are compared with the plain search only where both apply.
        int compared = 0;
        for (long seed = 1; seed <= 600; seed++) {
            History h = RandomRegisterHistories.generate(seed, 3 + (int) (seed % 10));
            if (h.operations().stream().anyMatch(o -> "cas-mismatch".equals(o.error()))) continue;
            assertEquals(check(RegisterModel.casRegister(), h), check(CAS_REGISTER, h), "seed " + seed);
            compared++;
        }
        assertTrue(compared > 200, "compared " + compared);
    }

    @Test
    void explainsAViolationInItsOwnWords() {
        History h = new HistoryBuilder().invoke(0, "write", 1L).ok(0).invoke(1, "read", null).ok(1, 2L).build();
        LinearizabilityResult r = new LinearizabilityChecker(CAS_REGISTER).analyze(h);
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(CounterexampleText.render(r.counterexample()).contains("holds 1"),
                CounterexampleText.render(r.counterexample()));
    }
}
