package io.kombu.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Connection;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pool groups")
class PoolGroupsTest {
  private final PoolGroups groups = new PoolGroups();

  @AfterEach
  void tearDown() {
    groups.close();
    Pools.reset();
  }

  @Test
  @DisplayName("two connections with the same parameters share one pool")
  void sameParametersSamePool() {
    Connection a = Kombu.connect("memory://");
    Connection b = Kombu.connect("memory://");
    assertThat(groups.connections().get(a)).isSameAs(groups.connections().get(b));
    assertThat(groups.producers().get(a)).isSameAs(groups.producers().get(b));
    assertThat(groups.connections().size()).isEqualTo(1);
    assertThat(groups.producers().get(a).connections()).isSameAs(groups.connections().get(a));
  }

  @Test
  @DisplayName("a different virtual host, password or transport options gives a different pool")
  void differentParametersDifferentPools() {
    ConnectionPool base = groups.connections().get(Kombu.connect("memory://u:p@localhost/one"));
    assertThat(groups.connections().get(Kombu.connect("memory://u:p@localhost/two"))).isNotSameAs(base);
    assertThat(groups.connections().get(Kombu.connect("memory://u:other@localhost/one"))).isNotSameAs(base);
    assertThat(groups.connections().get(Kombu.connect("memory://u:p@localhost/one",
        TransportOptions.of(Map.of("polling_interval", 1))))).isNotSameAs(base);
    assertThat(groups.connections().get(Kombu.connect("memory://u:p@localhost/one"))).isSameAs(base);
    assertThat(groups.connections().size()).isEqualTo(4);
  }

  @Test
  @DisplayName("a pooled connection maps to the pool of its parameters")
  void pooledConnectionKey() {
    Connection conn = Kombu.connect("memory://");
    ConnectionPool pool = groups.connections().get(conn);
    try (PooledConnection loan = pool.acquire()) {
      assertThat(groups.connections().get(loan)).isSameAs(pool);
    }
  }

  @Test
  @DisplayName("the pool's description never shows the password")
  void maskedToString() {
    ConnectionPool pool = groups.connections().get(Kombu.connect("memory://user:s3cret@localhost/"));
    assertThat(pool.toString()).doesNotContain("s3cret");
    assertThat(ConnectionKey.of(Kombu.connect("memory://user:s3cret@localhost/")).toString()).doesNotContain("s3cret");
  }

  @Test
  @DisplayName("the default limit is 10 and new pools get the group's limit")
  void defaultLimit() {
    assertThat(PoolGroups.DEFAULT_LIMIT).isEqualTo(10);
    assertThat(groups.getLimit()).isEqualTo(10);
    assertThat(groups.connections().get(Kombu.connect("memory://")).limit()).isEqualTo(10);
    assertThat(new PoolGroups(3).connections().get(Kombu.connect("memory://")).limit()).isEqualTo(3);
  }

  @Test
  @DisplayName("setLimit resizes every pool, and refuses to shrink below what is in use")
  void setLimit() {
    Connection conn = Kombu.connect("memory://");
    ConnectionPool connections = groups.connections().get(conn);
    ProducerPool producers = groups.producers().get(conn);
    groups.setLimit(20);
    assertThat(connections.limit()).isEqualTo(20);
    assertThat(producers.limit()).isEqualTo(20);
    PooledConnection a = connections.acquire();
    PooledConnection b = connections.acquire();
    assertThatThrownBy(() -> groups.setLimit(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Can't shrink pool when in use: was=20 now=1");
    assertThat(groups.getLimit()).isEqualTo(20);
    assertThat(connections.limit()).isEqualTo(20);
    groups.setLimit(2);
    assertThat(connections.limit()).isEqualTo(2);
    groups.setLimit(1, true);
    assertThat(connections.limit()).isEqualTo(1);
    assertThat(connections.inUse()).isZero();
    a.release();
    b.release();
  }

  @Test
  @DisplayName("reset closes every pool, also resources in use, and empties the groups")
  void reset() {
    Connection conn = Kombu.connect("memory://");
    ConnectionPool connections = groups.connections().get(conn);
    ProducerPool producers = groups.producers().get(conn);
    PooledProducer p = producers.acquire();
    p.connection().connect();
    Connection raw = p.connection().resource();
    groups.reset();
    assertThat(raw.isConnected()).isFalse();
    assertThat(connections.isClosed()).isTrue();
    assertThat(producers.isClosed()).isTrue();
    assertThat(groups.connections().size()).isZero();
    assertThat(groups.producers().size()).isZero();
    assertThatThrownBy(connections::acquire).hasMessageStartingWith("Acquire on closed pool");
    p.close();
    assertThat(groups.connections().get(conn)).isNotSameAs(connections);
  }

  @Test
  @DisplayName("the global groups work like an instance, with Kombu's default limit")
  void globals() {
    Connection conn = Kombu.connect("memory://");
    assertThat(Pools.getLimit()).isEqualTo(PoolGroups.DEFAULT_LIMIT);
    ProducerPool producers = Pools.producers().get(conn);
    assertThat(producers).isSameAs(Pools.producers().get(Kombu.connect("memory://")));
    assertThat(producers.connections()).isSameAs(Pools.connections().get(conn));
    producers.run(Duration.ofSeconds(1), p -> assertThat(p.connection().pool()).isSameAs(producers.connections()));
    Pools.setLimit(12);
    assertThat(producers.limit()).isEqualTo(12);
    Pools.setLimit(PoolGroups.DEFAULT_LIMIT);
    Pools.reset();
    assertThat(producers.isClosed()).isTrue();
    assertThat(Pools.global().producers().size()).isZero();
    assertThat(Pools.getLimit()).isEqualTo(PoolGroups.DEFAULT_LIMIT);
  }

  @Test
  @DisplayName("limits must not be negative")
  void negativeLimits() {
    assertThatThrownBy(() -> new PoolGroups(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> groups.setLimit(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(groups.getLimit()).isEqualTo(PoolGroups.DEFAULT_LIMIT);
  }
}
