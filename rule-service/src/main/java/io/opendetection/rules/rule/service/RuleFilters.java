package io.opendetection.rules.rule.service;

import io.opendetection.common.errors.ApiException;
import io.opendetection.kql.KqlFieldException;
import io.opendetection.kql.KqlSql;
import io.opendetection.kql.KqlSyntaxException;
import io.opendetection.kql.SqlCondition;
import io.opendetection.rules.rule.persistence.RuleFilterFields;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A KQL filter over rules' saved-object attributes, as a SQL condition after the space ($1). */
public final class RuleFilters {
    private static final Pattern CAST = Pattern.compile("\\$(\\d+)::(boolean|numeric|timestamptz)");
    private RuleFilters() {
    }

    /** Null for no filter (blank means every rule, as Kibana reads it). */
    public static SqlCondition of(String kql) {
        if (kql == null || kql.isBlank()) {
            return null;
        }
        try {
            return typed(KqlSql.toSql(kql, RuleFilterFields.INSTANCE, 2));
        } catch (KqlSyntaxException e) {
            throw ApiException.badRequest("Invalid filter: " + e.reason());
        } catch (KqlFieldException e) {
            throw ApiException.badRequest("Invalid filter: " + e.getMessage());
        }
    }

    /**
     * KqlSql binds every value as text and casts it in SQL ({@code $3::numeric}); the PostgreSQL
     * client encodes a parameter by the type the server infers, so each cast one is given as that type.
     */
    static SqlCondition typed(SqlCondition condition) {
        List<Object> parameters = new ArrayList<>(condition.parameters());
        Matcher cast = CAST.matcher(condition.sql());
        while (cast.find()) {
            int index = Integer.parseInt(cast.group(1)) - 2;
            String text = String.valueOf(parameters.get(index));
            try {
                parameters.set(index, switch (cast.group(2)) {
                    case "boolean" -> Boolean.valueOf(text);
                    case "numeric" -> new BigDecimal(text);
                    default -> timestamp(text);
                });
            } catch (DateTimeParseException | NumberFormatException e) {
                throw ApiException.badRequest("Invalid filter: not a " + cast.group(2) + ": " + text);
            }
        }
        return new SqlCondition(condition.sql(), parameters);
    }

    private static OffsetDateTime timestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
    }
}
