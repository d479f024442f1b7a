package io.opendetection.contracts.errors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Kibana's platform ("Boom") error body: request validation, XSRF, authentication, routing,
 * payload size. {@code {"statusCode":400,"error":"Bad Request","message":"..."}}
 */
@JsonPropertyOrder({"statusCode", "error", "message"})
public record PlatformError(int statusCode, String error, String message) {

    public static PlatformError of(int statusCode, String message) {
        return new PlatformError(statusCode, reasonPhrase(statusCode), message);
    }

    /** The reason phrases Kibana (hapi's Boom) puts in {@code error}. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Time-out";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Time-out";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
    }
}
