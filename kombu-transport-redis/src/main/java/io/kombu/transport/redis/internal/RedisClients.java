package io.kombu.transport.redis.internal;

import io.kombu.ConfigurationException;
import io.kombu.ConnectionException;
import io.kombu.CredentialProvider;
import io.kombu.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultRedisCredentials;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.RedisCredentials;
import redis.clients.jedis.RedisCredentialsProvider;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Builds the Jedis client of one transport from its settings: plain TCP, TLS ({@code rediss://}, with Kombu's {@code
 * ssl_cert_reqs}, {@code ssl_ca_certs}, {@code ssl_certfile}, {@code ssl_keyfile}, {@code ssl_check_hostname}) or
 * Sentinel. The pool checks idle connections with PING every {@code health_check_interval}. A {@code credential_provider}
 * replaces the URL's user and password and is asked on every new connection (Jedis's credentials-provider hook), so
 * pool connections, reconnections after a restart and the fanout subscriber all use its current credentials.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class RedisClients {
  private static final Logger log = LoggerFactory.getLogger(RedisClients.class);

  private RedisClients() {}

  /**
   * @param s settings
   * @return a pooled client; nothing is connected yet
   */
  public static JedisPooled create(RedisSettings s) {
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    // A blocking BRPOP, the fanout subscription and the lease renewer each hold one connection at times.
    pool.setMaxTotal(s.maxConnections() + 2);
    pool.setMaxIdle(s.maxConnections() + 2);
    pool.setMinIdle(0);
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(s.healthCheckInterval());
    pool.setMinEvictableIdleDuration(Duration.ofMinutes(30));
    pool.setNumTestsPerEvictionRun(-1);
    pool.setJmxEnabled(false);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(s.socketConnectTimeout().plusSeconds(5));
    JedisClientConfig config = clientConfig(s);
    if (s.sentinel()) {
      String master = s.masterName();
      if (master == null) {
        throw new ConfigurationException("'master_name' transport option must be specified.");
      }
      // redis-py asks the sentinels for the master on every new connection; so does this socket factory.
      SentinelMasterSocketFactory sockets = new SentinelMasterSocketFactory(master, new HostAndPort(s.host(), s.port()),
          sentinelConfig(s), s.minOtherSentinels(), config);
      return new JedisPooled(pool, sockets, config);
    }
    return new JedisPooled(new HostAndPort(s.host(), s.port()), config, pool);
  }

  private static JedisClientConfig clientConfig(RedisSettings s) {
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis(s.socketConnectTimeout()))
        .socketTimeoutMillis(millis(s.socketTimeout()))
        .database(s.db());
    credentials(b, s.credentialProvider(), s.username(), s.password());
    if (s.clientName() != null) {
      b.clientName(s.clientName());
    }
    if (s.ssl()) {
      configureTls(b, s.sslOptions());
    }
    return b.build();
  }

  /**
   * Connections to the sentinels themselves, by redis-py's rule: with {@code sentinel_kwargs}, exactly what it gives;
   * without, only the master's socket timeouts and no credentials. Sentinels commonly run without a password while the
   * master has one, and a Python configuration written for that must work here too: sending the master's password to
   * such a sentinel would fail the AUTH.
   */
  private static JedisClientConfig sentinelConfig(RedisSettings s) {
    Map<String, Object> kwargs = s.sentinelKwargs();
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder();
    if (kwargs == null) {
      b.connectionTimeoutMillis(millis(s.socketConnectTimeout())).socketTimeoutMillis(millis(s.socketTimeout()));
    } else {
      Duration connect = s.sentinelDuration("socket_connect_timeout");
      Duration read = s.sentinelDuration("socket_timeout");
      b.connectionTimeoutMillis(millis(connect != null ? connect : s.socketConnectTimeout()))
          .socketTimeoutMillis(millis(read != null ? read : s.socketTimeout()));
      Object user = kwargs.get("username");
      Object password = kwargs.get("password");
      credentials(b, (CredentialProvider) kwargs.get("credential_provider"), user == null ? null : user.toString(),
          password == null ? null : password.toString());
    }
    if (s.ssl()) {
      configureTls(b, s.sslOptions());
    }
    return b.build();
  }

  private static void credentials(DefaultJedisClientConfig.Builder b, @Nullable CredentialProvider provider,
      @Nullable String user, @Nullable String password) {
    if (provider != null) {
      b.credentialsProvider(new ProviderCredentials(provider));
    } else {
      b.user(user).password(password);
    }
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  private static void configureTls(DefaultJedisClientConfig.Builder b, Map<String, String> ssl) {
    String reqs = ssl.getOrDefault("cert_reqs", ssl.isEmpty() ? "CERT_NONE" : "CERT_REQUIRED");
    if (ssl.isEmpty()) {
      log.warn("rediss:// without ssl_cert_reqs: the server certificate is NOT verified (Kombu's default); add "
          + "?ssl_cert_reqs=required&ssl_ca_certs=/path/ca.pem to verify it");
    }
    try {
      TrustManager[] trust;
      if ("CERT_NONE".equals(reqs)) {
        trust = new TrustManager[] {new TrustAll()};
      } else {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        String ca = ssl.get("ca_certs");
        if (ca == null) {
          tmf.init((KeyStore) null);
        } else {
          KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
          ks.load(null, null);
          int i = 0;
          for (Certificate c : readCertificates(Path.of(ca))) {
            ks.setCertificateEntry("ca" + (i++), c);
          }
          tmf.init(ks);
        }
        trust = tmf.getTrustManagers();
      }
      javax.net.ssl.KeyManager[] keyManagers = null;
      String certfile = ssl.get("certfile");
      String keyfile = ssl.get("keyfile");
      if (certfile != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        Collection<? extends Certificate> chain = readCertificates(Path.of(certfile));
        PrivateKey key = readPrivateKey(Path.of(keyfile != null ? keyfile : certfile));
        char[] pw = new char[0];
        ks.setKeyEntry("client", key, pw, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        keyManagers = kmf.getKeyManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keyManagers, trust, null);
      b.ssl(true).sslSocketFactory(ctx.getSocketFactory());
      boolean checkHostname = !"false".equals(ssl.get("check_hostname")) && !"CERT_NONE".equals(reqs);
      if (checkHostname) {
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        b.sslParameters(params);
      } else {
        b.hostnameVerifier((host, session) -> true);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException("cannot set up TLS for rediss:// from ssl options " + ssl.keySet() + ": "
          + e.getMessage() + "; ssl_ca_certs and ssl_certfile take PEM certificates, ssl_keyfile a PEM PKCS#8 key", e);
    }
  }

  private static Collection<? extends Certificate> readCertificates(Path file) throws IOException,
      GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
  }

  private static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
    String pem = Files.readString(file);
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < 0) {
      throw new GeneralSecurityException(file + " holds no PEM PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it "
          + "with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    List<String> algorithms = new ArrayList<>(List.of("RSA", "EC", "Ed25519"));
    GeneralSecurityException last = null;
    for (String alg : algorithms) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("unsupported key type in " + file, last);
  }

  /**
   * Jedis calls {@link #get()} for every connection it opens. A failing provider becomes a connection error (Jedis only
   * passes its own exceptions through the pool) carrying our {@link ConnectionException}, which {@link RedisErrors}
   * unwraps; the provider's message is not quoted, since a failed secret lookup may contain the secret.
   */
  private static final class ProviderCredentials implements RedisCredentialsProvider {
    private final CredentialProvider provider;

    ProviderCredentials(CredentialProvider provider) {
      this.provider = provider;
    }

    @Override
    public RedisCredentials get() {
      Credentials c;
      try {
        c = provider.credentials();
      } catch (RuntimeException e) {
        throw failure("threw " + e.getClass().getName() + " (see the cause)", e);
      }
      if (c == null) {
        throw failure("returned null", null);
      }
      return new DefaultRedisCredentials(c.username(), c.password());
    }

    private JedisConnectionException failure(String what, @Nullable Throwable cause) {
      String message = "credential_provider " + provider.getClass().getName() + " " + what
          + " while connecting to Redis";
      return new JedisConnectionException(message, new ConnectionException(message, cause));
    }
  }

  /** ssl_cert_reqs=CERT_NONE: Kombu's default for rediss:// without options. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // Nothing to check: the server authenticates clients, not this side.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // CERT_NONE: the user asked for no verification.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
