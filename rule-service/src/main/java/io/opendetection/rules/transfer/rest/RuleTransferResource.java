package io.opendetection.rules.transfer.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.rules.transfer.service.ImportOptions;
import io.opendetection.rules.transfer.service.RuleExporter;
import io.opendetection.rules.transfer.service.RuleImporter;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;

/** {@code _export} and {@code _import}: rules out and in as NDJSON. */
@Path("/api/detection_engine/rules")
public class RuleTransferResource {
    public static final String NDJSON = "application/ndjson";

    @Inject
    RuleExporter exporter;

    @Inject
    RuleImporter importer;

    @Inject
    ObjectMapper json;

    @POST
    @Path("_export")
    @Consumes(MediaType.WILDCARD)
    @Produces(NDJSON)
    public RestMulti<byte[]> export(@RestQuery("exclude_export_details") String excludeExportDetails,
                                    @RestQuery("file_name") String fileName, String body) throws IOException {
        JsonNode request = body == null || body.isBlank() ? null : json.readTree(body);
        RuleExporter.Selection selection = RuleExporter.selection(request);
        return ndjson(exporter.export(selection, flag("exclude_export_details", excludeExportDetails)),
                fileName == null || fileName.isEmpty() ? "export.ndjson" : fileName);
    }

    /** The NDJSON answer of an export, streamed as it is produced. */
    public static RestMulti<byte[]> ndjson(io.smallrye.mutiny.Multi<byte[]> lines, String fileName) {
        return RestMulti.fromMultiData(lines).encodeAsJsonArray(false).status(200)
                .header("Content-Type", NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + fileName.replace("\"", "") + "\"")
                .build();
    }

    @POST
    @Path("_import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public RestResponse<ObjectNode> importRules(@RestForm("file") FileUpload file, @RestQuery String overwrite,
                                  @RestQuery("overwrite_exceptions") String overwriteExceptions,
                                  @RestQuery("overwrite_action_connectors") String overwriteActionConnectors,
                                  @RestQuery("as_new_list") String asNewList) {
        ImportOptions options = new ImportOptions(flag("overwrite", overwrite),
                flag("overwrite_exceptions", overwriteExceptions),
                flag("overwrite_action_connectors", overwriteActionConnectors), flag("as_new_list", asNewList));
        if (file == null) {
            throw ApiException.platform(400, "[request body]: file: Required");
        }
        // Kibana's exact header (with the space), which some clients compare as a string.
        return RestResponse.ResponseBuilder.ok(importer.importFile(file.fileName(), file.uploadedFile(), options))
                .header("Content-Type", "application/json; charset=utf-8").build();
    }

    /** A boolean query parameter as Kibana's schema reads it: absent is false; only true/false are accepted. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.platform(400, "[request query]: " + name + ": Invalid enum value. Expected 'true' | 'false', received '"
                + value + "'");
    }
}
