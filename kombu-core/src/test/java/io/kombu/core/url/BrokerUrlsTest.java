package io.kombu.core.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.InvalidUrlException;
import io.kombu.core.BrokerUrls;
import io.kombu.spi.BrokerUrl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("BrokerUrls")
class BrokerUrlsTest {

  private static BrokerUrl one(String url) {
    List<BrokerUrl> all = BrokerUrls.parse(url);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  // parsing the parts of a URL (spec §1 examples)
  @Test
  @DisplayName("user, password, host and path are percent-decoded and the port is an int")
  void percentDecodesEveryPart() {
    BrokerUrl u = one("amqp://user%61:%61pass@ho%61st:10000/v%2fhost");
    assertThat(u.transport()).isEqualTo("amqp");
    assertThat(u.userid()).isEqualTo("usera");
    assertThat(u.password()).isEqualTo("apass");
    assertThat(u.hostname()).isEqualTo("hoast");
    assertThat(u.port()).isEqualTo(10000);
    assertThat(u.virtualHost()).isEqualTo("v/host");
    assertThat(u.uriPrefix()).isNull();
  }

  @Test
  @DisplayName("amqp://host/%2f has the virtual host \"/\"")
  void encodedSlashIsTheRootVhost() {
    assertThat(one("amqp://host/%2f").virtualHost()).isEqualTo("/");
  }

  @Test
  @DisplayName("amqp://host/ and amqp:// leave the virtual host empty for the transport's default")
  void emptyPathIsNull() {
    assertThat(one("amqp://host/").virtualHost()).isNull();
    BrokerUrl bare = one("amqp://");
    assertThat(bare.virtualHost()).isNull();
    assertThat(bare.hostname()).isNull();
    assertThat(bare.port()).isNull();
    assertThat(bare.userid()).isNull();
    assertThat(bare.password()).isNull();
  }

  @Test
  @DisplayName("amqp:///vhost has no host and the virtual host \"vhost\"")
  void tripleSlashMeansNoHost() {
    BrokerUrl u = one("amqp:///vhost");
    assertThat(u.hostname()).isNull();
    assertThat(u.virtualHost()).isEqualTo("vhost");
  }

  @Test
  @DisplayName("amqp://:@/ has no user and no password")
  void emptyCredentialsAreNull() {
    BrokerUrl u = one("amqp://:@/");
    assertThat(u.userid()).isNull();
    assertThat(u.password()).isNull();
    assertThat(u.hostname()).isNull();
    assertThat(u.virtualHost()).isNull();
  }

  @Test
  @DisplayName("only one leading slash is removed from the path")
  void onlyOneSlashRemoved() {
    assertThat(one("amqp://guest:guest@localhost:5672//").virtualHost()).isEqualTo("/");
    assertThat(one("redis://localhost:6379/0").virtualHost()).isEqualTo("0");
  }

  @Test
  @DisplayName("the scheme and host are lower-cased, as Python's urlparse does")
  void schemeAndHostLowerCased() {
    BrokerUrl u = one("AMQP://Guest:PassWord@RabbitHost/VHost");
    assertThat(u.transport()).isEqualTo("amqp");
    assertThat(u.hostname()).isEqualTo("rabbithost");
    assertThat(u.userid()).isEqualTo("Guest");
    assertThat(u.password()).isEqualTo("PassWord");
    assertThat(u.virtualHost()).isEqualTo("VHost");
  }

  @Test
  @DisplayName("a password may contain ':' and '@' (the user-info ends at the last '@')")
  void passwordWithSpecialCharacters() {
    BrokerUrl u = one("redis://user:pa:ss@word@host:6380/1");
    assertThat(u.userid()).isEqualTo("user");
    assertThat(u.password()).isEqualTo("pa:ss@word");
    assertThat(u.hostname()).isEqualTo("host");
    assertThat(u.port()).isEqualTo(6380);
  }

  @Test
  @DisplayName("a user without a password keeps the password null")
  void userOnly() {
    BrokerUrl u = one("amqp://bob@host");
    assertThat(u.userid()).isEqualTo("bob");
    assertThat(u.password()).isNull();
  }

  @Test
  @DisplayName("a fragment is ignored")
  void fragmentIgnored() {
    BrokerUrl u = one("amqp://host/vh#frag");
    assertThat(u.virtualHost()).isEqualTo("vh");
  }

  @Test
  @DisplayName("defaults are left to the transport: no port, user or vhost is invented")
  void noDefaultsApplied() {
    BrokerUrl u = one("amqp://localhost");
    assertThat(u.port()).isNull();
    assertThat(u.userid()).isNull();
    assertThat(u.virtualHost()).isNull();
    assertThat(u.ssl()).isFalse();
    assertThat(u.heartbeat()).isEqualTo(Duration.ZERO);
    assertThat(u.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  // prefixed URLs (a+b://)
  @Test
  @DisplayName("redis+socket:// names the transport redis and keeps the rest unparsed as the hostname")
  void redisSocket() {
    BrokerUrl u = one("redis+socket:///var/run/redis/redis.sock");
    assertThat(u.transport()).isEqualTo("redis");
    assertThat(u.uriPrefix()).isEqualTo("redis");
    assertThat(u.hostname()).isEqualTo("socket:///var/run/redis/redis.sock");
    assertThat(u.port()).isNull();
  }

  @Test
  @DisplayName("the query of a prefixed URL stays in the unparsed rest, for the transport")
  void prefixedQueryUntouched() {
    BrokerUrl u = one("redis+socket:///tmp/r.sock?virtual_host=3");
    assertThat(u.hostname()).isEqualTo("socket:///tmp/r.sock?virtual_host=3");
    assertThat(u.query()).isEmpty();
  }

  @Test
  @DisplayName("mongodb+srv is a scheme of its own, not a prefix")
  void mongodbSrvIsAScheme() {
    BrokerUrl u = one("mongodb+srv://user:pw@cluster.example.com/db?retryWrites=true&w=majority");
    assertThat(u.transport()).isEqualTo("mongodb+srv");
    assertThat(u.uriPrefix()).isNull();
    assertThat(u.hostname()).isEqualTo("cluster.example.com");
    assertThat(u.virtualHost()).isEqualTo("db");
    assertThat(u.query()).containsExactly(Map.entry("retryWrites", "true"), Map.entry("w", "majority"));
  }

  // query options
  @Test
  @DisplayName("heartbeat and connect_timeout are seconds, fractions allowed")
  void durations() {
    BrokerUrl u = one("amqp://h/?heartbeat=10&connect_timeout=2.5");
    assertThat(u.heartbeat()).isEqualTo(Duration.ofSeconds(10));
    assertThat(u.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(u.query()).isEmpty();
  }

  @Test
  @DisplayName("login_method is read and insist is accepted but ignored")
  void loginMethodAndInsist() {
    BrokerUrl u = one("amqp://h/?login_method=AMQPLAIN&insist=true");
    assertThat(u.loginMethod()).isEqualTo("AMQPLAIN");
    assertThat(u.query()).isEmpty();
  }

  @ParameterizedTest(name = "ssl={0} → {1}")
  @CsvSource({"true,true", "True,true", "1,true", "false,false", "0,false", "FALSE,false"})
  @DisplayName("ssl takes true/false/1/0")
  void sslFlag(String value, boolean expected) {
    assertThat(one("amqp://h/?ssl=" + value).ssl()).isEqualTo(expected);
  }

  @Test
  @DisplayName("an ssl value that is not a boolean is refused")
  void badSslFlag() {
    assertThatThrownBy(() -> BrokerUrls.parse("amqp://h/?ssl=maybe"))
        .isInstanceOf(InvalidUrlException.class).hasMessageContaining("ssl").hasMessageContaining("maybe");
  }

  @Test
  @DisplayName("amqps and rediss turn TLS on")
  void tlsSchemes() {
    assertThat(one("amqps://h").ssl()).isTrue();
    assertThat(one("rediss://h").ssl()).isTrue();
    assertThat(one("amqps://h?ssl=false").ssl()).isTrue();
    assertThat(one("amqp://h").ssl()).isFalse();
  }

  @Test
  @DisplayName("ssl_* keys become TLS options without the prefix and turn TLS on")
  void sslOptions() {
    BrokerUrl u = one("amqp://h/?ssl_ca_certs=%2Fetc%2Fca.pem&ssl_keyfile=/k.pem");
    assertThat(u.sslOptions()).containsExactly(Map.entry("ca_certs", "/etc/ca.pem"), Map.entry("keyfile", "/k.pem"));
    assertThat(u.ssl()).isTrue();
    assertThat(u.query()).isEmpty();
  }

  @ParameterizedTest(name = "ssl_cert_reqs={0} → {1}")
  @CsvSource({"CERT_REQUIRED,CERT_REQUIRED", "required,CERT_REQUIRED", "CERT_OPTIONAL,CERT_OPTIONAL",
      "optional,CERT_OPTIONAL", "CERT_NONE,CERT_NONE", "none,CERT_NONE"})
  @DisplayName("ssl_cert_reqs accepts Kombu's six spellings")
  void certReqs(String value, String expected) {
    assertThat(one("rediss://h/0?ssl_cert_reqs=" + value).sslOptions()).containsEntry("cert_reqs", expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Required", "CERT_MAYBE", "yes"})
  @DisplayName("any other ssl_cert_reqs is refused")
  void badCertReqs(String value) {
    assertThatThrownBy(() -> BrokerUrls.parse("rediss://:secret@h/0?ssl_cert_reqs=" + value))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("ssl_cert_reqs")
        .hasMessageContaining("CERT_REQUIRED")
        .hasMessageNotContaining("secret");
  }

  @ParameterizedTest(name = "ssl_check_hostname={0} → {1}")
  @CsvSource({"false,false", "FALSE,false", "False,false", "true,true", "no,true", "0,true"})
  @DisplayName("ssl_check_hostname is true unless the value is \"false\" in any case")
  void checkHostname(String value, String expected) {
    assertThat(one("amqps://h/?ssl_check_hostname=" + value).sslOptions()).containsEntry("check_hostname", expected);
  }

  @Test
  @DisplayName("failover_strategy is validated and kept in the query for the connection")
  void failoverStrategy() {
    assertThat(one("amqp://h/?failover_strategy=shuffle").query()).containsEntry("failover_strategy", "shuffle");
    assertThat(one("amqp://h/?failover_strategy=round-robin").query())
        .containsEntry("failover_strategy", "round-robin");
    assertThatThrownBy(() -> BrokerUrls.parse("amqp://h/?failover_strategy=random"))
        .isInstanceOf(InvalidUrlException.class).hasMessageContaining("round-robin or shuffle");
  }

  @Test
  @DisplayName("an unknown key is refused, naming it and listing the allowed ones")
  void unknownKey() {
    assertThatThrownBy(() -> BrokerUrls.parse("redis://:secret@h/0?socket_timeout=5"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("\"socket_timeout\"")
        .hasMessageContaining("heartbeat")
        .hasMessageContaining("connect_timeout")
        .hasMessageContaining("login_method")
        .hasMessageContaining("failover_strategy")
        .hasMessageContaining("redis://:**@h/0")
        .hasMessageNotContaining("secret");
  }

  @Test
  @DisplayName("mongodb URLs keep every query option untouched for the transport")
  void mongodbQueryUntouched() {
    BrokerUrl u = one("mongodb://u:p@h1:27017,h2:27018/jobs?replicaSet=rs0&heartbeat=5&ssl=true");
    assertThat(u.transport()).isEqualTo("mongodb");
    assertThat(u.hostname()).isEqualTo("h1:27017,h2:27018");
    assertThat(u.port()).isNull();
    assertThat(u.virtualHost()).isEqualTo("jobs");
    assertThat(u.userid()).isEqualTo("u");
    assertThat(u.password()).isEqualTo("p");
    assertThat(u.query()).containsExactly(
        Map.entry("replicaSet", "rs0"), Map.entry("heartbeat", "5"), Map.entry("ssl", "true"));
    assertThat(u.heartbeat()).isEqualTo(Duration.ZERO);
    assertThat(u.ssl()).isFalse();
  }

  @Test
  @DisplayName("blank values are dropped and '+' in a value is a space, as Python's parse_qsl")
  void parseQslRules() {
    BrokerUrl u = one("amqp://h/?heartbeat=&login_method=A+B");
    assertThat(u.heartbeat()).isEqualTo(Duration.ZERO);
    assertThat(u.loginMethod()).isEqualTo("A B");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "1e999999"})
  @DisplayName("a heartbeat that is not a non-negative number of seconds is refused")
  void badHeartbeat(String value) {
    assertThatThrownBy(() -> BrokerUrls.parse("amqp://h/?heartbeat=" + value))
        .isInstanceOf(InvalidUrlException.class).hasMessageContaining("heartbeat");
  }

  // invalid URLs
  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "99999", "abc", "12a", "-5"})
  @DisplayName("a bad or out-of-range port is refused")
  void badPort(String port) {
    assertThatThrownBy(() -> BrokerUrls.parse("amqp://guest:secret@host:" + port + "/"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("port must be a number between 1 and 65535")
        .hasMessageNotContaining("secret");
  }

  @Test
  @DisplayName("ports 1 and 65535 are accepted")
  void portBounds() {
    assertThat(one("amqp://h:1").port()).isEqualTo(1);
    assertThat(one("amqp://h:65535").port()).isEqualTo(65535);
  }

  @Test
  @DisplayName("a host without a scheme is refused with an example")
  void noScheme() {
    assertThatThrownBy(() -> BrokerUrls.parse("localhost"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("no scheme in URL")
        .hasMessageContaining("write e.g. amqp://");
  }

  @Test
  @DisplayName("the no-scheme message masks a password")
  void noSchemeMasksPassword() {
    assertThatThrownBy(() -> BrokerUrls.parse("user:secret@host"))
        .isInstanceOf(InvalidUrlException.class).hasMessageNotContaining("secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"amqp://[::1]:5672/", "amqp://guest:secret@[fe80::1]/", "redis://::1/0"})
  @DisplayName("IPv6 literals are refused clearly, as Kombu does not support them")
  void ipv6(String url) {
    assertThatThrownBy(() -> BrokerUrls.parse(url))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("IPv6")
        .hasMessageNotContaining("secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", ";", " ; "})
  @DisplayName("an empty URL is refused")
  void empty(String url) {
    assertThatThrownBy(() -> BrokerUrls.parse(url)).isInstanceOf(InvalidUrlException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"://host", "1amqp://host", "am qp://host", "a_b://host"})
  @DisplayName("a malformed scheme is refused")
  void badScheme(String url) {
    assertThatThrownBy(() -> BrokerUrls.parse(url)).isInstanceOf(InvalidUrlException.class);
  }

  // failover lists
  @Test
  @DisplayName("';' separates alternates; the first is the primary")
  void list() {
    List<BrokerUrl> all = BrokerUrls.parse("amqp://a:5672//;amqp://b:5673//; amqp://c//");
    assertThat(all).extracting(BrokerUrl::hostname).containsExactly("a", "b", "c");
    assertThat(all).extracting(BrokerUrl::port).containsExactly(5672, 5673, null);
  }

  @Test
  @DisplayName("every element must use one transport")
  void mixedTransports() {
    assertThatThrownBy(() -> BrokerUrls.parse("amqp://a//;redis://:secret@b/0"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("one transport")
        .hasMessageNotContaining("secret");
  }

  @Test
  @DisplayName("amqp and amqps are different transports for a failover list")
  void amqpAndAmqpsDiffer() {
    assertThatThrownBy(() -> BrokerUrls.parse("amqp://a;amqps://b")).isInstanceOf(InvalidUrlException.class);
  }

  @Test
  @DisplayName("an alternate without '://' is a host name inheriting the rest from the primary")
  void bareHostAlternate() {
    List<BrokerUrl> all = BrokerUrls.parse("amqp://u:p@a:5672/vh?heartbeat=3;B:5673;c");
    assertThat(all).hasSize(3);
    BrokerUrl b = all.get(1);
    assertThat(b.hostname()).isEqualTo("b");
    assertThat(b.port()).isEqualTo(5673);
    assertThat(b.userid()).isEqualTo("u");
    assertThat(b.virtualHost()).isEqualTo("vh");
    assertThat(b.heartbeat()).isEqualTo(Duration.ofSeconds(3));
    assertThat(all.get(2).hostname()).isEqualTo("c");
    assertThat(all.get(2).port()).isEqualTo(5672);
  }

  @Test
  @DisplayName("parseOne refuses a failover list")
  void parseOne() {
    assertThat(BrokerUrls.parseOne("memory://").transport()).isEqualTo("memory");
    assertThatThrownBy(() -> BrokerUrls.parseOne("amqp://a;amqp://b")).isInstanceOf(InvalidUrlException.class);
  }

  // asUri (Kombu's as_uri)
  @Test
  @DisplayName("masks the password as ** and keeps '/' in the virtual host")
  void masked() {
    BrokerUrl u = one("amqp://guest:guest@localhost:5672//");
    assertThat(BrokerUrls.asUri(u, false)).isEqualTo("amqp://guest:**@localhost:5672//");
    assertThat(BrokerUrls.asUri(u, true)).isEqualTo("amqp://guest:guest@localhost:5672//");
  }

  @Test
  @DisplayName("percent-quotes the virtual host but keeps '/'")
  void quotesVhost() {
    BrokerUrl u = BrokerUrl.builder("amqp").hostname("h").virtualHost("my vhost/x").build();
    assertThat(BrokerUrls.asUri(u, false)).isEqualTo("amqp://h/my%20vhost/x");
  }

  @Test
  @DisplayName("quotes user and password fully when the password is shown")
  void quotesCredentials() {
    BrokerUrl u = one("amqp://us%2Fer:p%40ss%2Fw@h:5672/v");
    assertThat(BrokerUrls.asUri(u, true)).isEqualTo("amqp://us%2Fer:p%40ss%2Fw@h:5672/v");
    assertThat(BrokerUrls.asUri(u, false)).isEqualTo("amqp://us%2Fer:**@h:5672/v");
  }

  @Test
  @DisplayName("renders a missing host as localhost and an empty vhost as a single slash")
  void missingParts() {
    assertThat(BrokerUrls.asUri(one("redis://"), false)).isEqualTo("redis://localhost/");
    assertThat(BrokerUrls.asUri(one("redis://:pw@/0"), false)).isEqualTo("redis://:**@localhost/0");
  }

  @Test
  @DisplayName("renders prefixed URLs as prefix+hostname with the password masked")
  void prefixed() {
    BrokerUrl u = one("redis+socket://:secret@/var/run/redis.sock");
    assertThat(BrokerUrls.asUri(u, false)).isEqualTo("redis+socket://:**@/var/run/redis.sock");
    assertThat(BrokerUrls.asUri(u, true)).isEqualTo("redis+socket://:secret@/var/run/redis.sock");
  }

  @Test
  @DisplayName("round-trips through parse")
  void roundTrip() {
    BrokerUrl u = one("amqp://user:pa%3Ass@host:5671/v%2Fh");
    assertThat(one(BrokerUrls.asUri(u, true))).isEqualTo(u);
  }

  // mask
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "redis://:secret@cache:6379/0|redis://:**@cache:6379/0",
      "amqp://guest:guest@localhost:5672//|amqp://guest:**@localhost:5672//",
      "amqp://guest@localhost//|amqp://guest@localhost//",
      "amqp://localhost//|amqp://localhost//",
      "amqp://u:p/w@host/v|amqp://u:**@host/v",
      "redis://:se?cret@host/0|redis://:**@host/0",
      "redis://:se#cret@host/0|redis://:**@host/0",
      "amqp://u:p@a//;amqp://v:q@b//|amqp://u:**@a//;amqp://v:**@b//",
      "amqp://host:5672/v?email=a@b|amqp://host:5672/v?email=a@b",
      "u:secret@host|u:**@host",
      "not a url|not a url",
      "redis+socket://:pw@/tmp/s.sock|redis+socket://:**@/tmp/s.sock",
  })
  @DisplayName("hides passwords, even in malformed URLs")
  void masks(String raw, String expected) {
    assertThat(BrokerUrls.mask(raw)).isEqualTo(expected);
  }

  @Test
  @DisplayName("a parsed URL's toString does not show the password")
  void toStringMasks() {
    assertThat(one("amqp://u:secret@h//").toString()).doesNotContain("secret");
  }
}
