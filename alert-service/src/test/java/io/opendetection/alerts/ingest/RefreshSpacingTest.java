package io.opendetection.alerts.ingest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RefreshSpacingTest {
    private static final long SPACING = 500;

    @Test
    void aFirstRefreshIsMadeAtOnceAndOneAskedForTooSoonIsPlannedOnceForWhenTheSpacingAllows() {
        RefreshSpacing spacing = new RefreshSpacing(SPACING);
        assertEquals(RefreshSpacing.NOW, spacing.request("a", 1_000));
        assertEquals(400, spacing.request("a", 1_100));
        assertEquals(RefreshSpacing.ALREADY_PLANNED, spacing.request("a", 1_200));
        // another alias has its own spacing
        assertEquals(RefreshSpacing.NOW, spacing.request("b", 1_200));

        spacing.refreshing("a", 1_500);
        assertEquals(300, spacing.request("a", 1_700));
        spacing.refreshing("a", 2_000);
        assertEquals(RefreshSpacing.NOW, spacing.request("a", 2_500));
    }
}
