package dev.buildxlens.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every case of the log corpus (src/test/resources/corpus/logs) against its expect.yml, which was written before the
 * reader existed: findings exactly, the expected possible ids among the tool's, builder (name and driver) and outcome.
 * The whole table is written to target/log-corpus-table.md before the verdict, so one disagreement shows all others.
 */
class LogCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus/logs");

    record Row(String id, String expected, String got, List<String> problems, String kindNote) {
    }

    @Test
    void every_case_agrees_with_its_expectation() throws IOException {
        List<Path> cases;
        try (Stream<Path> list = Files.list(CORPUS)) {
            cases = list.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        List<Row> rows = new ArrayList<>();
        for (Path dir : cases) {
            rows.add(check(dir));
        }
        StringBuilder table = new StringBuilder("| case | expected | got | verdict |\n|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(row.id()).append(" | ").append(row.expected()).append(" | ").append(row.got()).append(" | ")
                    .append(row.problems().isEmpty() ? "agree" : "DISAGREE: " + String.join("; ", row.problems()))
                    .append(row.kindNote().isEmpty() ? "" : " (" + row.kindNote() + ")").append(" |\n");
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/log-corpus-table.md"), table.toString());
        List<String> disagreements = rows.stream().filter(r -> !r.problems().isEmpty())
                .map(r -> r.id() + ": " + String.join("; ", r.problems())).toList();
        assertThat(disagreements).as(table.toString()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Row check(Path dir) throws IOException {
        Map<String, Object> expect = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(dir.resolve("expect.yml"), StandardCharsets.UTF_8));
        LogFacts facts = new LogReader().read(dir.resolve("log.txt"));
        LogDiagnosis diagnosis = LogDiagnoser.diagnose(facts);
        List<String> problems = new ArrayList<>();

        TreeSet<String> wantFindings = new TreeSet<>((List<String>) expect.get("findings"));
        TreeSet<String> gotFindings = new TreeSet<>(diagnosis.findings().stream().map(Finding::id).toList());
        if (!wantFindings.equals(gotFindings)) {
            problems.add("findings " + gotFindings + " != " + wantFindings);
        }
        List<String> wantPossible = (List<String>) expect.get("possible");
        TreeSet<String> gotPossible = new TreeSet<>(diagnosis.possible().stream().map(PossibleCause::id).toList());
        if (!gotPossible.containsAll(wantPossible)) {
            problems.add("possible " + gotPossible + " lacks some of " + wantPossible);
        }
        Object builder = expect.get("builder");
        String wantName = builder == null ? null : (String) ((Map<String, Object>) builder).get("name");
        String wantDriver = builder == null ? null : (String) ((Map<String, Object>) builder).get("driver");
        if (!Objects.equals(wantName, facts.builder().name()) || !Objects.equals(wantDriver, facts.builder().driver())) {
            problems.add("builder " + facts.builder().name() + "/" + facts.builder().driver() + " != " + wantName + "/" + wantDriver);
        }
        String wantOutcome = (String) expect.get("outcome");
        if (!wantOutcome.equals(facts.outcome().label())) {
            problems.add("outcome " + facts.outcome().label() + " != " + wantOutcome);
        }
        // Every finding carries evidence, and evidence points at real lines of the log.
        int lines = facts.lineCount();
        for (Finding f : diagnosis.findings()) {
            if (f.evidence().isEmpty() && facts.mainErrorLine() != null) {
                problems.add(f.id() + " without evidence");
            }
            f.evidence().forEach(e -> {
                if (e.line() < 1 || e.line() > lines) {
                    problems.add(f.id() + " evidence line " + e.line() + " outside the log");
                }
            });
        }
        String kind = (String) expect.get("log_kind");
        String kindNote = kind.equals(facts.kind().label()) ? "" : "log_kind " + facts.kind().label() + " vs " + kind;
        // Not asserted (the brief asks for findings, possible, builder, outcome): the missing facts the tool names.
        TreeSet<String> gotMissing = new TreeSet<>(diagnosis.possible().stream().flatMap(p -> p.missing().stream()).toList());
        List<String> wantMissing = (List<String>) expect.get("missing");
        if (!gotMissing.containsAll(wantMissing)) {
            TreeSet<String> lacking = new TreeSet<>(wantMissing);
            lacking.removeAll(gotMissing);
            kindNote = (kindNote.isEmpty() ? "" : kindNote + "; ") + "missing facts not named: " + lacking;
        }
        String expected = describe(wantFindings, wantPossible);
        String got = describe(gotFindings, new ArrayList<>(gotPossible));
        return new Row(dir.getFileName().toString(), expected, got, problems, kindNote);
    }

    private static String describe(java.util.Collection<String> findings, List<String> possible) {
        String f = findings.isEmpty() ? "–" : String.join(", ", findings);
        return possible.isEmpty() ? f : f + "; possible: " + String.join(", ", possible);
    }
}
