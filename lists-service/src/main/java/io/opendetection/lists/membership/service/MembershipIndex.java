package io.opendetection.lists.membership.service;

import io.opendetection.lists.item.service.ValueTypes;

/**
 * The values of one list, held in memory in a form that answers "is this value in the list"
 * without asking PostgreSQL. Built whole from the list's match keys, then never changed.
 */
public interface MembershipIndex {
    /** Whether a value whose normalised form ({@link ValueTypes#matchKey}) is {@code matchKey} is in the list. */
    boolean contains(String matchKey);

    /** About how much memory the index takes. */
    long bytes();

    /** A builder for a list of {@code type}. */
    static Builder builder(String type) {
        return ValueTypes.coversAddresses(type) ? new AddressIndex.Builder() : new KeyIndex.Builder();
    }

    /** Takes a list's match keys one by one. */
    interface Builder {
        void add(String matchKey);

        /** About how much memory the index will take with the keys given so far. */
        long bytes();

        MembershipIndex build();
    }
}
