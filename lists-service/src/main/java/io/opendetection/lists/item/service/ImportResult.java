package io.opendetection.lists.item.service;

import io.opendetection.lists.list.service.ValueList;

import java.util.List;

/**
 * What an import did: the list it filled, how many values it stored, and the lines it refused
 * (the first ones, each with its number and why), with how many were refused in all.
 */
public record ImportResult(ValueList list, long imported, List<String> refusedLines, long refused) {
}
