package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.TransportOptions;
import io.kombu.core.FailoverStrategy;
import io.kombu.core.internal.messaging.KombuConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connection.info() never shows the values of secret transport options")
class ConnectionInfoTest {
  private final TestConnections env = new TestConnections();

  @Test
  @DisplayName("options named like password, secret, token, credential, passphrase, access_key or auth are masked")
  void secretOptionsAreMasked() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("sentinel_password", "pw-1");
    options.put("aws_Secret_Access_Key", "pw-2");
    options.put("api_token", "pw-3");
    options.put("credentials_file", "pw-4");
    options.put("ssl_passphrase", "pw-5");
    options.put("access_key_id", "pw-6");
    options.put("AUTH_SOURCE", "pw-7");
    options.put("sentinel_kwargs", Map.of("password", "pw-8", "socket_timeout", 0.1));
    options.put("visibility_timeout", 3600);
    options.put("region", "eu-west-1");
    KombuConnection conn = env.connect("fake://h", FailoverStrategy.ROUND_ROBIN, TransportOptions.of(options));

    Map<String, Object> info = conn.info();

    assertThat(info.toString()).doesNotContain("pw-");
    @SuppressWarnings("unchecked")
    Map<String, Object> shown = (Map<String, Object>) info.get("transport_options");
    assertThat(shown).containsEntry("sentinel_password", "**").containsEntry("aws_Secret_Access_Key", "**")
        .containsEntry("api_token", "**").containsEntry("credentials_file", "**")
        .containsEntry("ssl_passphrase", "**").containsEntry("access_key_id", "**").containsEntry("AUTH_SOURCE", "**")
        .containsEntry("visibility_timeout", 3600).containsEntry("region", "eu-west-1");
    assertThat(shown.get("sentinel_kwargs")).isEqualTo(Map.of("password", "**", "socket_timeout", 0.1));
  }
}
