package org.balintobservatory.survey.redcap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A REDCap server's API as its documentation describes Export Records: a form POST to {@code /api/} with
 * {@code token}, {@code content=record}, {@code format=json}, {@code type=flat}, optional {@code fields[n]},
 * {@code events[n]}, {@code records[n]} and {@code dateRangeBegin}; flat records whose every value is a
 * string, with {@code redcap_event_name} in a longitudinal project and {@code redcap_repeat_instrument} and
 * {@code redcap_repeat_instance} in one with repeating instruments; errors as {@code {"error": "..."}} with
 * 403 for a token without API rights and 400 for a bad parameter.
 */
final class StandInRedcap implements AutoCloseable {

    static final String TOKEN = "0123456789ABCDEF0123456789ABCDEF";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    /** Each row with the time it was last saved, which Export Records never returns. */
    private final List<Map<String, String>> rows = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> saved = new CopyOnWriteArrayList<>();
    /** The form of every request received, for tests that check what was asked. */
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    StandInRedcap() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Saves a row as REDCap's data entry would, now. */
    void save(Map<String, String> row) {
        int i = indexOf(row);
        Map<String, String> copy = new LinkedHashMap<>(row);
        Map<String, String> when = Map.of("saved", LocalDateTime.now().format(TIME));
        if (i < 0) {
            rows.add(copy);
            saved.add(when);
        } else {
            rows.set(i, copy);
            saved.set(i, when);
        }
    }

    private int indexOf(Map<String, String> row) {
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            if (r.get("record_id").equals(row.get("record_id"))
                    && r.getOrDefault("redcap_event_name", "").equals(row.getOrDefault("redcap_event_name", ""))
                    && r.getOrDefault("redcap_repeat_instrument", "").equals(row.getOrDefault("redcap_repeat_instrument", ""))
                    && r.getOrDefault("redcap_repeat_instance", "").equals(row.getOrDefault("redcap_repeat_instance", ""))) {
                return i;
            }
        }
        return -1;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(form);
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, Map.of("error", "The API only accepts POST requests"));
        } else if (!TOKEN.equals(form.get("token"))) {
            answer(exchange, 403, Map.of("error", "You do not have permissions to use the API"));
        } else if (!"record".equals(form.get("content")) || !"json".equals(form.get("format"))) {
            answer(exchange, 400, Map.of("error", "The value of the parameter \"content\" is not valid"));
        } else {
            List<String> fields = list(form, "fields");
            List<String> unknown = fields.stream().filter(f -> rows.stream().noneMatch(r -> r.containsKey(f))).toList();
            if (!unknown.isEmpty()) {
                answer(exchange, 400, Map.of("error", "The following values in the parameter \"fields\" are not "
                        + "valid: '" + String.join("', '", unknown) + "'"));
                return;
            }
            answer(exchange, 200, export(form, fields));
        }
    }

    private List<Map<String, String>> export(Map<String, String> form, List<String> fields) {
        List<String> records = list(form, "records");
        List<String> events = list(form, "events");
        String since = form.get("dateRangeBegin");
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            if (!records.isEmpty() && !records.contains(row.get("record_id"))) {
                continue;
            }
            if (!events.isEmpty() && !events.contains(row.getOrDefault("redcap_event_name", ""))) {
                continue;
            }
            if (since != null && saved.get(i).get("saved").compareTo(since) < 0) {
                continue;
            }
            Map<String, String> flat = new LinkedHashMap<>();
            flat.put("record_id", row.get("record_id"));
            flat.put("redcap_event_name", row.getOrDefault("redcap_event_name", ""));
            flat.put("redcap_repeat_instrument", row.getOrDefault("redcap_repeat_instrument", ""));
            flat.put("redcap_repeat_instance", row.getOrDefault("redcap_repeat_instance", ""));
            for (String field : fields.isEmpty() ? List.copyOf(row.keySet()) : fields) {
                flat.put(field, row.getOrDefault(field, ""));
            }
            out.add(flat);
        }
        return out;
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static List<String> list(Map<String, String> form, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; form.containsKey(name + "[" + i + "]"); i++) {
            values.add(form.get(name + "[" + i + "]"));
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
