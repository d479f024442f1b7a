package io.opendetection.lists.item.service;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ItemIdsTest {
    @Test
    void anImportedItemsIdGivesBackItsKeys() {
        long[][] keys = {{1, 1}, {3, 1_000_000}, {(1L << 48) - 1, (1L << 60) - 1}, {0x123456789aL, 0xfedcba987654321L}};
        for (long[] key : keys) {
            String id = ItemIds.imported(key[0], key[1]);
            assertEquals(8, UUID.fromString(id).version(), id);
            assertEquals(2, UUID.fromString(id).variant(), id);
            assertArrayEquals(key, ItemIds.importedKeys(id), id);
            assertNotEquals(id, ItemIds.importedTieBreaker(key[0], key[1]));
        }
        assertEquals("00000000-0003-8000-8000-0000000f4240", ItemIds.imported(3, 1_000_000));
    }

    @Test
    void otherIdsAreNotAnImportedItems() {
        assertNull(ItemIds.importedKeys(null));
        assertNull(ItemIds.importedKeys("one"));
        assertNull(ItemIds.importedKeys(ItemIds.next()));
        assertNull(ItemIds.importedKeys(ItemIds.tieBreaker()));
        assertNull(ItemIds.importedKeys(ItemIds.importedTieBreaker(3, 7)));
        assertNull(ItemIds.importedKeys("00000000-0003-8000-8000-0000000F4240"));
        assertNull(ItemIds.importedKeys("00000000-0003-8000-9000-0000000f4240"));
        assertNull(ItemIds.importedKeys("0000000g-0003-8000-8000-0000000f4240"));
        assertNull(ItemIds.importedKeys("00000000-0003-8000-8000-0000000f4240x"));
    }
}
