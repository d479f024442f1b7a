package io.opendetection.exceptions;

/** Request bodies the tests start from: a list of CI build hosts and an item that spares one runner. */
final class Fixtures {
    static final String LIST_ID = "ci-build-hosts";
    static final String ITEM_ID = "ci-runner-seven";

    static final String ENTRIES = """
            [{"field":"process.parent","type":"nested",
              "entries":[{"field":"name","operator":"included","type":"match","value":"buildkite-agent"}]},
             {"field":"host.name","operator":"included","type":"match","value":"ci-runner-07"}]""";

    private Fixtures() {
    }

    static String list(String listId, String type) {
        return """
                {"list_id":"%s","name":"CI build hosts","description":"Hosts that run our build pipelines","type":"%s"}"""
                .formatted(listId, type);
    }

    static String minimalList() {
        return list(LIST_ID, "detection");
    }

    static String agnosticList(String listId) {
        return """
                {"list_id":"%s","name":"Shared scanners","description":"Vulnerability scanners of every team",
                 "type":"detection","namespace_type":"agnostic"}""".formatted(listId);
    }

    static String item(String listId, String itemId) {
        return """
                {"list_id":"%s","item_id":"%s","name":"Runner seven","description":"Builds kernels, looks like malware",
                 "type":"simple","os_types":["linux"],"entries":%s}""".formatted(listId, itemId, ENTRIES);
    }

    static String minimalItem() {
        return item(LIST_ID, ITEM_ID);
    }

    /** An item of the fixture list with these entries. */
    static String itemWithEntries(String entries) {
        return """
                {"list_id":"%s","name":"Runner seven","description":"Builds kernels","type":"simple","entries":%s}"""
                .formatted(LIST_ID, entries);
    }
}
