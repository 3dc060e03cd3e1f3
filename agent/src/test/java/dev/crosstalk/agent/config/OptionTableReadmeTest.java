package dev.crosstalk.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's option table and the table in code are one table: a row changed in one place only fails here. */
class OptionTableReadmeTest {

    @Test
    void readmeOptionTableIsTheTableInCode() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int start = readme.indexOf("| option | default | accepts |");
        StringBuilder table = new StringBuilder();
        for (int i = start; i >= 0 && i < readme.size() && readme.get(i).startsWith("|"); i++) {
            table.append(readme.get(i)).append('\n');
        }
        assertEquals(OptionTable.markdown(), table.toString());
    }

    @Test
    void everyRowParsesItsOwnDefault() throws Exception {
        // the documented default of a row with a literal default is a value the row accepts
        for (Option o : OptionTable.ROWS) {
            String d = o.byDefault();
            if (d.startsWith("`") && d.indexOf('`', 1) == d.length() - 1) {
                Options.parse(o.name() + "=" + d.substring(1, d.length() - 1));
            }
        }
    }
}
