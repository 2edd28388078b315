package io.faultline.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written fixture histories the README points at ({@code ./faultline check FILE
 * --checker NAME}): each has exactly the anomaly types {@code expected.tsv} lists for it.
 */
class AnomalyFixturesTest {
    static Path dir() throws Exception {
        return Path.of(AnomalyFixturesTest.class.getResource("/fixtures/anomalies/expected.tsv").toURI()).getParent();
    }

    static Stream<String[]> fixtures() throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir().resolve("expected.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            rows.add(line.split("\t"));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureHasExactlyItsAnomalies(String file, String checker, String verdict, String types) throws Exception {
        History h = JsonlReader.read(dir().resolve(file));
        CheckResult r = new CheckerRegistry(null).create(checker).check(h);
        assertEquals(verdict, r.verdict().name().toLowerCase(Locale.ROOT), file + ": " + r.summary());
        TreeSet<String> expected = new TreeSet<>(types.equals("-") ? List.of() : Arrays.asList(types.split(",")));
        TreeSet<String> actual = new TreeSet<>();
        r.anomalies().forEach(a -> {
            actual.add(a.type());
            assertFalse(a.explanation().isBlank());
        });
        assertEquals(expected, actual, file);
    }
}
