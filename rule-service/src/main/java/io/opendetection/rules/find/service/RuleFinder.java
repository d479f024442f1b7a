package io.opendetection.rules.find.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.document.Documents;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Problems;
import io.opendetection.kql.SqlCondition;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.opendetection.rules.rule.persistence.RuleSort;
import io.opendetection.rules.rule.service.RuleFilters;
import io.opendetection.rules.rule.service.RulePresenter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code _find}: a page of the space's rules, filtered and sorted in PostgreSQL. */
@ApplicationScoped
public class RuleFinder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    RuleRepository rules;

    @Inject
    RulePresenter presenter;

    @Inject
    Caller caller;

    @Inject
    Documents documents;

    public record Query(String page, String perPage, String sortField, String sortOrder, String filter,
                        List<String> fields) {
    }

    /** The page as Kibana answers it ({@code page}, {@code perPage}, {@code total}, {@code data}), as JSON. */
    public Uni<byte[]> find(Query query) {
        Problems problems = Problems.inQuery();
        int page = integer(problems, "page", query.page(), 1, 1);
        int perPage = integer(problems, "per_page", query.perPage(), 20, 0);
        if (query.sortField() != null && !RuleSort.FIELDS.contains(query.sortField())) {
            problems.add("sort_field", "Invalid enum value. Expected " + quoted(RuleSort.FIELDS)
                    + ", received '" + query.sortField() + "'");
        }
        if (query.sortOrder() != null && !List.of("asc", "desc").contains(query.sortOrder())) {
            problems.add("sort_order", "Invalid enum value. Expected 'asc' | 'desc', received '" + query.sortOrder() + "'");
        }
        problems.throwIfAny();
        if ((query.sortField() == null) != (query.sortOrder() == null)) {
            throw ApiException.siem(400, List.of("when \"sort_order\" and \"sort_field\" must exist together or not at all"));
        }
        RuleSort sort = query.sortField() == null ? RuleSort.DEFAULT : RuleSort.of(query.sortField(), query.sortOrder());
        SqlCondition filter = RuleFilters.of(query.filter());
        String space = caller.space();
        Uni<List<byte[]>> data = perPage == 0 ? Uni.createFrom().item(List.of())
                : rules.page(space, filter, sort, perPage, (long) (page - 1) * perPage)
                        .chain(presenter::presentDocuments);
        return Uni.combine().all().unis(data, rules.count(space, filter)).asTuple().map(result -> {
            ByteArrayOutputStream response = new ByteArrayOutputStream(64 + result.getItem1().size() * 8192);
            response.writeBytes(("{\"page\":" + page + ",\"perPage\":" + perPage + ",\"total\":" + result.getItem2()
                    + ",\"data\":[").getBytes(StandardCharsets.UTF_8));
            boolean projected = query.fields() != null && !query.fields().isEmpty();
            List<byte[]> rules = result.getItem1();
            for (int i = 0; i < rules.size(); i++) {
                if (i > 0) {
                    response.write(',');
                }
                response.writeBytes(projected ? only(rules.get(i), query.fields()) : rules.get(i));
            }
            response.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
            return response.toByteArray();
        });
    }

    /** With {@code fields}, each rule carries only those (and its ids, to be addressable). */
    private byte[] only(byte[] document, List<String> fields) {
        ObjectNode rule = documents.read(new String(document, StandardCharsets.UTF_8), ObjectNode.class);
        ObjectNode projected = JSON.objectNode();
        projected.set("id", rule.get("id"));
        projected.set("rule_id", rule.get("rule_id"));
        fields.forEach(field -> {
            if (rule.has(field)) {
                projected.set(field, rule.get(field));
            }
        });
        return documents.write(projected).getBytes(StandardCharsets.UTF_8);
    }

    private static int integer(Problems problems, String name, String value, int fallback, int min) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min) {
                problems.add(name, "Number must be greater than or equal to " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(name, "Expected number, received nan");
            return fallback;
        }
    }

    private static String quoted(List<String> values) {
        return String.join(" | ", values.stream().map(value -> "'" + value + "'").toList());
    }
}
