package io.opendetection.lists.item.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IpAddressesTest {
    @Test
    void dottedIpv4AddressesAreReadAsTheirBits() {
        assertEquals(0L, IpAddresses.parseV4Bits("0.0.0.0"));
        assertEquals(0x0a000001L, IpAddresses.parseV4Bits("10.0.0.1"));
        assertEquals(0xffffffffL, IpAddresses.parseV4Bits("255.255.255.255"));
        assertArrayEquals(new byte[] {10, 0, 0, 1}, IpAddresses.parse("10.0.0.1"));
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 1, (byte) 255}, IpAddresses.parse("192.168.1.255"));
    }

    @Test
    void anythingElseIsNotAnIpv4Address() {
        for (String other : new String[]{"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.256", "1..2.3", "1.2.3.",
                ".1.2.3", "1234.0.0.1", "::1", "::ffff:1.2.3.4", "1.2.3.4/32", "a.b.c.d"}) {
            assertEquals(-1L, IpAddresses.parseV4Bits(other), other);
        }
        assertNull(IpAddresses.parse("256.0.0.1"));
    }
}
