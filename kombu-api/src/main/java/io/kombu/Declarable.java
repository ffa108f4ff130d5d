package io.kombu;

/** An entity a channel can declare: an {@link Exchange} or a {@link Queue}. Used in declare lists and caches. */
public sealed interface Declarable permits Exchange, Queue {
  /** @return the entity's name */
  String name();
}
