package org.balintobservatory.survey.redcap;

import org.balintobservatory.support.domain.RuleViolationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A SCHOOL key must not be able to make the service call into its own network through a REDCap connection. */
class RedcapAddressesTest {

    private final RedcapAddresses addresses = new RedcapAddresses(false);

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1", "https://localhost:8443", "https://10.0.0.5",
            "https://172.20.1.1", "https://192.168.1.10", "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1", "https://0.0.0.0", "https://[::1]", "https://[fd00::1]", "https://[fe80::1]"})
    void anAddressInsideTheServicesNetworkIsRefusedNamingTheField(String baseUrl) {
        assertThatThrownBy(() -> addresses.check(baseUrl)).isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("resolves to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34", "http://redcap.school.example"})
    void plainHttpIsRefused(String baseUrl) {
        assertThatThrownBy(() -> addresses.check(baseUrl)).isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("https only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "100.128.0.1", "172.32.0.1"})
    void publicAddressesAreNotInternal(String address) throws Exception {
        assertThat(RedcapAddresses.internal(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1", "http://localhost:8080"})
    void anInstitutionsOwnNetworkCanBeAllowedByTheOperator(String baseUrl) {
        assertThatCode(() -> new RedcapAddresses(true).check(baseUrl)).doesNotThrowAnyException();
    }
}
