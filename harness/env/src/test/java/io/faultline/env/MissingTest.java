package io.faultline.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** What an environment reports from one Missing: capabilities, why one is missing, the description's line. */
class MissingTest {

    @Test
    void aMissingFaultIsNotAvailableAndSaysWhy() {
        Missing m = Missing.NONE.without(Capability.PARTITION, "no tables").without(Capability.PACKET_LOSS, "no tables");
        assertEquals(EnumSet.of(Capability.KILL, Capability.PAUSE, Capability.PACKET_DELAY, Capability.CLOCK), m.available());
        assertEquals("no tables", m.why(Capability.PARTITION));
        assertEquals("", m.why(Capability.KILL));
        assertEquals("; unavailable: partition, packet loss (no tables)", m.describe());
    }

    @Test
    void aFaultTheRunDidNotAskForIsMissingButNoNews() {
        Missing m = Missing.NONE.notAsked(Capability.CLOCK, Missing.CLOCK_NOT_ASKED)
                .without(Capability.PACKET_DELAY, "no proxy bridge");
        assertEquals(EnumSet.of(Capability.KILL, Capability.PAUSE, Capability.PARTITION, Capability.PACKET_LOSS), m.available());
        assertEquals(Missing.CLOCK_NOT_ASKED, m.why(Capability.CLOCK));
        assertEquals("; unavailable: packet delay (no proxy bridge)", m.describe());
    }
}
