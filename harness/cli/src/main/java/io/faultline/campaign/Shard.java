package io.faultline.campaign;

/**
 * One slice of a sharded campaign: shard {@code index} of {@code count}, both counted from 1 as
 * CI systems number their parallel jobs (GitLab's CI_NODE_INDEX/CI_NODE_TOTAL).
 */
public record Shard(int index, int count) {
    /** Enough for any CI matrix; a bigger number is a typo, not a plan. */
    public static final int MAX_COUNT = 1000;

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new IllegalArgumentException("expected I/N with 1 <= I <= N <= " + MAX_COUNT + ", found " + index + "/" + count);
        }
    }

    /** Parses "I/N"; the message says what is expected and what was found, for the caller to prefix with its flag. */
    public static Shard parse(String text) {
        String expected = "expected I/N, shard I of N counted from 1 with 1 <= I <= N <= " + MAX_COUNT
                + " (e.g. 2/4), found '" + text + "'";
        if (text == null || !text.trim().matches("\\d{1,4}/\\d{1,4}")) throw new IllegalArgumentException(expected);
        String[] p = text.trim().split("/");
        int i = Integer.parseInt(p[0]);
        int n = Integer.parseInt(p[1]);
        if (n < 1 || n > MAX_COUNT || i < 1 || i > n) throw new IllegalArgumentException(expected);
        return new Shard(i, n);
    }

    /** The shard's folder inside the campaign's folder, so that shards run on one machine do not overwrite each other. */
    public String folderName() {
        return "shard-" + index + "-of-" + count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
