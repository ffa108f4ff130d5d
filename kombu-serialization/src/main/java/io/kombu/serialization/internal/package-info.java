/** Implementation details of kombu-serialization: no compatibility promise, not for use by other modules. */
@NullMarked
package io.kombu.serialization.internal;

import org.jspecify.annotations.NullMarked;
