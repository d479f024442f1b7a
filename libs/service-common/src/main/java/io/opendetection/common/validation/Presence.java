package io.opendetection.common.validation;

/** Whether a field may be left out of a request, in zod's terms, so the messages match Kibana's. */
public enum Presence {
    /** Must be given; a null is a value of the wrong type. */
    REQUIRED,
    /** May be left out (zod's {@code optional()}); a null is a value of the wrong type. */
    OPTIONAL,
    /** May be left out or null (zod's {@code nullish()}); a null reads as left out. */
    NULLISH
}
