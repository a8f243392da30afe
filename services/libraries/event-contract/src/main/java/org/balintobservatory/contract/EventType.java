package org.balintobservatory.contract;

/**
 * One published event type and revision.
 *
 * @param name    kebab-case name, e.g. {@code session-held}
 * @param version the revision of its payload schema; a breaking change is a new revision with an upcaster
 * @param payload the record that carries it
 * @param topic   the topic it travels on
 */
public record EventType(String name, int version, Class<?> payload, Topic topic) {

    public static final String TYPE_PREFIX = "org.balintobservatory.";

    /** The CloudEvents {@code type} attribute, e.g. {@code org.balintobservatory.session-held.v1}. */
    public String cloudEventType() {
        return TYPE_PREFIX + name + ".v" + version;
    }

    /** The resource path of its JSON Schema inside this module. */
    public String schemaResource() {
        return "/schemas/" + name + ".v" + version + ".schema.json";
    }
}
