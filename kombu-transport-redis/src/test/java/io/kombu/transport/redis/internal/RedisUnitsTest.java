package io.kombu.transport.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import io.kombu.InvalidUrlException;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Redis transport internals (no network)")
class RedisUnitsTest {
  private static RedisSettings settings(BrokerUrl url, Map<String, Object> options) {
    return RedisSettings.of(url, TransportOptions.of(options));
  }

  private static BrokerUrl url(String vhost) {
    return BrokerUrl.builder("redis").hostname("h").virtualHost(vhost).build();
  }

  @Nested
  @DisplayName("settings")
  class Settings {
    @Test
    @DisplayName("the database comes from the URL path, with one more leading slash stripped, as in Kombu")
    void databaseFromPath() {
      assertThat(RedisSettings.parseDb(null)).isZero();
      assertThat(RedisSettings.parseDb("")).isZero();
      assertThat(RedisSettings.parseDb("1")).isEqualTo(1);
      assertThat(RedisSettings.parseDb("/3")).isEqualTo(3);
      assertThatThrownBy(() -> RedisSettings.parseDb("foo")).isInstanceOf(InvalidUrlException.class)
          .hasMessageContaining("Database is int between 0 and limit - 1, not foo");
    }

    @Test
    @DisplayName("defaults are Kombu's")
    void defaults() {
      RedisSettings s = settings(url("2"), Map.of());
      assertThat(s.sep()).isEqualTo("\u0006\u0016");
      assertThat(s.prioritySteps()).containsExactly(0, 3, 6, 9);
      assertThat(s.fanoutPrefix()).isEqualTo("/2.");
      assertThat(s.visibilityTimeout()).hasSeconds(3600);
      assertThat(s.unackedRestoreThrottle()).isEqualTo(10);
      assertThat(s.port()).isEqualTo(6379);
      assertThat(s.ackEmulation()).isTrue();
      assertThat(s.queueOrderStrategy()).isEqualTo("round_robin");
    }

    @Test
    @DisplayName("fanout_prefix accepts false and a {db} template")
    void fanoutPrefix() {
      assertThat(settings(url("4"), Map.of("fanout_prefix", false)).fanoutPrefix()).isEmpty();
      assertThat(settings(url("4"), Map.of("fanout_prefix", "pfx{db}:")).fanoutPrefix()).isEqualTo("pfx4:");
    }

    @Test
    @DisplayName("sentinel:// without master_name fails with Kombu's message; redis+socket:// fails clearly")
    void sentinelAndSocket() {
      BrokerUrl sentinel = BrokerUrl.builder("sentinel").hostname("s1").build();
      assertThatThrownBy(() -> settings(sentinel, Map.of())).isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("'master_name' transport option must be specified.");
      assertThat(settings(sentinel, Map.of("master_name", "m")).port()).isEqualTo(26379);
      BrokerUrl socket = BrokerUrl.builder("redis").uriPrefix("redis").hostname("socket:///tmp/r.sock").build();
      assertThatThrownBy(() -> settings(socket, Map.of())).isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("Unix domain sockets");
    }
  }

  @Nested
  @DisplayName("keys")
  class Keys {
    private final RedisKeys keys = new RedisKeys(settings(url("0"), Map.of("global_keyprefix", "foo_")));

    @Test
    @DisplayName("priorities map to the largest step not above them; step 0 is the bare queue name")
    void buckets() {
      assertThat(keys.bucketKey("q", 0)).isEqualTo("foo_q");
      assertThat(keys.bucketKey("q", 2)).isEqualTo("foo_q");
      assertThat(keys.bucketKey("q", 5)).isEqualTo("foo_q\u0006\u00163");
      assertThat(keys.bucketKey("q", 9)).isEqualTo("foo_q\u0006\u00169");
      assertThat(keys.bucketKeys("q")).containsExactly("foo_q", "foo_q\u0006\u00163", "foo_q\u0006\u00166",
          "foo_q\u0006\u00169");
    }

    @Test
    @DisplayName("binding members, fanout channels and the exchange of a pub/sub channel follow Kombu")
    void namesAndChannels() {
      assertThat(keys.bindingKey("default")).isEqualTo("foo__kombu.binding.default");
      assertThat(keys.bindingMember("", null, "queue")).isEqualTo("\u0006\u0016\u0006\u0016queue");
      assertThat(keys.fanoutChannel("exchange", "")).isEqualTo("foo_/0.exchange");
      assertThat(keys.fanoutChannel("exchange", "rk")).isEqualTo("foo_/0.exchange/rk");
      assertThat(keys.exchangeOfChannel("foo_/0.exchange/rk")).isEqualTo("exchange");
      assertThat(keys.unacked()).isEqualTo("foo_unacked");
    }
  }

  @Nested
  @DisplayName("Python-style JSON")
  class Json {
    @Test
    @DisplayName("separators, ensure_ascii escapes and key order match json.dumps")
    void dumps() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("b", "h\u00e9llo \u2603 \ud83d\ude00");
      m.put("a", List.of(1, true, Map.of()));
      m.put("n", null);
      assertThat(PythonJson.dumps(m))
          .isEqualTo("{\"b\": \"h\\u00e9llo \\u2603 \\ud83d\\ude00\", \"a\": [1, true, {}], \"n\": null}");
    }

    @Test
    @DisplayName("floats are written like Python's repr")
    void floats() {
      assertThat(io.kombu.core.virtual.EnvelopeJson.floatRepr(1.5)).isEqualTo("1.5");
      assertThat(io.kombu.core.virtual.EnvelopeJson.floatRepr(2.0)).isEqualTo("2.0");
      assertThat(io.kombu.core.virtual.EnvelopeJson.floatRepr(1e16)).isEqualTo("1e+16");
      assertThat(io.kombu.core.virtual.EnvelopeJson.floatRepr(1e-5)).isEqualTo("1e-05");
      assertThat(io.kombu.core.virtual.EnvelopeJson.floatRepr(0.0001)).isEqualTo("0.0001");
      assertThat(io.kombu.core.virtual.EnvelopeJson.floatRepr(123456789.125)).isEqualTo("123456789.125");
      assertThat(io.kombu.core.virtual.EnvelopeJson.floatRepr(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    @DisplayName("reading keeps key order and narrows integers")
    void loads() {
      assertThat(PythonJson.loads("{\"z\": 1, \"a\": 12345678901}")).asInstanceOf(
          org.assertj.core.api.InstanceOfAssertFactories.MAP).containsExactly(
              Map.entry("z", 1), Map.entry("a", 12345678901L));
    }
  }

  @Test
  @DisplayName("JSON integers read back as Integer, Long or BigInteger by size, at every depth")
  void integerTypesAtTheirBoundaries() {
    @SuppressWarnings("unchecked")
    List<Object> v = (List<Object>) PythonJson.loads(
        "[2147483647, -2147483648, 2147483648, -2147483649, 9223372036854775807, -9223372036854775808,"
            + " 9223372036854775808, -9223372036854775809, [{\"n\": 0}]]");

    assertThat(v).containsExactly(Integer.MAX_VALUE, Integer.MIN_VALUE, 2147483648L, -2147483649L, Long.MAX_VALUE,
        Long.MIN_VALUE, new BigInteger("9223372036854775808"), new BigInteger("-9223372036854775809"),
        List.of(Map.of("n", 0)));
    assertThat(((Map<?, ?>) ((List<?>) v.get(8)).get(0)).get("n")).isInstanceOf(Integer.class);
  }
}
