package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded memory on every body: every route of the survey and group services that takes a body (read from
 * each service's OpenAPI description, so a new route is covered the day it is added) is sent its worst case at
 * the limits and just past them, with the services running at the heap they have in production (the shared
 * stack runs them with {@link SharedStack#PRODUCTION_JVM_OPTIONS}), and each must answer 2xx or 4xx and stay
 * up. Worst cases: a JSON body at its limit, an NDJSON batch of 20,000 lines filling 16 MB, 16 MB of blank
 * lines, a CSV and an {@code .xlsx} of 20,000 rows of text cells under the route's own header, a zip bomb;
 * just past: one byte over each limit. Sent to each service's own port, from its packaged jar, the two services
 * at once and each its bodies one after another. After the dashboard's test, so that nothing these bodies
 * store meets a test that reads every unit.
 */
@ExtendWith(SharedStack.class)
@Order(3)
class BodyMemoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SINGLE_LIMIT = (int) BodyLimits.DEFAULTS.single().toBytes();
    private static final int BATCH_LIMIT = (int) BodyLimits.DEFAULTS.batch().toBytes();
    private static final int ROWS = 20_000;
    private static final Map<String, String> TEMPLATES = Map.of(
            "/api/v1/survey-responses/upload", "/api/v1/instruments/jse-style/upload-template",
            "/api/v1/groups/{groupId}/sessions/upload", "/api/v1/groups/sessions/upload-template");
    /** The boundary of the forms sent to the routes that take {@code multipart/form-data}. */
    private static final String BOUNDARY = "body-memory-7f3a";
    /** Query parameters a route needs before it reads its body. */
    private static final Map<String, String> QUERIES = Map.of("/api/v1/survey-responses/upload", "?instrument=jse-style");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyBodyTakingRouteAnswersItsWorstCaseWithinTheProductionHeapAndStaysUp(SharedStack.Running stack)
            throws Exception {
        ApiKeys keys = stack.stack().keys();
        ServiceProcesses processes = stack.stack().services();
        // The two services are separate processes with a heap each: they are sent their worst cases at the same
        // time, each its own one after another, so that no service ever holds two of them at once.
        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<String> answers = new ArrayList<>();
        try {
            List<Future<List<String>>> perService = new ArrayList<>();
            for (String name : List.of("survey-service", "group-service")) {
                ServiceInstance service = processes.instances(service(name)).get(0);
                perService.add(senders.submit(() -> worstCasesAnswered(name, service, keys)));
            }
            for (Future<List<String>> service : perService) {
                try {
                    answers.addAll(service.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(answers).as("the routes that read a raw body are described, and so sent their worst cases")
                .anySatisfy(a -> assertThat(a).contains(" /api/v1/survey-responses/batch application/x-ndjson"))
                .anySatisfy(a -> assertThat(a).contains(" /api/v1/batch application/x-ndjson"))
                .anySatisfy(a -> assertThat(a).contains(" /api/v1/survey-responses/upload multipart/form-data"))
                .anySatisfy(a -> assertThat(a).contains(" /api/v1/groups/{groupId}/sessions/upload text/csv"))
                .anySatisfy(a -> assertThat(a).contains(" /api/v1/groups/{groupId}/sessions/upload application/vnd"));
        assertThat(answers).as("every answer is 2xx or 4xx")
                .allSatisfy(answer -> assertThat(answer).matches("[24]\\d\\d .*"));
        assertThat(answers).as("the worst cases past the limits are refused as too large, where a key is let in")
                .filteredOn(answer -> answer.endsWith("past the limit")).allSatisfy(answer ->
                        assertThat(answer).matches("(413|401|403) .*"));
    }

    /**
     * Sends every body-taking route of one service its worst cases, one after another, and returns each
     * answer as {@code "status METHOD path type case"}; fails as soon as the service is no longer alive.
     */
    private List<String> worstCasesAnswered(String name, ServiceInstance service, ApiKeys keys) throws Exception {
        List<String> callers = Arrays.asList(keys.school(), keys.admin(), keys.researcher());
        List<String> answers = new ArrayList<>();
        URI base = service.baseUri();
        JsonNode openapi = JSON.readTree(send(base, "GET", "/api/v1/" + name + "/openapi", keys.admin(),
                null, null).body());
        int routes = 0;
        for (Map.Entry<String, JsonNode> path : fields(openapi.path("paths"))) {
            for (Map.Entry<String, JsonNode> operation : fields(path.getValue())) {
                JsonNode content = operation.getValue().path("requestBody").path("content");
                if (content.isMissingNode()) {
                    continue;
                }
                routes++;
                String target = path.getKey().replaceAll("\\{[^}]+}", "mem-1")
                        + QUERIES.getOrDefault(path.getKey(), "");
                for (String type : names(content)) {
                    // a form names the boundary between its parts, as a browser's does
                    String sent = type.startsWith("multipart/") ? type + "; boundary=" + BOUNDARY : type;
                    for (Map.Entry<String, byte[]> body : worstCases(base, path.getKey(), type, keys).entrySet()) {
                        int status = sendAsAllowed(base, operation.getKey().toUpperCase(), target, sent,
                                body.getValue(), callers);
                        answers.add(status + " " + operation.getKey().toUpperCase() + " " + path.getKey()
                                + " " + type + " " + body.getKey());
                        assertThat(service.alive()).as("%s after %s %s %s", name, path.getKey(), type,
                                body.getKey()).isTrue();
                    }
                }
            }
        }
        assertThat(routes).as("body-taking routes of " + name).isGreaterThan(3);
        assertThat(new String(send(base, "GET", "/actuator/health", null, null, null).body(),
                StandardCharsets.UTF_8)).as(name + " health").contains("\"UP\"");
        assertThat(send(base, "GET", name.equals("survey-service") ? "/api/v1/instruments"
                : "/api/v1/programmes/mem-none", keys.school(), null, null).statusCode())
                .as("a normal request to " + name + " afterwards").isIn(200, 404);
        return answers;
    }

    private static ServiceDefinition service(String name) {
        return ServiceDefinition.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** The worst bodies of a content type at the limits and just past them, by what each is. */
    private Map<String, byte[]> worstCases(URI base, String path, String type, ApiKeys keys) throws Exception {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        if (type.startsWith("application/x-ndjson")) {
            bodies.put("20,000 lines at the limit", lines(ROWS, BATCH_LIMIT / ROWS - 1));
            bodies.put("16 MB of blank lines", filled(BATCH_LIMIT, '\n'));
            bodies.put("one byte past the limit", filled(BATCH_LIMIT + 1, '\n'));
        } else if (type.startsWith("multipart/form-data")) {
            String template = TEMPLATES.get(path);
            List<String> header = header(base, template, keys);
            byte[] xlsx = send(base, "GET", template + "?format=xlsx", keys.school(), null, null).body();
            bodies.put("a form with 20,000 CSV rows at the limit", form("text/csv",
                    csv(header, BATCH_LIMIT - FORM_OVERHEAD)));
            bodies.put("a form with 20,000 rows of text cells", form(XLSX, workbook(xlsx, header)));
            bodies.put("a form with a zip bomb", form(XLSX, replacing(xlsx, "xl/worksheets/sheet1.xml",
                    new byte[256 << 20], Deflater.BEST_COMPRESSION)));
            byte[] empty = form("text/csv", new byte[0]);
            bodies.put("one byte past the limit", form("text/csv", filled(BATCH_LIMIT + 1 - empty.length, '\n')));
        } else if (type.startsWith("text/csv") || type.startsWith("application/vnd.openxmlformats")) {
            String template = TEMPLATES.get(path);
            List<String> header = header(base, template, keys);
            if (type.startsWith("text/csv")) {
                bodies.put("20,000 rows at the limit", csv(header, BATCH_LIMIT));
                bodies.put("16 MB of blank lines", filled(BATCH_LIMIT, '\n'));
            } else {
                byte[] xlsx = send(base, "GET", template + "?format=xlsx", keys.school(), null, null).body();
                bodies.put("20,000 rows of text cells", workbook(xlsx, header));
                bodies.put("a zip bomb", replacing(xlsx, "xl/worksheets/sheet1.xml", new byte[256 << 20],
                        Deflater.BEST_COMPRESSION));
            }
            bodies.put("one byte past the limit", filled(BATCH_LIMIT + 1, '\n'));
        } else {
            bodies.put("an object of many members at the limit", members(SINGLE_LIMIT));
            bodies.put("one byte past the limit", members(SINGLE_LIMIT + 1));
        }
        return bodies;
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Room left in a form at the limit for its part's headers and boundaries. */
    private static final int FORM_OVERHEAD = 512;

    /** The header row of the route's upload template. */
    private List<String> header(URI base, String template, ApiKeys keys) throws Exception {
        return List.of(new String(send(base, "GET", template + "?format=csv", keys.school(), null, null).body(),
                StandardCharsets.UTF_8).replace("\uFEFF", "").trim().split(","));
    }

    /** A {@code multipart/form-data} body whose part {@code file} holds {@code content}, as a browser sends it. */
    private static byte[] form(String type, byte[] content) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sheet\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(head, head.length + content.length + tail.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return body;
    }

    /** Sends with the first key the route lets in: a body must be read to be tested. */
    private int sendAsAllowed(URI base, String method, String target, String type, byte[] body, List<String> keys)
            throws Exception {
        int status = 0;
        for (String key : keys) {
            status = send(base, method, target, key, type, body).statusCode();
            if (status != 401 && status != 403) {
                return status;
            }
        }
        return status;
    }

    private HttpResponse<byte[]> send(URI base, String method, String target, String key, String type, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(target)).timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // A service that refuses a body before it has all of it may close the connection while it is sent.
            return http.send(request.method(method, HttpRequest.BodyPublishers.ofByteArray(body == null
                    ? new byte[0] : body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    /** {@code lines} NDJSON lines of {@code width} bytes each: objects no line handler accepts. */
    private static byte[] lines(int lines, int width) {
        StringBuilder text = new StringBuilder(lines * (width + 1));
        String line = "{\"op\":\"mem\",\"pad\":\"" + "x".repeat(Math.max(0, width - 22)) + "\"}";
        for (int i = 0; i < lines; i++) {
            text.append(line).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A CSV under the route's header, 20,000 rows of text cells filling up to {@code size} bytes. */
    private static byte[] csv(List<String> header, int size) {
        int width = Math.max(1, (size / ROWS - header.size()) / header.size() - 1);
        StringBuilder text = new StringBuilder(size).append(String.join(",", header)).append('\n');
        String row = String.join(",", java.util.Collections.nCopies(header.size(), "t".repeat(width)));
        for (int i = 1; i < ROWS; i++) {
            text.append(row).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(int size, char c) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    /** A JSON object of as many small members as fit in {@code size} bytes. */
    private static byte[] members(int size) {
        StringBuilder text = new StringBuilder(size).append('{');
        for (int i = 0; text.length() < size - 16; i++) {
            text.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":0");
        }
        text.append('}');
        while (text.length() < size) {
            text.insert(1, ' ');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The route's template with 20,000 rows of distinct text cells, every text in the shared-strings table as a
     * spreadsheet program writes it.
     */
    private static byte[] workbook(byte[] template, List<String> header) throws IOException {
        String ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
        StringBuilder sheet = new StringBuilder("<worksheet " + ns + "><sheetData>");
        StringBuilder strings = new StringBuilder("<sst " + ns + ">");
        int index = 0;
        for (int r = 1; r <= ROWS; r++) {
            sheet.append("<row r=\"").append(r).append("\">");
            for (int c = 0; c < header.size(); c++) {
                sheet.append("<c t=\"s\"><v>").append(index++).append("</v></c>");
                strings.append("<si><t>").append(r == 1 ? header.get(c) : "text-" + r + "-" + c).append("</t></si>");
            }
            sheet.append("</row>");
        }
        byte[] withSheet = replacing(template, "xl/worksheets/sheet1.xml",
                sheet.append("</sheetData></worksheet>").toString().getBytes(StandardCharsets.UTF_8), Deflater.BEST_SPEED);
        return replacing(withSheet, "xl/sharedStrings.xml",
                strings.append("</sst>").toString().getBytes(StandardCharsets.UTF_8), Deflater.BEST_SPEED);
    }

    private static byte[] replacing(byte[] workbook, String entry, byte[] content, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean replaced = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(level);
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                replaced |= e.getName().equals(entry);
                zip.write(e.getName().equals(entry) ? content : in.readAllBytes());
                zip.closeEntry();
            }
            if (!replaced) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        return fields;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
