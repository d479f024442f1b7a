package io.opendetection.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every object an overlay renders is one the API server would accept in shape: it deserialises
 * into fabric8's Kubernetes model classes with no unknown field anywhere and no value of the
 * wrong type (Jackson's lenient coercions, such as a number where a string belongs, are off),
 * and its names and labels pass the API server's syntax rules.
 */
class SchemaValidationTest {
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            // Strimzi's own model of its custom resources
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class));
    /**
     * CloudNativePG's and ECK's custom resources (dev overlay): neither publishes a model on Maven
     * Central, so only their metadata is checked; their spec follows the operators' documentation.
     */
    private static final Set<String> CUSTOM_RESOURCES = Set.of("postgresql.cnpg.io/v1/Cluster",
            "elasticsearch.k8s.elastic.co/v1/Elasticsearch");

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    /** Kinds whose name becomes a DNS label (a host name), not just a subdomain. */
    private static final Set<String> LABEL_NAMED = Set.of("Service", "Namespace");

    static final ObjectMapper STRICT = strictMapper();

    /** The overlays, and the parts an overlay of the user's own would build on. */
    static List<String> kustomizations() {
        List<String> kustomizations = new ArrayList<>(Rendering.OVERLAYS);
        kustomizations.addAll(List.of("base", "topics/strimzi", "topics/job"));
        return kustomizations;
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyObjectMatchesItsSchema(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : Rendering.of(overlay).objects()) {
            problems.addAll(problemsOf(object));
        }
        assertTrue(problems.isEmpty(), overlay + ":\n" + String.join("\n", problems));
    }

    /** The validation itself must catch what it claims to catch. */
    @Test
    void validationRefusesUnknownFieldsAndWrongTypes() {
        assertTrue(problemsOf(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ok}
                data: {PORT: "5611"}
                """)).isEmpty());
        assertTrue(problemsOf(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ok}
                data: {PORT: 5611}
                """)).stream().anyMatch(problem -> problem.contains("not valid")), "a number where a string belongs");
        assertTrue(problemsOf(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: ok}
                spec: {replicas: "2"}
                """)).stream().anyMatch(problem -> problem.contains("not valid")), "a string where an integer belongs");
        assertEquals(List.of("apps/v1 Deployment ok: unknown field spec.template.spec.containers[0].livenesProbe"), problemsOf(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: ok}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          livenesProbe: {periodSeconds: 5}
                """)));
        assertEquals(List.of("kafka.strimzi.io/v1beta2 KafkaTopic t: unknown field spec.partition"), problemsOf(yaml("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partition: 6}
                """)));
        assertTrue(problemsOf(yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: Not_A_Name}
                """)).stream().anyMatch(problem -> problem.contains("name")));
        assertThrows(AssertionError.class, () -> problemsOf(yaml("""
                apiVersion: example.com/v1
                kind: Unknown
                metadata: {name: ok}
                """)));
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> problemsOf(ObjectNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String name = object.path("apiVersion").asText() + " " + object.path("kind").asText() + " " + Rendering.name(object);
        List<String> problems = new ArrayList<>();
        Class<?> model = MODELS.get(type);
        Object typed;
        try {
            if (model != null) {
                typed = STRICT.treeToValue(object, model);
            } else if (CUSTOM_RESOURCES.contains(type)) {
                typed = STRICT.treeToValue(object.path("metadata"), ObjectMeta.class);
                if (!object.path("spec").isObject()) {
                    problems.add(name + ": no spec");
                }
            } else {
                throw new AssertionError(name + ": " + type + " is neither a Kubernetes kind the checks know nor a known custom resource");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(name + ": not valid: " + e.getOriginalMessage());
            return problems;
        }
        unknownFields(typed, "", name, problems);
        problems.addAll(syntaxProblems(object, name));
        // a model may reach one object through two getters
        return problems.stream().distinct().toList();
    }

    private static List<String> syntaxProblems(JsonNode object, String name) {
        List<String> problems = new ArrayList<>();
        String objectName = Rendering.name(object);
        Pattern naming = LABEL_NAMED.contains(object.path("kind").asText()) ? DNS_LABEL : DNS_SUBDOMAIN;
        if (!naming.matcher(objectName).matches() || objectName.length() > (naming == DNS_LABEL ? 63 : 253)) {
            problems.add(name + ": the name is not a valid " + (naming == DNS_LABEL ? "DNS label" : "DNS subdomain"));
        }
        List<JsonNode> labelSets = new ArrayList<>(List.of(object.path("metadata").path("labels"),
                object.path("spec").path("template").path("metadata").path("labels"),
                object.path("spec").path("selector").path("matchLabels")));
        for (JsonNode labels : labelSets) {
            labels.fields().forEachRemaining(label -> {
                if (!LABEL_VALUE.matcher(label.getValue().asText()).matches() || label.getValue().asText().length() > 63) {
                    problems.add(name + ": label " + label.getKey() + " has an invalid value");
                }
            });
        }
        for (String field : List.of("data", "stringData")) {
            object.path(field).fieldNames().forEachRemaining(key -> {
                if (!CONFIG_KEY.matcher(key).matches()) {
                    problems.add(name + ": key " + key + " is not a valid ConfigMap/Secret key");
                }
            });
        }
        for (JsonNode container : Rendering.podSpec(object).path("containers")) {
            if (!DNS_LABEL.matcher(container.path("name").asText()).matches()) {
                problems.add(name + ": container name " + container.path("name").asText() + " is not a DNS label");
            }
        }
        return problems;
    }

    /** fabric8 and Strimzi keep what they do not know in additionalProperties: anything there is a field the API server would refuse. */
    private static void unknownFields(Object value, String path, String name, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + index++ + "]", name, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> unknownFields(element, path + "." + key, name, problems));
            return;
        }
        String model = value.getClass().getPackageName();
        if (!model.startsWith("io.fabric8.kubernetes.api.model") && !model.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) property).keySet().forEach(key ->
                        problems.add(name + ": unknown field " + (path + "." + key).substring(1)));
            } else {
                String field = getter.getName().replaceFirst("^(get|is)", "");
                unknownFields(property, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), name, problems);
            }
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }
}
