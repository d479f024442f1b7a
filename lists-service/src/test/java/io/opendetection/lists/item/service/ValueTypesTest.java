package io.opendetection.lists.item.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueTypesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "ip|127.0.0.1|127.0.0.1",
            "ip|2001:DB8:0:0:0:0:0:1|2001:db8::1",
            "ip|2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
            "ip|::1|::1",
            "ip|::|::",
            "ip|::ffff:10.0.0.1|::ffff:a00:1",
            "ip|010.001.0.255|10.1.0.255",
            "ip|0.0.0.0|0.0.0.0",
            "ip_range|10.0.0.1|10.0.0.1",
            "ip_range|10.0.0.0/8|10.0.0.0-10.255.255.255",
            "ip_range|10.1.2.3/8|10.0.0.0-10.255.255.255",
            "ip_range|192.168.0.1-192.168.0.9|192.168.0.1-192.168.0.9",
            "ip_range|192.168.0.1/32|192.168.0.1",
            "ip_range|2001:db8::/32|2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
            "keyword|  Some Value  |Some Value",
            "text|a b c|a b c",
            "binary|aGVsbG8=|aGVsbG8=",
            "boolean|true|true",
            "byte|-128|-128",
            "short|007|7",
            "integer|1.9|1",
            "long|9223372036854775807|9223372036854775807",
            "double|1.50|1.5",
            "double|1e3|1000",
            "float|0.1|0.1",
            "half_float|2|2",
            "date|2020-01-01|1577836800000",
            "date|2020-01-01T00:00:00Z|1577836800000",
            "date|2020-01-01T01:00:00+01:00|1577836800000",
            "date|1577836800000|1577836800000",
            "date_nanos|2020-01-01T00:00:00.123456789Z|2020-01-01T00:00:00.123456789Z",
            "date_range|2020-01-01,2020-01-02|1577836800000,1577923200000",
            "integer_range|1-10|1-10",
            "long_range|-5--1|-5--1",
            "double_range|0.5-1.5|0.5-1.5",
            "float_range|3|3-3",
            "geo_point|41.12,-71.34|41.12,-71.34",
            "geo_point|POINT (-71.34 41.12)|41.12,-71.34",
            "geo_point|drm3btev3e86|drm3btev3e86",
            "geo_shape|point (30   10)|POINT(30 10)",
            "shape|POLYGON ((30 10, 40 40, 20 40, 10 20, 30 10))|POLYGON((30 10,40 40,20 40,10 20,30 10))"})
    void normalisesValuesOfEveryType(String type, String value, String matchKey) throws InvalidValueException {
        TypedValue typed = ValueTypes.parse(type, value);

        assertEquals(value.strip(), typed.value(), "the value is kept as given");
        assertEquals(matchKey, typed.matchKey());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "ip|not-an-ip", "ip|256.1.1.1", "ip|1.2.3", "ip|1.2.3.4.", "ip|1..2.3", "ip|.1.2.3", "ip|1.2.3.1000",
            "ip|1.2.3.256", "ip|1.2.3.٤", "ip|1.2.3.-4", "ip|10.0.0.0/8", "ip|1:2:3:4:5:6:7:8:9", "ip|example.com",
            "ip_range|10.0.0.0/33", "ip_range|10.0.0.9-10.0.0.1", "ip_range|10.0.0.1-::1", "binary|not base64!",
            "boolean|yes", "byte|128", "short|40000", "integer|x", "long|9223372036854775808", "double|1,5",
            "float|1e39", "date|yesterday", "date_nanos|2020-13-01", "date_range|2020-01-02,2020-01-01",
            "integer_range|10-1", "long_range|a-b", "geo_point|91,0", "geo_point|nowhere!", "geo_shape|CIRCLE (1 1)",
            "shape|POLYGON ((30 10)"})
    void refusesValuesNotOfTheType(String type, String value) {
        InvalidValueException refused = assertThrows(InvalidValueException.class, () -> ValueTypes.parse(type, value));

        assertTrue(refused.getMessage().contains(value), refused.getMessage());
    }

    @Test
    void blankValuesAreNeverValid() {
        assertThrows(InvalidValueException.class, () -> ValueTypes.parse("keyword", "   "));
    }

    @Test
    void rangesOfSeveralAddressesCarryTheirBounds() throws InvalidValueException {
        TypedValue block = ValueTypes.parse("ip_range", "10.0.0.0/30");
        TypedValue single = ValueTypes.parse("ip_range", "10.0.0.7");

        assertTrue(block.isRange());
        assertEquals("[10.0.0.0,10.0.0.3]", block.ipRange());
        assertFalse(single.isRange());
        assertNull(single.ipRange());
    }

    @Test
    void valuesAskedAboutAreComparedNormalised() {
        assertEquals("2001:db8::1", ValueTypes.matchKey("ip", "2001:0db8::0001"));
        assertNull(ValueTypes.matchKey("ip", "not-an-ip"));
        assertNull(ValueTypes.matchKey("ip_range", "10.0.0.0/8"), "a range is never a value asked about");
        assertEquals("1", ValueTypes.matchKey("long", "1.0"));
    }
}
