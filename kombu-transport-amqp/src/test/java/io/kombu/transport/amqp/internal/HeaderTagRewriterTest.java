package io.kombu.transport.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.impl.AMQImpl;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HeaderTagRewriter")
class HeaderTagRewriterTest {
  /** A content-header payload as the Java client writes it. */
  private static byte[] javaPayload(Map<String, Object> headers) throws IOException {
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
        .contentType("application/json").contentEncoding("utf-8").headers(headers).deliveryMode(2).build();
    return props.toFrame(1, 10).getPayload();
  }

  /** The same payload as py-amqp writes it: every 64-bit tag is 'L'. */
  private static byte[] pythonPayload(Map<String, Object> headers) throws IOException {
    byte[] p = javaPayload(headers);
    for (int at : HeaderTagRewriter.longTagOffsets(p)) {
      p[at] = 'L';
    }
    return p;
  }

  private static AMQP.BasicProperties parse(byte[] payload) throws IOException {
    return (AMQP.BasicProperties) AMQImpl.readContentHeaderFrom(new DataInputStream(new ByteArrayInputStream(payload)));
  }

  private static Map<String, Object> headers() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("x-str", "v");
    h.put("x-big", 1L << 40);
    h.put("x-list", List.of(1, -(1L << 40)));
    h.put("x-map", Map.of("deep", Long.MIN_VALUE));
    h.put("x-float", 1.5d);
    return h;
  }

  @Test
  @DisplayName("the Java client cannot read py-amqp's 'L' tags; after the rewrite it reads every value exactly")
  void inboundRewriteMakesPythonHeadersReadable() throws IOException {
    byte[] python = pythonPayload(headers());
    assertThatThrownBy(() -> parse(python.clone())).isInstanceOf(MalformedFrameException.class);

    assertThat(HeaderTagRewriter.rewriteInbound(python)).isEqualTo(3);

    Map<String, Object> read = HeaderValues.fromWire(parse(python).getHeaders());
    assertThat(read).containsEntry("x-big", 1L << 40).containsEntry("x-list", List.of(1, -(1L << 40)))
        .containsEntry("x-map", Map.of("deep", Long.MIN_VALUE)).containsEntry("x-str", "v").containsEntry("x-float", 1.5d);
    assertThat(parse(python).getContentType()).isEqualTo("application/json");
  }

  @Test
  @DisplayName("outbound, only negative 64-bit values get the 'L' tag (py-amqp reads 'l' unsigned)")
  void outboundTagsNegativeLongs() throws IOException {
    byte[] p = javaPayload(headers());
    int changed = HeaderTagRewriter.rewriteOutbound(p);
    assertThat(changed).isEqualTo(2);
    List<Integer> tags = HeaderTagRewriter.longTagOffsets(p);
    assertThat(tags).hasSize(3);
    assertThat(tags.stream().map(at -> (char) p[at])).containsExactlyInAnyOrder('l', 'L', 'L');
    HeaderTagRewriter.rewriteInbound(p);
    assertThat(tags.stream().map(at -> (char) p[at])).containsOnly('l');
  }

  @Test
  @DisplayName("payloads without headers, or with a tag it does not know, are left alone")
  void leavesOtherPayloadsAlone() throws IOException {
    byte[] none = new AMQP.BasicProperties.Builder().contentType("text/plain").build().toFrame(1, 1).getPayload();
    assertThat(HeaderTagRewriter.rewriteInbound(none)).isZero();

    byte[] p = pythonPayload(Map.of("a", 1L << 40, "b", "text"));
    // Corrupt the 'S' tag of the string value into a tag nobody defines.
    for (int i = p.length - 1; i >= 0; i--) {
      if (p[i] == 'S') {
        p[i] = 'Z';
        break;
      }
    }
    byte[] before = p.clone();
    assertThat(HeaderTagRewriter.rewriteInbound(p)).isZero();
    assertThat(p).isEqualTo(before);
    assertThat(HeaderTagRewriter.rewriteInbound(new byte[3])).isZero();
  }
}
