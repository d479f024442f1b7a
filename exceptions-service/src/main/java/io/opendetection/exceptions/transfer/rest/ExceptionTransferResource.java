package io.opendetection.exceptions.transfer.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.errors.ApiException;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.transfer.service.ExceptionImport;
import io.opendetection.exceptions.transfer.service.ExceptionTransfers;
import io.opendetection.exceptions.transfer.service.ImportFile;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** A list and its items as one piece: {@code _export}, {@code _import}, {@code _duplicate}. */
@Path("/api/exception_lists")
public class ExceptionTransferResource {
    private static final String NDJSON = "application/ndjson";
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    @Inject
    ExceptionTransfers transfers;

    @Inject
    ExceptionImport importer;

    @Inject
    ObjectMapper json;

    /** Kibana stops at 10,000 lists and items; a 10,000-item list's own export holds 10,001. */
    @ConfigProperty(name = "detection.exceptions.import.max-objects")
    int maxImportObjects;

    @POST
    @Path("_export")
    public Uni<Response> export(@RestQuery String id, @RestQuery("list_id") String listId,
                                @RestQuery("namespace_type") String namespaceType,
                                @RestQuery("include_expired_exceptions") String includeExpired) {
        TransferQueries.ExportQuery query = TransferQueries.export(id, listId, namespaceType, includeExpired);
        return transfers.export(query.id(), query.listId(), query.namespaceType(), query.includeExpired())
                .map(export -> Response.ok(export.ndjson().getBytes(), NDJSON)
                        .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                        .build());
    }

    @POST
    @Path("_duplicate")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ExceptionList> duplicate(@RestQuery("list_id") String listId,
                                        @RestQuery("namespace_type") String namespaceType,
                                        @RestQuery("include_expired_exceptions") String includeExpired) {
        TransferQueries.DuplicateQuery query = TransferQueries.duplicate(listId, namespaceType, includeExpired);
        return transfers.duplicate(query.listId(), query.namespaceType(), query.includeExpired());
    }

    /**
     * The upload arrives in a temporary file (never whole in memory) and is read line by line, on a
     * worker thread, as reading a file blocks.
     */
    @POST
    @Path("_import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    public Uni<Response> importFile(@RestForm("file") FileUpload file, @RestQuery String overwrite,
                                    @RestQuery("as_new_list") String asNewList) {
        TransferQueries.ImportQuery query = TransferQueries.importing(overwrite, asNewList);
        if (file == null) {
            throw ApiException.platform(400, "[request body]: file: Required");
        }
        String extension = extension(file.fileName());
        if (!".ndjson".equals(extension)) {
            throw ApiException.badRequest("Invalid file extension " + extension);
        }
        ImportFile objects;
        try (BufferedReader lines = Files.newBufferedReader(file.uploadedFile(), StandardCharsets.UTF_8)) {
            objects = ImportFile.read(lines, json, maxImportObjects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return importer.run(objects, query.overwrite(), query.asNewList())
                .map(report -> Response.ok(report, JSON_UTF8).build());
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot);
    }
}
