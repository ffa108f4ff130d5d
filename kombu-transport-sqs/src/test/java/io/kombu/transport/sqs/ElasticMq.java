package io.kombu.transport.sqs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An in-JVM ElasticMQ on a free loopback port: a fake SQS for *FakeBrokerIT tests. Not thread-safe. */
final class ElasticMq implements AutoCloseable {
  private final SQSRestServer server;
  private final int port;

  private ElasticMq(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  static ElasticMq start() {
    int port = freePort();
    SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
    server.waitUntilStarted();
    return new ElasticMq(server, port);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for ElasticMQ", e);
    }
  }

  int port() {
    return port;
  }

  /** @return a Kombu URL for this server, with dummy credentials, as Python Kombu is pointed at ElasticMQ */
  String kombuUrl() {
    return "sqs://x:x@127.0.0.1:" + port;
  }

  /** @return a raw SDK client, for looking at what the transport stored */
  SqsClient rawClient() {
    return SqsClient.builder()
        .httpClientBuilder(ApacheHttpClient.builder())
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.of("elasticmq"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
        .build();
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
