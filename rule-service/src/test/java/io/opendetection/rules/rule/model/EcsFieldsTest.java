package io.opendetection.rules.rule.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EcsFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEcsFieldOfItsEcsTypeIsEcs() {
        assertTrue(EcsFields.isEcs("@timestamp", "date"));
        assertTrue(EcsFields.isEcs("host.name", "keyword"));
        assertTrue(EcsFields.isEcs("source.ip", "ip"));
        assertTrue(EcsFields.isEcs("process.command_line", "wildcard"));
        assertTrue(EcsFields.isEcs("event.duration", "long"));
    }

    @Test
    void anotherTypeOrAnUnknownNameIsNot() {
        assertFalse(EcsFields.isEcs("host.name", "text"));
        assertFalse(EcsFields.isEcs("@timestamp", "keyword"));
        assertFalse(EcsFields.isEcs("my-non-ecs-field", "keyword"));
        assertFalse(EcsFields.isEcs("process.command_line.text", "match_only_text"));
        assertFalse(EcsFields.isEcs("host.name", null));
    }

    @Test
    void requiredFieldsGetEcsAndLoseWhatKibanaDoesNotKeep() throws Exception {
        assertEquals(JSON.readTree("""
                [{"name":"@timestamp","type":"date","ecs":true},{"name":"my-non-ecs-field","type":"keyword","ecs":false}]"""),
                EcsFields.withEcs(JSON.readTree("""
                        [{"name":"@timestamp","type":"date","ecs":false},{"name":"my-non-ecs-field","type":"keyword","extra":1}]""")));
        assertEquals(JSON.createArrayNode(), EcsFields.withEcs(null));
    }
}
