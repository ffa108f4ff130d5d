package io.kombu.transport.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import io.kombu.CredentialProvider;
import io.kombu.Credentials;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import io.kombu.spi.BrokerUrl;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redis connection options: credential_provider, min_other_sentinels, sentinel_kwargs")
class RedisConnectionOptionsTest {
  private static final Map<String, Object> MASTER = Map.of("master_name", "mymaster");

  /** Named by URL in a test below. */
  public static final class Vault implements CredentialProvider {
    @Override
    public Credentials credentials() {
      return new Credentials("app", "rotating");
    }
  }

  private static RedisSettings settings(String url, Map<String, Object> options) {
    BrokerUrl parsed = BrokerUrls.parse(url).get(0);
    return RedisSettings.of(parsed, TransportOptions.of(options));
  }

  @Test
  @DisplayName("without a provider the URL's credentials are used and no provider is set")
  void noProvider() {
    RedisSettings s = settings("redis://user:pw@localhost/1", Map.of());
    assertThat(s.credentialProvider()).isNull();
    assertThat(s.username()).isEqualTo("user");
  }

  @Test
  @DisplayName("a provider instance given as the transport option credential_provider is kept")
  void providerInstance() {
    CredentialProvider p = () -> Credentials.passwordOnly("x");
    assertThat(settings("redis://localhost/1", Map.of("credential_provider", p)).credentialProvider()).isSameAs(p);
  }

  @Test
  @DisplayName("a provider class named in the URL query is created")
  void providerClassInUrl() {
    RedisSettings s = settings("redis://localhost/1?credential_provider=" + Vault.class.getName(), Map.of());
    assertThat(s.credentialProvider()).isInstanceOf(Vault.class);
  }

  @Test
  @DisplayName("a provider class that does not exist is a ConfigurationException naming it")
  void providerClassMissing() {
    assertThatThrownBy(() -> settings("redis://localhost/1?credential_provider=com.example.Gone", Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("com.example.Gone");
  }

  @Test
  @DisplayName("min_other_sentinels defaults to 0, takes Kombu's number and refuses a negative one")
  void minOtherSentinels() {
    assertThat(settings("sentinel://localhost:26379/0", MASTER).minOtherSentinels()).isZero();
    Map<String, Object> two = Map.of("master_name", "mymaster", "min_other_sentinels", "2");
    assertThat(settings("sentinel://localhost:26379/0", two).minOtherSentinels()).isEqualTo(2);
    Map<String, Object> negative = Map.of("master_name", "mymaster", "min_other_sentinels", -1);
    assertThatThrownBy(() -> settings("sentinel://localhost:26379/0", negative))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("min_other_sentinels must be 0 or more");
  }

  @Test
  @DisplayName("sentinel_kwargs is null by default and keeps the supported keys it is given")
  void sentinelKwargs() {
    assertThat(settings("sentinel://localhost:26379/0", MASTER).sentinelKwargs()).isNull();
    Map<String, Object> o = Map.of("master_name", "mymaster",
        "sentinel_kwargs", Map.of("password", "sentinel-pw", "socket_timeout", 2));
    RedisSettings s = settings("sentinel://localhost:26379/0", o);
    assertThat(s.sentinelKwargs()).containsEntry("password", "sentinel-pw");
    assertThat(s.sentinelDuration("socket_timeout")).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.sentinelDuration("socket_connect_timeout")).isNull();
  }

  @Test
  @DisplayName("sentinel_kwargs refuses unknown keys, non-maps and bad values, listing what it supports")
  void sentinelKwargsRefusals() {
    Map<String, Object> unknown = Map.of("master_name", "m", "sentinel_kwargs", Map.of("retry_on_timeout", true));
    assertThatThrownBy(() -> settings("sentinel://localhost/0", unknown)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("retry_on_timeout").hasMessageContaining(RedisSettings.SENTINEL_KWARGS.toString());
    Map<String, Object> text = Map.of("master_name", "m", "sentinel_kwargs", "{\"password\": \"x\"}");
    assertThatThrownBy(() -> settings("sentinel://localhost/0", text)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("must be a Map");
    Map<String, Object> zero = Map.of("master_name", "m", "sentinel_kwargs", Map.of("socket_timeout", 0));
    assertThatThrownBy(() -> settings("sentinel://localhost/0", zero)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("socket_timeout");
    Map<String, Object> provider = Map.of("master_name", "m", "sentinel_kwargs",
        Map.of("credential_provider", Vault.class.getName()));
    assertThatThrownBy(() -> settings("sentinel://localhost/0", provider)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("must be an io.kombu.CredentialProvider");
  }
}
