package io.kombu.core.messaging;

import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import io.kombu.core.CompressorRegistry;
import io.kombu.core.FailoverStrategy;
import io.kombu.core.SerializerRegistry;
import io.kombu.core.TransportRegistry;
import io.kombu.core.internal.messaging.ConnectionSettings;
import io.kombu.core.internal.messaging.KombuConnection;
import io.kombu.core.internal.messaging.Sleeper;
import io.kombu.spi.BrokerUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds connections to a {@link FakeBroker} with a settable clock and a sleeper that only advances it. */
final class TestConnections {
  final FakeBroker broker = new FakeBroker();
  final MutableClock clock = new MutableClock();
  final List<Duration> sleeps = new ArrayList<>();
  final Sleeper sleeper = d -> {
    sleeps.add(d);
    clock.advance(d);
  };

  KombuConnection connect(String url) {
    return connect(url, FailoverStrategy.ROUND_ROBIN);
  }

  KombuConnection connect(String url, FailoverStrategy strategy) {
    return connect(url, strategy, TransportOptions.defaults());
  }

  KombuConnection connect(String url, FailoverStrategy strategy, TransportOptions options) {
    List<BrokerUrl> urls = BrokerUrls.parse(url);
    return new KombuConnection(new ConnectionSettings(urls, strategy, options, broker.provider(),
        TransportRegistry.builder().discovery(false).build(), SerializerRegistry.defaultRegistry(),
        CompressorRegistry.defaultRegistry(), clock, sleeper, new Random(42)));
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2024-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
