package org.balintobservatory.survey.redcap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * REDCap's Export Records method, as its API documentation gives it: a form POST to {@code <baseUrl>/api/}
 * with {@code token}, {@code content=record}, {@code action=export}, {@code format=json}, {@code type=flat},
 * {@code fields[n]}, optionally {@code events[n]}, {@code records[n]} and {@code dateRangeBegin}, and
 * {@code returnFormat=json}, so that an error comes back as {@code {"error": "..."}}. Every value of a flat
 * record is a string; repeating instruments add {@code redcap_repeat_instrument} and
 * {@code redcap_repeat_instance}, longitudinal projects {@code redcap_event_name}.
 *
 * <p>The call goes through Apache HttpClient rather than the JDK's, because the JDK's client resolves the
 * host itself and cannot be told which address to connect to: here the host is resolved once, by
 * {@link RedcapAddresses#resolve(String)}, which refuses an internal address, and the connection goes to
 * exactly the addresses it checked. TLS still names the URL's host (SNI) and verifies the certificate
 * against it. Redirects are not followed (a redirect could point anywhere) and no proxy is used.
 */
@Component
class RedcapClient implements AutoCloseable {

    private final CloseableHttpClient http;
    private final ObjectMapper mapper;
    private final RedcapAddresses addresses;

    RedcapClient(ObjectMapper mapper, RedcapAddresses addresses) {
        this.mapper = mapper;
        this.addresses = addresses;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(addresses))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10))
                                .setSocketTimeout(Timeout.ofMinutes(2)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMinutes(2)).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    /** Host names become only the addresses {@link RedcapAddresses} checked, resolved once per connection. */
    private record CheckedResolver(RedcapAddresses addresses) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return addresses.resolve(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            // Asked only for Kerberos authentication, which a REDCap call does not use; a second lookup here
            // would be one more answer that was not checked.
            return host;
        }
    }

    /**
     * The mapped fields of the project's records, only those changed since {@code since} (REDCap's
     * {@code Y-M-D H:M:S}, server time) when given, only {@code record} when given.
     */
    List<Map<String, String>> exportRecords(RedcapMapping mapping, String token, String since, String record) {
        addresses.checkScheme(mapping.baseUrl());
        List<NameValuePair> form = new ArrayList<>();
        form.add(new BasicNameValuePair("token", token));
        form.add(new BasicNameValuePair("content", "record"));
        form.add(new BasicNameValuePair("action", "export"));
        form.add(new BasicNameValuePair("format", "json"));
        form.add(new BasicNameValuePair("type", "flat"));
        form.add(new BasicNameValuePair("rawOrLabel", "raw"));
        form.add(new BasicNameValuePair("returnFormat", "json"));
        List<String> fields = new ArrayList<>(List.of(mapping.recordIdField(), mapping.completedOnField(),
                mapping.redcapInstrument() + "_complete"));
        fields.addAll(mapping.items().values());
        for (int i = 0; i < fields.size(); i++) {
            form.add(new BasicNameValuePair("fields[" + i + "]", fields.get(i)));
        }
        if (mapping.longitudinal()) {
            List<String> events = List.copyOf(mapping.events().keySet());
            for (int i = 0; i < events.size(); i++) {
                form.add(new BasicNameValuePair("events[" + i + "]", events.get(i)));
            }
        }
        if (record != null) {
            form.add(new BasicNameValuePair("records[0]", record));
        }
        if (since != null) {
            form.add(new BasicNameValuePair("dateRangeBegin", since));
        }
        HttpPost post = new HttpPost(mapping.apiUrl());
        post.setHeader("Accept", "application/json");
        post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        Answer response;
        try {
            response = http.execute(post, answer -> new Answer(answer.getCode(),
                    answer.getEntity() == null ? "" : EntityUtils.toString(answer.getEntity(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof RedcapAddresses.RefusedAddressException refused) {
                    throw refused.refusal();
                }
            }
            throw new RuleViolationException("mapping.baseUrl", "redcap-reachable",
                    "REDCap at " + mapping.baseUrl() + " did not answer");
        }
        if (response.status() != 200) {
            throw new RuleViolationException("token", "redcap-accepts",
                    "REDCap answered " + response.status() + ": " + error(response.body()));
        }
        try {
            return mapper.readValue(response.body(), new TypeReference<List<Map<String, String>>>() { });
        } catch (IOException e) {
            throw new RuleViolationException("mapping.baseUrl", "redcap-records",
                    "REDCap's answer is not a list of flat JSON records");
        }
    }

    /** REDCap's own message, {@code {"error": "..."}}, or the start of whatever it sent. */
    private String error(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: say what came
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private record Answer(int status, String body) {
    }
}
