package io.faultline.worker;

import io.faultline.fault.ClientControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** {@link ClientControl} over the run's client workers. */
public final class ClientPauses implements ClientControl {
    private final List<ClientHandler> workers;

    public ClientPauses(List<ClientHandler> workers) {
        this.workers = List.copyOf(workers);
    }

    @Override
    public Optional<Frozen> freezeLeaseHolder(Random random) {
        List<ClientHandler> order = new ArrayList<>(workers);
        java.util.Collections.shuffle(order, random);
        for (ClientHandler w : order) {
            Frozen f = w.freezeIfHolding();
            if (f != null) return Optional.of(f);
        }
        return Optional.empty();
    }

    @Override
    public List<Thawed> thawAll() {
        List<Thawed> out = new ArrayList<>();
        for (ClientHandler w : workers) {
            Thawed t = w.thaw();
            if (t != null) out.add(t);
        }
        return out;
    }

    @Override
    public int frozenCount() {
        int n = 0;
        for (ClientHandler w : workers) if (w.frozen()) n++;
        return n;
    }
}
