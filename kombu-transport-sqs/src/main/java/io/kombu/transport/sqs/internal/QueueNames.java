package io.kombu.transport.sqs.internal;

/**
 * Kombu's SQS queue-name mangling ({@code Channel.entity_name}): a {@code .fifo} suffix is kept verbatim, {@code .}
 * becomes {@code -}, every other ASCII punctuation character except {@code -} and {@code _} becomes {@code _}; letters,
 * digits, spaces and non-ASCII characters are kept and nothing is truncated.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class QueueNames {
  /** The suffix SQS requires of FIFO queue names. */
  public static final String FIFO_SUFFIX = ".fifo";

  private static final String PUNCTUATION = "!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~";

  private QueueNames() {}

  /**
   * @param name a Kombu queue name, including any {@code queue_name_prefix}
   * @return the SQS queue name
   */
  public static String mangle(String name) {
    boolean fifo = name.endsWith(FIFO_SUFFIX);
    String stem = fifo ? name.substring(0, name.length() - FIFO_SUFFIX.length()) : name;
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < stem.length(); i++) {
      char c = stem.charAt(i);
      if (c == '.') {
        sb.append('-');
      } else if (PUNCTUATION.indexOf(c) >= 0) {
        sb.append('_');
      } else {
        sb.append(c);
      }
    }
    return fifo ? sb.append(FIFO_SUFFIX).toString() : sb.toString();
  }

  /**
   * @param name a queue name (logical or mangled)
   * @return whether SQS treats it as a FIFO queue
   */
  public static boolean isFifo(String name) {
    return name.endsWith(FIFO_SUFFIX);
  }
}
