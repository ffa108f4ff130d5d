package io.kombu.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import io.kombu.CredentialProvider;
import io.kombu.Credentials;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("credential_provider resolution")
class CredentialProvidersTest {
  private static final BrokerUrl PLAIN = BrokerUrls.parse("redis://localhost:6379/0").get(0);

  /** A provider a URL can name. */
  public static final class Fixed implements CredentialProvider {
    @Override
    public Credentials credentials() {
      return new Credentials("app", "from-class");
    }
  }

  /** A provider whose construction fails with the secret in the message. */
  public static final class Throwing implements CredentialProvider {
    public Throwing() {
      throw new IllegalStateException("vault said no to token hunter2");
    }

    @Override
    public Credentials credentials() {
      throw new AssertionError("never constructed");
    }
  }

  /** No public no-argument constructor. */
  public static final class NeedsArgument implements CredentialProvider {
    public NeedsArgument(String ignored) {}

    @Override
    public Credentials credentials() {
      throw new AssertionError("never constructed");
    }
  }

  private static String name(Class<?> type) {
    return type.getName();
  }

  @Test
  @DisplayName("no option and no query key means no provider")
  void absent() {
    assertThat(CredentialProviders.resolve(PLAIN, TransportOptions.defaults())).isNull();
  }

  @Test
  @DisplayName("a provider instance given as a transport option is used as is")
  void instanceOption() {
    CredentialProvider p = () -> Credentials.passwordOnly("pw");
    assertThat(CredentialProviders.resolve(PLAIN, TransportOptions.of(Map.of("credential_provider", p)))).isSameAs(p);
  }

  @Test
  @DisplayName("a class named in the URL query passes URL parsing and is created with its no-argument constructor")
  void classNameInUrlQuery() {
    BrokerUrl url = BrokerUrls.parse("redis://localhost:6379/0?credential_provider=" + name(Fixed.class)).get(0);
    CredentialProvider p = CredentialProviders.resolve(url, TransportOptions.defaults());
    assertThat(p).isInstanceOf(Fixed.class);
    assertThat(p.credentials()).isEqualTo(new Credentials("app", "from-class"));
  }

  @Test
  @DisplayName("a class name given as a transport option is created too")
  void classNameOption() {
    TransportOptions o = TransportOptions.of(Map.of("credential_provider", name(Fixed.class)));
    assertThat(CredentialProviders.resolve(PLAIN, o)).isInstanceOf(Fixed.class);
  }

  @Test
  @DisplayName("a provider given both in the URL and as an option is refused")
  void both() {
    BrokerUrl url = BrokerUrls.parse("redis://localhost/0?credential_provider=" + name(Fixed.class)).get(0);
    TransportOptions o = TransportOptions.of(Map.of("credential_provider", name(Fixed.class)));
    assertThatThrownBy(() -> CredentialProviders.resolve(url, o)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("both in the URL query and as a transport option");
  }

  @Test
  @DisplayName("an unknown class name is a ConfigurationException naming the class")
  void unknownClass() {
    TransportOptions o = TransportOptions.of(Map.of("credential_provider", "com.example.NoSuchVault"));
    assertThatThrownBy(() -> CredentialProviders.resolve(PLAIN, o)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("com.example.NoSuchVault").hasMessageContaining("cannot be loaded");
  }

  @Test
  @DisplayName("a class that is not a CredentialProvider is refused by name")
  void notAProvider() {
    TransportOptions o = TransportOptions.of(Map.of("credential_provider", "java.lang.String"));
    assertThatThrownBy(() -> CredentialProviders.resolve(PLAIN, o)).isInstanceOf(ConfigurationException.class)
        .hasMessage("credential_provider class java.lang.String does not implement io.kombu.CredentialProvider");
  }

  @Test
  @DisplayName("a constructor that throws is reported by class name, with the cause kept but its message not quoted")
  void throwingConstructor() {
    TransportOptions o = TransportOptions.of(Map.of("credential_provider", name(Throwing.class)));
    assertThatThrownBy(() -> CredentialProviders.resolve(PLAIN, o)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(name(Throwing.class)).hasMessageNotContaining("hunter2")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("a class without a public no-argument constructor is refused by name")
  void noDefaultConstructor() {
    TransportOptions o = TransportOptions.of(Map.of("credential_provider", name(NeedsArgument.class)));
    assertThatThrownBy(() -> CredentialProviders.resolve(PLAIN, o)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(name(NeedsArgument.class)).hasMessageContaining("public no-argument constructor");
  }

  @Test
  @DisplayName("an option of another type is refused with its type")
  void wrongType() {
    TransportOptions o = TransportOptions.of(Map.of("credential_provider", 42));
    assertThatThrownBy(() -> CredentialProviders.resolve(PLAIN, o)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("java.lang.Integer");
  }
}
