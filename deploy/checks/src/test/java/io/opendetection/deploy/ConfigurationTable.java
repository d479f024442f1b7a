package io.opendetection.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's Configuration table: which environment variables it documents for which service. */
final class ConfigurationTable {
    private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    private ConfigurationTable() {
    }

    /** variable → the modules the table says read it. */
    static Map<String, Set<String>> documented(List<String> modules) {
        String readme = Repository.read("README.md");
        int start = readme.indexOf("\n## Configuration");
        if (start < 0) {
            throw new AssertionError("README.md has no Configuration section");
        }
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        for (String line : readme.substring(start).split("\n")) {
            if (line.startsWith("## ") && !line.startsWith("## Configuration")) {
                break;
            }
            String[] cells = line.split("\\|");
            if (!line.startsWith("|") || cells.length < 3 || cells[1].trim().equals("variable") || cells[1].contains("---")) {
                continue;
            }
            Set<String> services = services(cells[2].trim(), modules);
            Matcher variable = VARIABLE.matcher(cells[1]);
            while (variable.find()) {
                documented.computeIfAbsent(variable.group(1), name -> new TreeSet<>()).addAll(services);
            }
        }
        if (documented.isEmpty()) {
            throw new AssertionError("README.md's Configuration table documents no variable");
        }
        return documented;
    }

    private static Set<String> services(String cell, List<String> modules) {
        Set<String> services = new TreeSet<>();
        for (String part : cell.split(",")) {
            String service = part.trim();
            switch (service) {
                case "all" -> services.addAll(modules);
                case "domain services" -> modules.stream().filter(module -> !module.equals("gateway")).forEach(services::add);
                default -> {
                    if (!modules.contains(service)) {
                        throw new AssertionError("README.md's Configuration table names '" + service + "', which is no service");
                    }
                    services.add(service);
                }
            }
        }
        return services;
    }

    static List<String> documentedFor(String module, List<String> modules) {
        List<String> variables = new ArrayList<>();
        documented(modules).forEach((variable, services) -> {
            if (services.contains(module)) {
                variables.add(variable);
            }
        });
        return variables;
    }
}
