package io.opendetection.gateway.status;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The body of {@code GET /api/status}, shaped after Kibana's. */
public record StatusReport(String name, Version version, Status status) {
    static final String NAME = "opendetection";
    static final String GATEWAY = "gateway";

    public record Version(String number) {
    }

    /** {@code services} starts with the gateway, then the services in route-table order. */
    public record Status(ComponentStatus overall, Map<String, ComponentStatus> services) {
    }

    /**
     * The gateway being down means nothing works; some services being down means part of the API
     * does not; none, everything does.
     */
    static StatusReport of(String version, Map<String, ComponentStatus> components) {
        ComponentStatus gateway = components.get(GATEWAY);
        List<String> unavailable = components.entrySet().stream()
                .filter(component -> !component.getKey().equals(GATEWAY))
                .filter(component -> component.getValue().level() == Level.UNAVAILABLE)
                .map(Map.Entry::getKey)
                .toList();
        long services = components.size() - 1;
        ComponentStatus overall;
        if (gateway.level() == Level.UNAVAILABLE) {
            overall = new ComponentStatus(Level.UNAVAILABLE, "The gateway is unavailable", null);
        } else if (unavailable.isEmpty()) {
            overall = new ComponentStatus(Level.AVAILABLE, "All services are available", null);
        } else {
            Level level = unavailable.size() == services ? Level.UNAVAILABLE : Level.DEGRADED;
            overall = new ComponentStatus(level, unavailable.size() + " of " + services + " services "
                    + (unavailable.size() == 1 ? "is" : "are") + " unavailable: "
                    + unavailable.stream().collect(Collectors.joining(", ")), null);
        }
        return new StatusReport(NAME, new Version(version), new Status(overall, components));
    }

    @JsonIgnore
    public boolean available() {
        return status.overall().level() == Level.AVAILABLE;
    }
}
