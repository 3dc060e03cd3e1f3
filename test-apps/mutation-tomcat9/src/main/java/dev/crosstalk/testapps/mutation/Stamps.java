package dev.crosstalk.testapps.mutation;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Calendar;
import java.util.Date;

/**
 * Shape 7, between calls: a static {@code SimpleDateFormat} parses a date, and the parsed year is read
 * back from the format's own calendar. Another request formatting a date with it in between, never
 * at the same instant as either call, moves that calendar: the first request answers with the other
 * request's year. The fixed twin makes a format per call.
 */
final class Stamps {
    private static final String PATTERN = "yyyy-MM-dd";
    // Creating a format is costly, so all requests share one.
    private static final SimpleDateFormat FORMAT = new SimpleDateFormat(PATTERN);

    private Stamps() {
    }

    /** The year {@code text} names, read from the calendar the parse filled. */
    static String year(String text, String pair) {
        try {
            FORMAT.parse(text);
        } catch (ParseException e) {
            return "not a date";
        }
        Meet.at(pair, "1");
        Meet.at(pair, "2"); // the other request formats its date in between
        return String.valueOf(FORMAT.getCalendar().get(Calendar.YEAR));
    }

    /** The date at {@code millis}, written in the API's format. */
    static String echo(long millis, String pair) {
        Meet.at(pair, "1");
        try {
            return FORMAT.format(new Date(millis));
        } finally {
            Meet.at(pair, "2");
        }
    }

    static String fixedYear(String text, String pair) {
        SimpleDateFormat format = new SimpleDateFormat(PATTERN);
        try {
            format.parse(text);
        } catch (ParseException e) {
            return "not a date";
        }
        Meet.at(pair, "1");
        Meet.at(pair, "2");
        return String.valueOf(format.getCalendar().get(Calendar.YEAR));
    }

    static String fixedEcho(long millis, String pair) {
        Meet.at(pair, "1");
        try {
            return new SimpleDateFormat(PATTERN).format(new Date(millis));
        } finally {
            Meet.at(pair, "2");
        }
    }
}
