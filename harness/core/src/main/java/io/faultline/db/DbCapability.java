package io.faultline.db;

/**
 * The optional interfaces of {@link Db} a nemesis may need, so that it can say so and the runner can
 * refuse it, before anything starts, for a store that lacks one (exit 3), instead of running a fault
 * that cannot happen.
 */
public enum DbCapability {
    KILLABLE("kill and restart its nodes", "Killable"),
    PAUSABLE("pause its nodes", "Pausable"),
    LEADER_AWARE("name its leader", "LeaderAware");

    private final String what;
    private final String type;

    DbCapability(String what, String type) {
        this.what = what;
        this.type = type;
    }

    public boolean isOfferedBy(Db db) {
        return switch (this) {
            case KILLABLE -> db instanceof Killable;
            case PAUSABLE -> db instanceof Pausable;
            case LEADER_AWARE -> db instanceof LeaderAware;
        };
    }

    /** What a store without it cannot do, e.g. "the redis store cannot pause its nodes (its Db is not Pausable)". */
    public String lackedBy(Db db) {
        return "the " + db.name() + " store cannot " + what + " (its Db is not " + type + ")";
    }
}
