package io.faultline.raftstore.http;

/** A complete response; every response of this API is JSON (or empty). */
public record Response(int status, byte[] body) { }
