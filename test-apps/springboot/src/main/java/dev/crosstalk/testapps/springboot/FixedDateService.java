package dev.crosstalk.testapps.springboot;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Service;

/** Like {@link DateService}, with an immutable {@link DateTimeFormatter} that requests can share. */
@Service
class FixedDateService {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    /** The date {@code text} denotes, written back in the API's format. */
    String normalize(String text) throws DateTimeParseException {
        return LocalDate.parse(text, FORMAT).format(FORMAT);
    }
}
