package io.opendetection.lists.item.service;

import io.opendetection.common.caller.Caller;
import io.opendetection.common.document.Timestamps;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.lists.index.persistence.ListIndexRepository;
import io.opendetection.lists.index.service.DataStreams;
import io.opendetection.lists.item.persistence.ListItemRepository;
import io.opendetection.lists.list.persistence.ValueListRepository;
import io.opendetection.lists.list.service.ListEvents;
import io.opendetection.lists.list.service.NewValueList;
import io.opendetection.lists.list.service.StoredList;
import io.opendetection.lists.list.service.ValueList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Imports a file of values, one per line, into a list, as the body arrives: lines are checked
 * against the list's type and stored in batches, all in one transaction, so an import that fails
 * or is cut off leaves the list as it was. Lines that are not of the type are refused and
 * reported, the others stored. Runs on a worker thread: it reads a blocking stream.
 */
@ApplicationScoped
public class ListImport {
    private static final int BATCH = 10_000;
    private static final int REPORTED_LINES = 100;
    private static final long ANALYZED_AFTER = 10_000;
    private static final List<String> EXTENSIONS = List.of(".csv", ".txt");

    @Inject
    Pool pool;

    @Inject
    ListIndexRepository indexes;

    @Inject
    ValueListRepository lists;

    @Inject
    ListItemRepository items;

    @Inject
    Outbox outbox;

    @Inject
    ListEvents events;

    @Inject
    Caller caller;

    @ConfigProperty(name = "detection.lists.max-import-bytes")
    long maxImportBytes;

    /** Imports the multipart body; {@code contentLength} is the header as given (may be null). */
    public ImportResult importFile(ImportRequest request, String contentType, String contentLength, InputStream rawBody)
            throws IOException {
        if (contentLength != null && contentLength.matches("\\d{1,18}") && Long.parseLong(contentLength) > maxImportBytes) {
            throw new PayloadTooLargeException(maxImportBytes);
        }
        String space = caller.space();
        String user = caller.user();
        InputStream body = new LimitedInputStream(rawBody, maxImportBytes);
        String boundary = MultipartFile.boundary(contentType);
        MultipartFile file = boundary == null ? null : MultipartFile.open(body, boundary);
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            throw ApiException.badRequest("To import a list item, the file name must be specified");
        }
        String fileName = file.fileName();
        if (!EXTENSIONS.contains(extension(fileName))) {
            throw ApiException.siem(415, "Unsupported media type. File must be one of the following types: "
                    + EXTENSIONS.toString());
        }
        if (!indexes.exists(pool, space).await().indefinitely()) {
            throw ApiException.badRequest("To import a list item, the data steam must exist first. Data stream \""
                    + DataStreams.lists(space) + "\" does not exist");
        }
        if (request.listId() == null && request.type() == null) {
            throw ApiException.badRequest("Either type or list_id need to be defined in the query");
        }
        SqlConnection connection = pool.getConnection().await().indefinitely();
        boolean analyzing = false;
        try {
            Transaction transaction = connection.begin().await().indefinitely();
            try {
                ImportResult result = fill(connection, space, user, request, fileName, file);
                transaction.commit().await().indefinitely();
                outbox.committed();
                if (result.imported() >= ANALYZED_AFTER) {
                    // The planner's row counts are otherwise those of before the import until autovacuum
                    // gets to it, and questions asked soon after would pick plans for a small table. The
                    // import is complete without them, so the answer does not wait: the connection goes
                    // back to the pool once they are taken.
                    analyzing = true;
                    items.analyze(connection).onFailure().recoverWithNull()
                            .eventually(connection::close)
                            .subscribe().with(done -> { }, failure -> { });
                }
                return result;
            } catch (RuntimeException | IOException e) {
                transaction.rollback().onFailure().recoverWithNull().await().indefinitely();
                throw e;
            }
        } finally {
            if (!analyzing) {
                connection.close().await().indefinitely();
            }
        }
    }

    private ImportResult fill(SqlConnection tx, String space, String user, ImportRequest request, String fileName,
                              InputStream file) throws IOException {
        StoredList target = request.listId() != null ? existing(tx, space, request.listId())
                : namedAfter(tx, space, user, fileName, request.type());
        String type = target.list().type();
        String now = Timestamps.now();
        List<String> refusedLines = new ArrayList<>();
        long refused = 0;
        long imported = 0;
        List<TypedValue> batch = new ArrayList<>(BATCH);
        Uni<Void> pending = null;
        BufferedReader lines = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8), 64 * 1024);
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                batch.add(ValueTypes.parse(type, line));
            } catch (InvalidValueException e) {
                refused++;
                if (refusedLines.size() < REPORTED_LINES) {
                    refusedLines.add("line " + number + ": " + e.getMessage());
                }
                continue;
            }
            if (batch.size() == BATCH) {
                // PostgreSQL stores one batch while the next is read and checked
                await(pending);
                pending = items.insertBatch(tx, target.key(), space, user, now, batch).memoize().indefinitely();
                pending.subscribe().with(done -> { }, failure -> { });
                imported += batch.size();
                batch = new ArrayList<>(BATCH);
            }
        }
        await(pending);
        if (!batch.isEmpty()) {
            items.insertBatch(tx, target.key(), space, user, now, batch).await().indefinitely();
            imported += batch.size();
        }
        if (imported == 0 && refused == 0) {
            throw ApiException.badRequest("The file \"" + fileName + "\" holds no values to import");
        }
        if (request.listId() != null) {
            outbox.append(tx, events.updated(space, target.list())).await().indefinitely();
        }
        return new ImportResult(target.list(), imported, refusedLines, refused);
    }

    private StoredList existing(SqlConnection tx, String space, String listId) {
        StoredList stored = lists.lock(tx, space, listId).await().indefinitely();
        if (stored == null) {
            throw ApiException.conflict("list id: \"" + listId + "\" does not exist");
        }
        return stored;
    }

    /** The list with the file's name as id, created (of {@code type}) when the space has none yet. */
    private StoredList namedAfter(SqlConnection tx, String space, String user, String fileName, String type) {
        StoredList stored = lists.lock(tx, space, fileName).await().indefinitely();
        if (stored != null) {
            return stored;
        }
        ValueList list = ValueList.create(new NewValueList(fileName, fileName,
                "File uploaded from file system of " + fileName, type, null, 1), user);
        lists.insert(tx, space, list).await().indefinitely();
        outbox.append(tx, events.created(space, list)).await().indefinitely();
        return lists.findStored(tx, space, fileName).await().indefinitely();
    }

    private static void await(Uni<Void> pending) {
        if (pending != null) {
            pending.await().indefinitely();
        }
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    }
}
