package io.faultline.stores.raftstore;

import io.faultline.db.Db;
import io.faultline.env.Environment;
import io.faultline.env.Node;

/** A Db that only knows where its one node listens: for client tests against a local HTTP server. */
record AddressOnly(String address) implements Db {
    public String name() { return "raftstore"; }
    public String version() { return "test"; }
    public void setup(Environment env) { }
    public void awaitReady() { }
    public String clientAddress(Node n) { return address; }
    public void teardown() { }
}
