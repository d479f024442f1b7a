package io.opendetection.devstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher and the services must agree on names, or a started stack cannot find itself. */
class ServiceSpecTest {
    private static final Path ROOT = ProjectLayout.discover().root();

    @Test
    void theGatewayReadsTheServiceUrlsTheLauncherSets() throws IOException {
        String gateway = Files.readString(ROOT.resolve("gateway/src/main/resources/application.properties"));
        for (ServiceSpec backend : ServiceSpec.BACKENDS) {
            assertTrue(gateway.contains("${" + backend.urlVariable() + ":http://127.0.0.1:" + backend.defaultPort() + "}"),
                    backend.urlVariable() + " with the default port " + backend.defaultPort());
        }
    }

    @Test
    void eachServiceDefaultsToThePortAndSchemaTheLauncherGivesIt() throws IOException {
        for (ServiceSpec spec : ServiceSpec.all()) {
            String properties = Files.readString(ROOT.resolve(spec.module()).resolve("src/main/resources/application.properties"));
            assertTrue(properties.contains("${HTTP_PORT:" + spec.defaultPort() + "}"), spec.module() + " port");
            assertTrue(properties.contains("${DB_SCHEMA:" + spec.schema() + "}"), spec.module() + " schema");
        }
    }
}
