package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The shared part of raftstore clients: one node, one HTTP connection, completions built from
 * replies, and a client session (thesis 6.3): every command that may change state carries this
 * client's id and a new sequence number, and one whose outcome is unknown (timeout, 504, lost
 * connection) is re-sent with the same number, up to {@link #ATTEMPTS} times in all and within
 * {@link #PATIENCE} client timeouts. A store that
 * honours sessions applies it once; one that ignores them (raftstore's no-dedupe) applies it again,
 * which the set and list-append checkers see as a duplicate.
 */
abstract class RaftstoreClient implements Client {
    /** Sends of one command at most. */
    static final int ATTEMPTS = 3;
    /**
     * Client timeouts one command may take, re-sends included: a node that stays silent gets one
     * re-send (enough for a paused node to receive two copies of a command, which only sessions
     * apply once), not one wait per send — a node cut off from its peers holds a write it cannot
     * commit, and a client waiting out three timeouts there sits out the partition and never reads
     * what the cut-off node serves (docs/notes/detection.md).
     */
    static final int PATIENCE = 2;
    /** A re-send with less time than this left is not made: it could not be answered. */
    private static final Duration MIN_SEND = Duration.ofMillis(20);
    private static final long RETRY_PAUSE_MS = 50;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final Db db;
    private final ObjectMapper json;
    private final Duration timeout;
    /** Unique per client object: a retired process gets a fresh client and so a fresh session. */
    private final String clientId = "fl-" + UUID.randomUUID();
    private long seq;
    protected RaftstoreHttp http;
    protected String node;

    RaftstoreClient(Db db, ObjectMapper json, Duration timeout) {
        this.db = db;
        this.json = json;
        this.timeout = timeout;
    }

    String clientId() {
        return clientId;
    }

    /**
     * Sends a state-changing command as the next one of this session. Returns the first answer;
     * a certain failure only while no earlier send's outcome is unknown; otherwise, when every
     * send is used up, an {@code info} failure naming how many were made.
     */
    protected RaftstoreHttp.Reply mutate(String method, String path, Object body) {
        long mine = ++seq;
        // Re-sends share what is left of the patience after the first send: counted from when that
        // send ended, so a late timeout (a loaded machine) cannot use up the re-send as well.
        long deadline = Long.MAX_VALUE;
        RaftstoreHttp.Reply.Failed unknown = null;
        int sends = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Duration wait = timeout;
            if (attempt > 1) {
                long left = deadline - System.nanoTime();
                if (left < MIN_SEND.toNanos()) break;
                wait = Duration.ofNanos(left);
            }
            sends++;
            RaftstoreHttp.Reply r = http.send(method, path, body, true, clientId, mine, wait);
            if (attempt == 1) deadline = System.nanoTime() + (PATIENCE - 1) * timeout.toNanos();
            if (r instanceof RaftstoreHttp.Reply.Ok) return r;
            RaftstoreHttp.Reply.Failed f = (RaftstoreHttp.Reply.Failed) r;
            if (f.type() == OpType.FAIL && unknown == null) return f;
            if (f.type() != OpType.FAIL) unknown = f;
            if (attempt < ATTEMPTS && !pause()) break;
        }
        return new RaftstoreHttp.Reply.Failed(OpType.INFO, unknown.error() + " (outcome unknown after " + sends
                + (sends == 1 ? " send" : " sends") + " of Client-Seq " + mine + ")");
    }

    private static boolean pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void open(Node target) {
        this.node = target.name();
        String address = db.clientAddress(target);
        // The store's own Db shares one HttpClient per node among processes; another Db (tests
        // pointing a client at an address) gets a client of its own.
        this.http = db instanceof RaftstoreDb rd
                ? new RaftstoreHttp(rd.connections().forAddress(address), address, json, timeout)
                : new RaftstoreHttp(address, json, CONNECT_TIMEOUT, timeout);
    }

    @Override
    public final Op invoke(Op invocation) {
        if (http == null) return complete(invocation, OpType.FAIL, invocation.value(), "client not open");
        return run(invocation);
    }

    protected abstract Op run(Op invocation);

    protected Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(inv.index(), inv.time(), inv.process(), type, inv.f(), inv.key(), value, node, error);
    }

    protected Op failed(Op inv, RaftstoreHttp.Reply.Failed f) {
        return complete(inv, f.type(), inv.value(), f.error());
    }

    protected static String path(String key) {
        return "/kv/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (http != null) http.close();
        http = null;
    }
}
