package org.partybuilding.system;

import java.util.regex.Pattern;

/** What a text typed by a user may contain: one rule for titles, names, form texts and mail subjects. */
public final class Texts {

    /** Control characters and line or paragraph separators: nothing a single-line text may hold. */
    private static final String CONTROL = "\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029";
    private static final String CONTROL_BUT_LINE_BREAKS = "\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u2028\\u2029";
    private static final Pattern SINGLE_LINE_FORBIDDEN = Pattern.compile("[" + CONTROL + "]");
    /** The same, except line breaks and tabs, which a multi-line text keeps. */
    private static final Pattern MULTI_LINE_FORBIDDEN = Pattern.compile("[" + CONTROL_BUT_LINE_BREAKS + "]");

    /** Regular expression for Jakarta Validation's {@code @Pattern} on single-line fields. */
    public static final String SINGLE_LINE = "[^" + CONTROL + "]*";
    /** Regular expression for Jakarta Validation's {@code @Pattern} on multi-line fields. */
    public static final String MULTI_LINE = "[^" + CONTROL_BUT_LINE_BREAKS + "]*";

    private Texts() {
    }

    public static boolean hasControlCharacters(String text, boolean multiLine) {
        return text != null && (multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).matcher(text).find();
    }

    /** A text made safe for one line (a mail subject): every control character or line break becomes a space. */
    public static String oneLine(String text) {
        return text == null ? "" : SINGLE_LINE_FORBIDDEN.matcher(text).replaceAll(" ").replaceAll(" {2,}", " ").strip();
    }
}
