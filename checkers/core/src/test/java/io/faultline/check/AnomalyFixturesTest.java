package io.faultline.check;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The session, set, counter, unique-ids and election fixture histories ({@code ./faultline check
 * FILE --checker NAME}): each has exactly the anomaly types {@code expected.tsv} lists for it.
 * (checkers/txn has the list-append and rw-register ones.)
 */
class AnomalyFixturesTest {
    static Path dir() throws Exception {
        return AnomalyFixtures.dir(AnomalyFixturesTest.class);
    }

    static Stream<String[]> fixtures() throws Exception {
        return AnomalyFixtures.rows(dir(), 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureHasExactlyItsAnomalies(String file, String checker, String verdict, String types) throws Exception {
        AnomalyFixtures.assertExactly(dir(), file, new CheckerRegistry(null).create(checker), verdict, types);
    }

    @Test
    void everyFixtureHasARowAndEveryRowAFile() throws Exception {
        AnomalyFixtures.assertEveryFixtureHasARowAndEveryRowAFile(dir());
    }
}
