/** URL parsing and rendering behind {@link io.kombu.core.BrokerUrls}. Internal: no compatibility promise. */
@NullMarked
package io.kombu.core.internal.url;

import org.jspecify.annotations.NullMarked;
