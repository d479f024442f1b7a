package io.opendetection.testkit;

/**
 * Where the infrastructure of the running tests is, for tests that talk to it directly (a Kafka
 * consumer checking what a service published, an Elasticsearch query checking what it wrote).
 *
 * @param elasticsearchUrl {@code http://host:port}, or null when the tests do not use Elasticsearch
 */
public record TestEndpoints(String postgresUrl, String postgresUser, String postgresPassword,
                            String kafkaBootstrapServers, String elasticsearchUrl) {
    private static volatile TestEndpoints current;

    static void set(TestEndpoints endpoints) {
        current = endpoints;
    }

    /** The endpoints {@link RealInfrastructure} started or attached to in this JVM. */
    public static TestEndpoints current() {
        if (current == null) {
            throw new IllegalStateException("RealInfrastructure has not started; annotate the test with @WithTestResource(RealInfrastructure.class)");
        }
        return current;
    }
}
