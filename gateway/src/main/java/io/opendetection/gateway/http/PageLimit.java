package io.opendetection.gateway.http;

/** The largest page a list route may be asked for, checked before the request reaches a service. */
public final class PageLimit {

    private PageLimit() {
    }

    /** @param perPage the {@code per_page} query parameter, or null; a non-number is the service's to refuse */
    public static void check(String perPage, int max) {
        if (perPage == null) {
            return;
        }
        long value;
        try {
            value = Long.parseLong(perPage.strip());
        } catch (NumberFormatException notANumber) {
            return;
        }
        if (value > max) {
            throw new Rejection(400, "[request query]: per_page: Number must be less than or equal to " + max);
        }
    }
}
