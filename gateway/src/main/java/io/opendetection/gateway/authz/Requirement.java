package io.opendetection.gateway.authz;

import java.util.List;
import java.util.stream.Collectors;

/** The feature privileges that allow a route: any one of them suffices. */
public record Requirement(List<Needed> anyOf) {

    public record Needed(Area area, Level level) {
        /** Kibana's API privilege name, e.g. {@code rules-read}. */
        public String kibanaName() {
            return area.id() + "-" + level.id();
        }
    }

    public Requirement {
        anyOf = List.copyOf(anyOf);
    }

    public static Requirement of(Area area, Level level) {
        return new Requirement(List.of(new Needed(area, level)));
    }

    public boolean satisfiedBy(Grants grants, String space) {
        var features = grants.features(space);
        return anyOf.stream().anyMatch(needed -> features.get(needed.area()).covers(needed.level()));
    }

    /** As Kibana lists them in its 403 message, e.g. {@code rules-all}. */
    public String kibanaNames() {
        return anyOf.stream().map(Needed::kibanaName).collect(Collectors.joining(","));
    }
}
