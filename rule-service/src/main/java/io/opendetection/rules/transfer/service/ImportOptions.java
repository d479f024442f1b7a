package io.opendetection.rules.transfer.service;

/** The query of {@code _import}: what may be replaced, and whether lists come in as new ones. */
public record ImportOptions(boolean overwrite, boolean overwriteExceptions, boolean overwriteActionConnectors,
                            boolean asNewList) {
}
