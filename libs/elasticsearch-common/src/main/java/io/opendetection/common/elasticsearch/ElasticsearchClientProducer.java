package io.opendetection.common.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.elasticsearch.client.RestClient;

/**
 * The typed Elasticsearch client of the 8.19 line (8.19 servers refuse the 9.x client), over the
 * low-level client the Quarkus extension configures and closes: hence no disposer here.
 */
public class ElasticsearchClientProducer {

    @Produces
    @Singleton
    public ElasticsearchAsyncClient elasticsearch(RestClient restClient, ObjectMapper objectMapper) {
        // JacksonJsonpMapper reconfigures the mapper it gets; the application's own must stay as it is.
        return new ElasticsearchAsyncClient(
                new RestClientTransport(restClient, new JacksonJsonpMapper(objectMapper.copy())));
    }
}
