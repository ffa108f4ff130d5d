package io.kombu.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TestBrokers")
class TestBrokersTest {
  private final Map<String, String> env = new ConcurrentHashMap<>();

  @BeforeEach
  void isolateFromTheMachine() {
    TestBrokers.environment(env::get);
  }

  @AfterEach
  void restore() {
    System.clearProperty("kombu.it.redis.url");
    System.clearProperty(TestBrokers.REQUIRED_PROPERTY);
    TestBrokers.environment(System::getenv);
  }

  @Test
  @DisplayName("redis and amqp fall back to loopback defaults")
  void loopbackDefaults() {
    assertThat(TestBrokers.url("redis")).isEqualTo("redis://localhost:6379/15");
    assertThat(TestBrokers.url("amqp")).isEqualTo("amqp://guest:guest@localhost:5672//");
  }

  @Test
  @DisplayName("the environment variable overrides the default, and the system property overrides both")
  void precedence() {
    env.put("KOMBU_IT_REDIS_URL", "redis://from-env:6379/1");
    assertThat(TestBrokers.url("redis")).isEqualTo("redis://from-env:6379/1");

    System.setProperty("kombu.it.redis.url", "redis://from-property:6379/2");
    assertThat(TestBrokers.url("redis")).isEqualTo("redis://from-property:6379/2");
  }

  @Test
  @DisplayName("mongodb and sqs have no default, and asking for their URL says how to set one")
  void noDefaultForMongoAndSqs() {
    assertThat(TestBrokers.configuredUrl("mongodb")).isEmpty();
    assertThatThrownBy(() -> TestBrokers.url("sqs"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KOMBU_IT_SQS_URL")
        .hasMessageContaining("-Dkombu.it.sqs.url=");
    assertThat(TestBrokers.availability("mongodb").reachable()).isFalse();
    assertThat(TestBrokers.availability("mongodb").detail()).contains("KOMBU_IT_MONGODB_URL");
  }

  @Test
  @DisplayName("required() is true only for the value true, from the property or else the environment")
  void requiredFlag() {
    assertThat(TestBrokers.required()).isFalse();
    env.put("KOMBU_IT_REQUIRED", "TRUE");
    assertThat(TestBrokers.required()).isTrue();
    System.setProperty(TestBrokers.REQUIRED_PROPERTY, "false");
    assertThat(TestBrokers.required()).isFalse();
    System.setProperty(TestBrokers.REQUIRED_PROPERTY, "yes");
    assertThat(TestBrokers.required()).isFalse();
  }

  @Test
  @DisplayName("mask() hides the password and keeps everything else")
  void masksPasswords() {
    assertThat(TestBrokers.mask("amqp://guest:guest@localhost:5672//")).isEqualTo("amqp://guest:****@localhost:5672//");
    assertThat(TestBrokers.mask("redis://:p%40ss/w?rd@cache:6379/0")).isEqualTo("redis://:****@cache:6379/0");
    assertThat(TestBrokers.mask("redis://localhost:6379/15")).isEqualTo("redis://localhost:6379/15");
    assertThat(TestBrokers.mask("redis://user@host/0")).isEqualTo("redis://user@host/0");
    assertThat(TestBrokers.mask("not a url")).isEqualTo("not a url");
  }

  @Test
  @DisplayName("the probed address is the URL's first host, with the scheme's default port when none is given")
  void parsesAddresses() {
    assertThat(BrokerAddress.parse("redis://localhost/15")).extracting(BrokerAddress::host, BrokerAddress::port)
        .containsExactly("localhost", 6379);
    assertThat(BrokerAddress.parse("amqps://u:p@rabbit//")).extracting(BrokerAddress::port).isEqualTo(5671);
    assertThat(BrokerAddress.parse("mongodb://u:p@m1:27018,m2:27019/db?replicaSet=rs"))
        .extracting(BrokerAddress::host, BrokerAddress::port)
        .containsExactly("m1", 27018);
    assertThat(BrokerAddress.parse("redis://[::1]:7000/0")).extracting(BrokerAddress::host, BrokerAddress::port)
        .containsExactly("::1", 7000);
    assertThat(BrokerAddress.parse("amqp://")).extracting(BrokerAddress::host).isEqualTo("localhost");
    assertThat(BrokerAddress.parse("redis://:secret@h:1/0").toString()).doesNotContain("secret");
    assertThatThrownBy(() -> BrokerAddress.parse("custom://u:pw@host/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no default port")
        .hasMessageNotContaining("pw@");
  }
}
