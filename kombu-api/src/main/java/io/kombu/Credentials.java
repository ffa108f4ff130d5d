package io.kombu;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user name and password handed out by a {@link CredentialProvider}: what redis-py's {@code
 * CredentialProvider.get_credentials()} returns as {@code (password,)} (no user name: the broker's default user) or
 * {@code (username, password)}. {@link #toString()} masks the password as {@code **}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param username the user name, or null for the broker's default user (Redis: legacy {@code AUTH password})
 * @param password the password; never logged by Kombu-Java
 */
public record Credentials(@Nullable String username, String password) {
  /**
   * @param username the user name, or null for the broker's default user
   * @param password the password
   * @throws NullPointerException when password is null
   */
  public Credentials {
    Objects.requireNonNull(password, "password");
  }

  /**
   * @param password the password
   * @return credentials for the broker's default user
   */
  public static Credentials passwordOnly(String password) {
    return new Credentials(null, password);
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=**]";
  }
}
