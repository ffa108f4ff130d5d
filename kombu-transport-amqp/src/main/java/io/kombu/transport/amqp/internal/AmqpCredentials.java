package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.impl.CredentialsProvider;
import io.kombu.ConnectionException;
import io.kombu.CredentialProvider;
import io.kombu.Credentials;

/**
 * Kombu's {@code credential_provider} as the AMQP client's {@link CredentialsProvider}. The client asks for the user
 * name and then the password on the thread that opens the connection; one {@link CredentialProvider#credentials()} call
 * answers both, so a rotation between the two calls cannot mix an old user name with a new password.
 *
 * <p>Thread-safety: thread-safe; the pair fetched for {@code getUsername} is kept per thread until {@code getPassword}.
 */
final class AmqpCredentials implements CredentialsProvider {
  private final CredentialProvider provider;
  private final String defaultUser;
  private final ThreadLocal<Credentials> pending = new ThreadLocal<>();

  /**
   * @param provider the user's provider
   * @param defaultUser the user name when the provider gives none (the URL's, else {@code guest})
   */
  AmqpCredentials(CredentialProvider provider, String defaultUser) {
    this.provider = provider;
    this.defaultUser = defaultUser;
  }

  @Override
  public String getUsername() {
    Credentials c = fetch();
    pending.set(c);
    return c.username() != null ? c.username() : defaultUser;
  }

  @Override
  public String getPassword() {
    Credentials c = pending.get();
    pending.remove();
    return (c != null ? c : fetch()).password();
  }

  private Credentials fetch() {
    Credentials c;
    try {
      c = provider.credentials();
    } catch (RuntimeException e) {
      // Not quoted: a failed secret lookup may carry the secret in its message.
      throw new ConnectionException("credential_provider " + provider.getClass().getName() + " threw "
          + e.getClass().getName() + " while connecting to RabbitMQ (see the cause)", e);
    }
    if (c == null) {
      throw new ConnectionException("credential_provider " + provider.getClass().getName() + " returned null while "
          + "connecting to RabbitMQ");
    }
    return c;
  }
}
