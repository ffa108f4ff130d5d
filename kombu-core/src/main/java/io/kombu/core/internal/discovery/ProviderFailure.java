package io.kombu.core.internal.discovery;

/**
 * A provider that was found but could not be used: it failed to load, or was built for another SPI version. Kept so that
 * a later "not found" error can say why.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param description what failed and why, e.g. the provider class and the missing driver class; never a credential
 * @param cause the error, or null for a version mismatch
 */
public record ProviderFailure(String description, @org.jspecify.annotations.Nullable Throwable cause) {}
