/**
 * The {@code kombu} command-line tool: {@code demo}, {@code publish}, {@code consume}, {@code queue}, {@code purge} and
 * {@code bench} against any broker URL whose transport is on the class path. Entry point: {@link KombuCommand#main}.
 */
@org.jspecify.annotations.NullMarked
package io.kombu.cli;
