package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.HistoryReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file listed in ../shared/data/porcupine/expected.tsv gets its expected verdict. */
class PorcupineDataTest {

    static Stream<Arguments> expected() throws IOException {
        var dir = TestData.porcupine();
        if (dir.isEmpty()) {
            System.out.println("PorcupineDataTest skipped: ../shared/data/porcupine/expected.tsv not found"
                    + " relative to the repository root");
            return Stream.of(Arguments.of("(data absent)", "", ""));
        }
        List<String> lines = Files.readAllLines(dir.get().resolve("expected.tsv"));
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t"))
                .map(c -> Arguments.of(c[0], c[1], c[2]));
    }

    @ParameterizedTest(name = "{0} is {2} under {1}")
    @MethodSource("expected")
    void verdictMatchesPorcupine(String file, String model, String expected) throws Exception {
        var dir = TestData.porcupine();
        Assumptions.assumeTrue(dir.isPresent(), "../shared/data/porcupine is absent");
        Path path = dir.get().resolve(file);
        History h = HistoryReaders.read(path, null);
        Model m = Models.standard().byName(model).orElseThrow();
        LinearizabilityResult r = new LinearizabilityChecker(m, null, Duration.ofMinutes(2), 2).analyze(h);
        Verdict want = expected.equals("linearizable") ? Verdict.VALID : Verdict.INVALID;
        assertEquals(want, r.verdict(), file + ": " + CounterexampleText.report(r));
        if (want == Verdict.INVALID) {
            assertNotNull(r.counterexample());
            assertTrue(!r.counterexample().blocked().isEmpty(), "counterexample names blocked operations");
        }
    }
}
