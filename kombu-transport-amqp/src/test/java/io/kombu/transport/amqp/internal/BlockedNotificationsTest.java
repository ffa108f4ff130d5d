package io.kombu.transport.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import io.kombu.transport.amqp.ConnectionBlockedListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("connection.blocked notifications")
class BlockedNotificationsTest {
  @Test
  @DisplayName("track the state and reach the listener given as a transport option")
  void reachTheListener() {
    List<String> events = new CopyOnWriteArrayList<>();
    ConnectionBlockedListener listener = new ConnectionBlockedListener() {
      @Override
      public void onBlocked(String reason) {
        events.add("blocked: " + reason);
      }

      @Override
      public void onUnblocked() {
        events.add("unblocked");
      }
    };
    AmqpSettings settings = AmqpSettings.of(AmqpDefaults.apply(BrokerUrls.parseOne("amqp://")),
        TransportOptions.of(Map.of(ConnectionBlockedListener.OPTION, listener)));
    BlockedNotifications n = new BlockedNotifications("amqp://x", settings.blockedListener());

    n.handleBlocked("low on memory");
    assertThat(n.isBlocked()).isTrue();
    n.handleUnblocked();

    assertThat(n.isBlocked()).isFalse();
    assertThat(events).containsExactly("blocked: low on memory", "unblocked");
  }

  @Test
  @DisplayName("work without a listener, and refuse an option value of the wrong type")
  void noListener() {
    BlockedNotifications n = new BlockedNotifications("amqp://x", null);
    n.handleBlocked("disk");
    assertThat(n.isBlocked()).isTrue();
    assertThatThrownBy(() -> AmqpSettings.of(AmqpDefaults.apply(BrokerUrls.parseOne("amqp://")),
        TransportOptions.of(Map.of(ConnectionBlockedListener.OPTION, "not a listener"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(ConnectionBlockedListener.OPTION);
  }
}
