/** Architecture tests of Kombu-Java: layering rules, the BOM completeness check and the services-file check. */
@NullMarked
package io.kombu.archtests;

import org.jspecify.annotations.NullMarked;
