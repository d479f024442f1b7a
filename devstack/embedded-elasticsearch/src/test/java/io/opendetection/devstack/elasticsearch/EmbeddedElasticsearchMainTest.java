package io.opendetection.devstack.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opendetection.devstack.embedded.testing.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.elasticsearch.common.xcontent.XContentHelper;
import org.elasticsearch.common.xcontent.support.XContentMapValues;
import org.elasticsearch.xcontent.XContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedElasticsearchMainTest {

    private static final List<String> JVM_FLAGS = List.of("-Xmx1g",
            "-Des.nativelibs.path=" + Path.of("target/native/elasticsearch-8.19.21/lib/platform/linux-x64").toAbsolutePath(),
            "-Dio.netty.noUnsafe=true");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void servesSearchAndEsqlWithGreenIndicesOnOneNode() throws Exception {
        try (ChildJvm elasticsearch = ChildJvm.start(dir.resolve("es.log"), JVM_FLAGS,
                EmbeddedElasticsearchMain.class.getName(),
                "--http-port", Integer.toString(ChildJvm.freePort()),
                "--transport-port", Integer.toString(ChildJvm.freePort()),
                "--data-dir", dir.resolve("data").toString(), "--ready-file", dir.resolve("ready").toString())) {
            Properties ready = elasticsearch.awaitReady(dir.resolve("ready"));
            String url = ready.getProperty("url");
            assertEquals("http://127.0.0.1:" + ready.getProperty("http.port"), url);

            assertEquals("8.19.21", value(call("GET", url + "/", null), "version.number"));
            assertEquals(200, send("HEAD", url + "/", null).statusCode());

            call("PUT", url + "/alerts", null);
            call("POST", url + "/alerts/_doc?refresh=true", "{\"rule\":\"brute force\",\"severity\":73}");
            assertEquals(1, value(call("GET", url + "/alerts/_search?q=rule:brute", null), "hits.total.value"));
            assertEquals("green", value(call("GET", url + "/_cluster/health?wait_for_status=green&timeout=10s", null),
                    "status"));

            Map<String, Object> esql = call("POST", url + "/_query",
                    "{\"query\":\"FROM alerts | KEEP rule, severity | LIMIT 1\"}");
            assertEquals(List.of(List.of("brute force", 73)), esql.get("values"));

            elasticsearch.stop();
        }
    }

    /** Sends the request, requires a 2xx answer and returns its JSON body. */
    private Map<String, Object> call(String method, String url, String json) throws Exception {
        HttpResponse<String> response = send(method, url, json);
        assertEquals(2, response.statusCode() / 100, () -> method + " " + url + ": " + response.body());
        return XContentHelper.convertToMap(XContentType.JSON.xContent(), response.body(), false);
    }

    private HttpResponse<String> send(String method, String url, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Object value(Map<String, Object> json, String path) {
        return XContentMapValues.extractValue(path, json);
    }
}
