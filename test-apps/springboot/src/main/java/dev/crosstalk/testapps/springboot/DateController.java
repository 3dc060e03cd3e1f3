package dev.crosstalk.testapps.springboot;

import java.text.ParseException;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /date?d=2024-01-15 ({@link DateService}) and GET /fixed/date ({@link FixedDateService}): the date
 * normalised, as {@code date=yyyy-MM-dd}; 400 for a date that does not parse, 500 naming the exception
 * for anything else.
 */
@RestController
class DateController {

    private final DateService dates;
    private final FixedDateService fixedDates;

    DateController(DateService dates, FixedDateService fixedDates) {
        this.dates = dates;
        this.fixedDates = fixedDates;
    }

    @GetMapping("/date")
    ResponseEntity<String> date(@RequestParam("d") String d) {
        try {
            return ResponseEntity.ok("date=" + dates.normalize(d));
        } catch (ParseException e) {
            return ResponseEntity.badRequest().body("not a date: " + d);
        }
    }

    @GetMapping("/fixed/date")
    ResponseEntity<String> fixedDate(@RequestParam("d") String d) {
        try {
            return ResponseEntity.ok("date=" + fixedDates.normalize(d));
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body("not a date: " + d);
        }
    }

    // Answered here rather than by Spring's error page, which would dispatch the request a second time.
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> failed(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("error=" + e.getClass().getName());
    }
}
