package io.faultline.stores.raftstore;

import io.faultline.db.Db;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A Db that only knows where its one node listens: for client tests against a local HTTP server. */
record AddressOnly(String address) implements Db {
    public String name() { return "raftstore"; }
    public String version() { return "test"; }
    public void setup(Environment env) { }
    public void start(Node n) { }
    public void kill(Node n) { }
    public void pause(Node n) { }
    public void resume(Node n) { }
    public boolean isRunning(Node n) { return true; }
    public void awaitReady() { }
    public Optional<Node> leader() { return Optional.empty(); }
    public String clientAddress(Node n) { return address; }
    public List<Path> logFiles(Node n) { return List.of(); }
    public void teardown() { }
}
