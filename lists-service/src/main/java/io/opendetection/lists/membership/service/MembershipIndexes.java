package io.opendetection.lists.membership.service;

import io.opendetection.lists.list.service.StoredList;
import io.opendetection.lists.membership.persistence.MembershipRepository;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory membership indexes of this replica, one per list asked about, built lazily in
 * the background. An index answers only for the items version it was read at (or a later one a
 * question was asked at before): any change of the list bumps its version in PostgreSQL, so the
 * next question finds the index stale and has a new one built. Until an index is ready, and for
 * lists too large for the configured memory, questions are answered by PostgreSQL.
 */
@ApplicationScoped
public class MembershipIndexes {
    private static final Logger LOG = Logger.getLogger(MembershipIndexes.class);

    @Inject
    MembershipRepository repository;

    /** Memory all indexes together may take; 0 turns them off. */
    @ConfigProperty(name = "detection.lists.membership-cache-bytes")
    long maxBytes;

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The list's index if one at its items version is ready, else null; then one is built in the
     * background unless one is under way or the list is known to be too large.
     */
    public MembershipIndex current(StoredList list) {
        if (maxBytes <= 0) {
            return null;
        }
        Entry entry = entries.get(list.key());
        if (entry != null && entry.version >= list.itemsVersion()) {
            entry.lastUsed = System.nanoTime();
            return entry.index;
        }
        Entry building = new Entry(list.itemsVersion(), null);
        Entry installed = entries.compute(list.key(),
                (key, old) -> old != null && old.version >= list.itemsVersion() ? old : building);
        if (installed == building) {
            Infrastructure.getDefaultWorkerPool().execute(() -> build(list.key(), list.list().type(), building));
        }
        return null;
    }

    private void build(long key, String type, Entry building) {
        MembershipIndex.Builder builder = MembershipIndex.builder(type);
        try {
            long version = repository.readKeys(key, matchKey -> {
                builder.add(matchKey);
                if (builder.bytes() > maxBytes) {
                    throw new OverBudget();
                }
            });
            if (version < 0) {
                entries.remove(key, building);
                return;
            }
            if (entries.replace(key, building, new Entry(version, builder.build()))) {
                evictBeyondBudget(key);
            }
        } catch (OverBudget e) {
            // remembered for this version, so the list is not read again until it changes
            entries.replace(key, building, new Entry(building.version, null));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not build the membership index of list %d; PostgreSQL answers for it", key);
            entries.remove(key, building);
        }
    }

    /** Drops the least recently asked indexes (never {@code kept}) until all fit in the budget. */
    private synchronized void evictBeyondBudget(long kept) {
        long total = 0;
        for (Entry entry : entries.values()) {
            total += entry.bytes();
        }
        while (total > maxBytes) {
            Map.Entry<Long, Entry> oldest = null;
            for (Map.Entry<Long, Entry> candidate : entries.entrySet()) {
                if (candidate.getKey() != kept && candidate.getValue().index != null
                        && (oldest == null || candidate.getValue().lastUsed < oldest.getValue().lastUsed)) {
                    oldest = candidate;
                }
            }
            if (oldest == null || !entries.remove(oldest.getKey(), oldest.getValue())) {
                return;
            }
            total -= oldest.getValue().bytes();
        }
    }

    /**
     * A list's index at {@code version}; {@code index} is null while it is being built, or when the
     * list was too large.
     */
    private static final class Entry {
        final long version;
        final MembershipIndex index;
        volatile long lastUsed = System.nanoTime();

        Entry(long version, MembershipIndex index) {
            this.version = version;
            this.index = index;
        }

        long bytes() {
            return index == null ? 0 : index.bytes();
        }
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }
}
