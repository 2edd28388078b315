package io.faultline.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.faultline.check.elle.IsolationSpec;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written fixture histories the README points at ({@code ./faultline check FILE
 * --checker NAME}): each has exactly the anomaly types {@code expected.tsv} lists for it. A
 * list-append or rw-register row may name the consistency models to check (column 5, as
 * {@code --consistency-models}) and every anomaly type the checker must find, allowed or not
 * (column 6, default: the failing ones of column 4), so that a model's verdict and what it
 * tolerates are both pinned.
 */
class AnomalyFixturesTest {
    static Path dir() throws Exception {
        return Path.of(AnomalyFixturesTest.class.getResource("/fixtures/anomalies/expected.tsv").toURI()).getParent();
    }

    static Stream<String[]> fixtures() throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir().resolve("expected.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cols = line.split("\t");
            if (cols.length < 4 || cols.length > 6) throw new IllegalStateException("expected.tsv: bad row: " + line);
            rows.add(new String[] {cols[0], cols[1], cols[2], cols[3], cols.length > 4 ? cols[4] : "",
                cols.length > 5 ? cols[5] : ""});
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {4}")
    @MethodSource("fixtures")
    void fixtureHasExactlyItsAnomalies(String file, String checker, String verdict, String types, String models,
                                       String found) throws Exception {
        History h = JsonlReader.read(dir().resolve(file));
        CheckerRegistry registry = new CheckerRegistry(null);
        if (!models.isEmpty()) registry.isolation(IsolationSpec.parse(models, null));
        CheckResult r = registry.create(checker).check(h);
        assertEquals(verdict, r.verdict().name().toLowerCase(Locale.ROOT), file + ": " + r.summary());
        TreeSet<String> expected = set(types);
        TreeSet<String> actual = new TreeSet<>();
        r.anomalies().forEach(a -> {
            actual.add(a.type());
            assertFalse(a.explanation().isBlank());
        });
        assertEquals(expected, actual, file + ": " + r.summary());
        if (checker.equals("list-append") || checker.equals("rw-register")) {
            TreeSet<String> all = new TreeSet<>((List<?>) r.details().get("anomaly-types")).stream()
                    .map(String::valueOf).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
            assertEquals(found.isEmpty() ? expected : set(found), all, file + ": every anomaly found; " + r.summary());
        }
    }

    private static TreeSet<String> set(String types) {
        return new TreeSet<>(types.equals("-") ? List.of() : Arrays.asList(types.split(",")));
    }

    /** A fixture without a row, or a row without its file, would silently test nothing. */
    @Test
    void everyFixtureHasARowAndEveryRowAFile() throws Exception {
        TreeSet<String> rows = new TreeSet<>();
        fixtures().forEach(r -> rows.add(r[0]));
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir())) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).forEach(files::add);
        }
        assertEquals(files, rows);
    }
}
