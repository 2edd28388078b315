package io.faultline.env;

/** Faults an environment can inject; nemeses refuse clearly when theirs is missing. */
public enum Capability {
    KILL, PAUSE, PARTITION, PACKET_LOSS, PACKET_DELAY, CLOCK
}
