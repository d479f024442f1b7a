package io.opendetection.kql;

import java.util.List;
import java.util.Optional;

/** The fields a table offers to KQL filters, by the names the API's filters use. */
public interface SqlFields {

    Optional<SqlField> resolve(String kqlFieldName);

    /** Where a bare value without a field ({@code "foo"}) is searched; none by default. */
    default List<SqlField> defaultFields() {
        return List.of();
    }
}
