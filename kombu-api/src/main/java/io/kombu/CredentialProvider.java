package io.kombu;

/**
 * Supplies the user name and password for each new broker connection, instead of the ones in the URL: Kombu's {@code
 * credential_provider} connection parameter (redis-py's {@code CredentialProvider}). Because it is asked again on every
 * connect and reconnect, a rotated secret (a vault lease, a cloud IAM token) is picked up without restarting anything.
 *
 * <p>Pass it as the transport option {@value #OPTION}, either as an instance ({@code
 * TransportOptions.of(Map.of("credential_provider", provider))}) or as the name of a class with a public no-argument
 * constructor (URL query {@code ?credential_provider=com.example.VaultCredentials}). The Redis and AMQP transports read
 * it; see their READMEs for which connections ask it.
 *
 * <p>Thread-safety: implementations must be thread-safe. A transport may call {@link #credentials()} from any thread,
 * concurrently, once per new connection (pool connections, reconnects, subscribers), so it should be quick or cache.
 */
@FunctionalInterface
public interface CredentialProvider {
  /** The transport option and URL query key that carries a provider or its class name. */
  String OPTION = "credential_provider";

  /**
   * @return the credentials to authenticate the next connection with
   * @throws RuntimeException when none can be obtained; the transport reports it as a failed connection attempt
   */
  Credentials credentials();
}
