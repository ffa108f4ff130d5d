/**
 * Kombu-Java's user-facing ports: {@link io.kombu.Connection}, {@link io.kombu.Channel}, {@link io.kombu.Producer},
 * {@link io.kombu.Consumer}, {@link io.kombu.Message}, the immutable declarations {@link io.kombu.Exchange},
 * {@link io.kombu.Queue} and {@link io.kombu.Binding}, and the exception tree rooted at {@link io.kombu.KombuException}.
 *
 * <p>This package holds no behaviour: {@code kombu-core} implements it. Start from {@code io.kombu.core.Kombu.connect(url)}.
 */
@NullMarked
package io.kombu;

import org.jspecify.annotations.NullMarked;
