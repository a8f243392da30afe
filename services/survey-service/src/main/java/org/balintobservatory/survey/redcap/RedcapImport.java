package org.balintobservatory.survey.redcap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.balintobservatory.support.batch.BatchLine;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.batch.LineResult;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.survey.response.SurveyLines;
import org.balintobservatory.survey.response.SurveyRequests;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns REDCap records into survey responses through the same path as a batch line. Each record (per event
 * and repeat instance) gets a deterministic response id, so a second pull of an unchanged record stores
 * nothing; a record changed in REDCap since it was stored becomes a correction of that response, under a
 * correction id derived from its new content, so pulling it again changes nothing either.
 */
@Component
class RedcapImport {

    private final SurveyLines lines;
    private final BatchRunner runner;
    private final ObjectMapper mapper;

    RedcapImport(SurveyLines lines, BatchRunner runner, ObjectMapper mapper) {
        this.lines = lines;
        this.runner = runner;
        this.mapper = mapper;
    }

    /** The submission lines of the records that hold a completed questionnaire, one per record. */
    List<String> submissions(RedcapMapping mapping, List<Map<String, String>> records) {
        List<String> submissions = new ArrayList<>();
        for (Map<String, String> record : records) {
            String repeatInstrument = record.getOrDefault("redcap_repeat_instrument", "");
            if (!repeatInstrument.isEmpty() && !repeatInstrument.equals(mapping.redcapInstrument())) {
                continue;
            }
            if (!"2".equals(record.get(mapping.redcapInstrument() + "_complete"))) {
                continue;
            }
            String event = record.getOrDefault("redcap_event_name", "");
            if (mapping.longitudinal() && !mapping.events().containsKey(event)) {
                continue;
            }
            ObjectNode line = mapper.createObjectNode();
            line.put("responseId", responseId(mapping.projectId(), record.get(mapping.recordIdField()), event,
                    repeatInstrument, record.getOrDefault("redcap_repeat_instance", "")));
            line.put("participantId", record.get(mapping.recordIdField()));
            line.put("programmeId", mapping.programmeId());
            line.put("instrument", mapping.instrument());
            line.put("timepoint", (mapping.longitudinal() ? mapping.events().get(event) : mapping.timepoint()).name());
            String completed = record.getOrDefault(mapping.completedOnField(), "");
            line.put("completedOn", completed.length() >= 10 ? completed.substring(0, 10) : completed);
            ObjectNode items = line.putObject("items");
            mapping.items().forEach((item, field) -> {
                String value = record.getOrDefault(field, "");
                if (value.matches("-?[0-9]{1,9}")) {
                    items.put(item, Integer.parseInt(value));
                } else if (!value.isEmpty()) {
                    items.put(item, value);
                }
            });
            submissions.add(line.toString());
        }
        return submissions;
    }

    /** Runs the submissions, each as a batch line: submitted, or corrected when REDCap changed the record. */
    List<LineResult> run(String institution, List<String> submissions) {
        return runner.runAll(submissions, line -> submitOrCorrect(institution, line));
    }

    Object submitOrCorrect(String institution, BatchLine line) throws Exception {
        try {
            return lines.submit(institution, line);
        } catch (ConflictException e) {
            ObjectNode node = runner.object(line.text());
            String responseId = node.get("responseId").asText();
            if (!responseId.equals(e.stored().get("responseId"))) {
                throw e;
            }
            node.remove("responseId");
            node.put("correctionId", "rcc-" + letters(responseId + "|" + node));
            SurveyRequests.Correction correction = runner.bind(node, SurveyRequests.Correction.class);
            return lines.correct(institution, responseId, correction, line);
        }
    }

    /**
     * {@code rc-} and 24 letters of the SHA-256 of the project, record, event and repeat instance: the same
     * record is always the same response, and letters only, so no record number reads as a phone number.
     */
    static String responseId(int projectId, String record, String event, String repeatInstrument, String instance) {
        return "rc-" + letters(projectId + "|" + record + "|" + event + "|" + repeatInstrument + "|" + instance);
    }

    private static String letters(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                id.append((char) ('a' + ((hash[i] >> 4) & 0xF))).append((char) ('a' + (hash[i] & 0xF)));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
