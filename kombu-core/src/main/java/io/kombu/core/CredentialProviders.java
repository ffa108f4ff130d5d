package io.kombu.core;

import io.kombu.ConfigurationException;
import io.kombu.CredentialProvider;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds the {@link CredentialProvider} of a connection for the transports that support Kombu's {@code
 * credential_provider}: the transport option {@value CredentialProvider#OPTION} (an instance, or a class name) or the
 * URL query key of the same name (a class name). A class is loaded with the thread context class loader and created
 * with its public no-argument constructor, once per call.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class CredentialProviders {
  private CredentialProviders() {}

  /**
   * @param url the broker URL (its query may name a provider class)
   * @param options the transport options (may hold a provider or a class name)
   * @return the provider, or null when neither names one
   * @throws ConfigurationException when both name one, when the value is neither a provider nor a class name, or when
   *     the class cannot be found, does not implement {@link CredentialProvider} or cannot be constructed
   */
  public static @Nullable CredentialProvider resolve(BrokerUrl url, TransportOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    Object option = options.get(CredentialProvider.OPTION);
    String query = url.query().get(CredentialProvider.OPTION);
    if (option != null && query != null) {
      throw new ConfigurationException("credential_provider is given both in the URL query and as a transport "
          + "option; give it once");
    }
    Object value = option != null ? option : query;
    if (value == null) {
      return null;
    }
    if (value instanceof CredentialProvider) {
      return (CredentialProvider) value;
    }
    if (value instanceof String) {
      return instantiate(((String) value).trim());
    }
    throw new ConfigurationException("transport option credential_provider must be an " + CredentialProvider.class
        .getName() + " or the name of a class implementing it, was a " + value.getClass().getName());
  }

  /**
   * For transports that cannot ask a provider: a security option they would silently ignore is refused instead.
   *
   * @param url the broker URL
   * @param options the transport options
   * @param transport the transport's name, for the message
   * @param instead where this transport takes its credentials from, for the message
   * @throws ConfigurationException when a credential_provider is given
   */
  public static void refuse(BrokerUrl url, TransportOptions options, String transport, String instead) {
    if (options.get(CredentialProvider.OPTION) != null || url.query().containsKey(CredentialProvider.OPTION)) {
      throw new ConfigurationException("credential_provider is not supported by the " + transport + " transport (only "
          + "redis and amqp ask one); " + instead);
    }
  }

  private static CredentialProvider instantiate(String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = CredentialProviders.class.getClassLoader();
    }
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException("credential_provider class " + className + " cannot be loaded by the thread "
          + "context class loader (" + e.getClass().getSimpleName() + "); check the name and the class path", e);
    }
    if (!CredentialProvider.class.isAssignableFrom(type)) {
      throw new ConfigurationException("credential_provider class " + className + " does not implement "
          + CredentialProvider.class.getName());
    }
    try {
      return (CredentialProvider) type.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new ConfigurationException("credential_provider class " + className + " needs a public no-argument "
          + "constructor (or pass an instance as the transport option credential_provider)", e);
    } catch (InvocationTargetException e) {
      // The cause is kept but not quoted: a failing secret lookup may put the secret in its message.
      throw new ConfigurationException("credential_provider class " + className + " could not be created: its "
          + "constructor threw " + e.getCause().getClass().getName() + " (see the cause)", e.getCause());
    } catch (InstantiationException | ExceptionInInitializerError e) {
      throw new ConfigurationException("credential_provider class " + className + " could not be created ("
          + e.getClass().getSimpleName() + "); it must be a concrete class", e);
    }
  }
}
