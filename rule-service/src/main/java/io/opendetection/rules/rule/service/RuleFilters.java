package io.opendetection.rules.rule.service;

import io.opendetection.common.errors.ApiException;
import io.opendetection.kql.KqlFieldException;
import io.opendetection.kql.KqlSql;
import io.opendetection.kql.KqlSyntaxException;
import io.opendetection.kql.SqlCondition;
import io.opendetection.rules.rule.persistence.RuleFilterFields;

/** A KQL filter over rules' saved-object attributes, as a SQL condition after the space ($1). */
public final class RuleFilters {
    private RuleFilters() {
    }

    /** Null for no filter (blank means every rule, as Kibana reads it). */
    public static SqlCondition of(String kql) {
        if (kql == null || kql.isBlank()) {
            return null;
        }
        try {
            return KqlSql.toSql(kql, RuleFilterFields.INSTANCE, 2);
        } catch (KqlSyntaxException e) {
            throw ApiException.badRequest("Invalid filter: " + e.reason());
        } catch (KqlFieldException e) {
            throw ApiException.badRequest("Invalid filter: " + e.getMessage());
        }
    }
}
