package io.faultline.db;

import io.faultline.env.Node;
import java.util.Optional;

/** A store that can say which node leads (Jepsen's Primary protocol), so faults can aim at it. */
public interface LeaderAware extends Db {
    /** The current leader; empty while none is known. */
    Optional<Node> leader();

    /** The leader of {@code db}: empty when it cannot say, has none, or failed to answer. */
    static Optional<Node> of(Db db) {
        if (!(db instanceof LeaderAware l)) return Optional.empty();
        try {
            return l.leader();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
