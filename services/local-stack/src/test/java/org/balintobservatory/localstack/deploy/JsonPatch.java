package org.balintobservatory.localstack.deploy;

import java.util.List;
import java.util.Map;

/** RFC 6902 add, replace and remove on parsed YAML, as Kustomize applies a patch file that is a list of operations. */
final class JsonPatch {

    private JsonPatch() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> doc, Map<String, Object> operation) {
        String op = (String) operation.get("op");
        String[] segments = ((String) operation.get("path")).substring(1).split("/");
        Object parent = doc;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = child(parent, unescape(segments[i]), operation);
        }
        String last = unescape(segments[segments.length - 1]);
        Object value = operation.get("value");
        if (parent instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            switch (op) {
                case "add" -> m.put(last, value);
                case "replace" -> {
                    if (!m.containsKey(last)) {
                        throw new IllegalArgumentException("replace of a missing field: " + operation);
                    }
                    m.put(last, value);
                }
                case "remove" -> m.remove(last);
                default -> throw new IllegalArgumentException("operation not rendered here: " + operation);
            }
        } else {
            List<Object> list = (List<Object>) parent;
            switch (op) {
                case "add" -> {
                    if ("-".equals(last)) {
                        list.add(value);
                    } else {
                        list.add(Integer.parseInt(last), value);
                    }
                }
                case "replace" -> list.set(Integer.parseInt(last), value);
                case "remove" -> list.remove(Integer.parseInt(last));
                default -> throw new IllegalArgumentException("operation not rendered here: " + operation);
            }
        }
    }

    private static Object child(Object parent, String segment, Map<String, Object> operation) {
        Object child = parent instanceof Map<?, ?> map ? map.get(segment) : ((List<?>) parent).get(Integer.parseInt(segment));
        if (child == null) {
            throw new IllegalArgumentException("path not found: " + operation);
        }
        return child;
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
