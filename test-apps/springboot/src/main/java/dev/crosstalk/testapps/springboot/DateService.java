package dev.crosstalk.testapps.springboot;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import org.springframework.stereotype.Service;

/** Dates in the one format the API speaks, {@code yyyy-MM-dd}. */
@Service
class DateService {

    // Creating a format is costly, so all requests share one.
    private static final SimpleDateFormat FORMAT = new SimpleDateFormat("yyyy-MM-dd");

    /** The date {@code text} denotes, written back in the API's format. */
    String normalize(String text) throws ParseException {
        return FORMAT.format(FORMAT.parse(text));
    }
}
