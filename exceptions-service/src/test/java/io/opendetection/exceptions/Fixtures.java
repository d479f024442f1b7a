package io.opendetection.exceptions;

/**
 * Request bodies the tests start from: a list of CI build hosts ({@code ci-build-hosts}) and an
 * item of it that spares one runner ({@code ci-runner-seven}).
 */
final class Fixtures {
    static final String ENTRIES = """
            [{"field":"process.parent","type":"nested",
              "entries":[{"field":"name","operator":"included","type":"match","value":"buildkite-agent"}]},
             {"field":"host.name","operator":"included","type":"match","value":"ci-runner-07"}]""";

    private Fixtures() {
    }

    static String list(String listId) {
        return """
                {"list_id":"%s","name":"CI build hosts","description":"Hosts that run our build pipelines","type":"detection"}"""
                .formatted(listId);
    }

    static String minimalList() {
        return list("ci-build-hosts");
    }

    static String agnosticList(String listId) {
        return """
                {"list_id":"%s","name":"Shared scanners","description":"Vulnerability scanners of every team",
                 "type":"detection","namespace_type":"agnostic"}""".formatted(listId);
    }

    static String minimalItem() {
        return """
                {"list_id":"ci-build-hosts","item_id":"ci-runner-seven","name":"Runner seven",
                 "description":"Builds kernels, looks like malware","type":"simple","os_types":["linux"],"entries":%s}"""
                .formatted(ENTRIES);
    }

    /** An item of the fixture list with these entries. */
    static String itemWithEntries(String entries) {
        return """
                {"list_id":"ci-build-hosts","name":"Runner seven","description":"Builds kernels","type":"simple",
                 "entries":%s}""".formatted(entries);
    }
}
