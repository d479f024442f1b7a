package io.opendetection.lists.index.service;

/** The names Kibana gives a space's value-list storage, which its messages quote. */
public final class DataStreams {
    private DataStreams() {
    }

    public static String lists(String space) {
        return ".lists-" + space;
    }

    public static String items(String space) {
        return ".items-" + space;
    }
}
