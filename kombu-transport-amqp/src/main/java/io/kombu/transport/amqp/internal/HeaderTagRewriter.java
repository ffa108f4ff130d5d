package io.kombu.transport.amqp.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the type tags of 64-bit integers inside the {@code headers} table of an AMQP content-header frame payload, in
 * place and without changing its length.
 *
 * <p>Why: py-amqp writes every header int outside int32 with the tag {@code L} (signed 64-bit, as RabbitMQ also reads it).
 * The RabbitMQ Java client only knows {@code l} and fails the whole connection on {@code L}
 * ("Unrecognised type in table"). Both are 8 bytes, so turning {@code L} into {@code l} on the way in is exact. On the
 * way out, py-amqp reads {@code l} as <em>unsigned</em>, so a negative 64-bit value is tagged {@code L} instead, which
 * is what py-amqp itself would have written.
 *
 * <p>When the table holds a tag this class does not know, nothing is changed (the client then reports the table as it
 * would have anyway).
 *
 * <p>Thread-safety: stateless and thread-safe; the caller owns the payload array.
 */
public final class HeaderTagRewriter {
  /** Property flag bits of basic.properties, first flag word. */
  private static final int FLAG_CONTENT_TYPE = 1 << 15;
  private static final int FLAG_CONTENT_ENCODING = 1 << 14;
  private static final int FLAG_HEADERS = 1 << 13;
  /** class-id (2) + weight (2) + body size (8). */
  private static final int PROPERTY_FLAGS_OFFSET = 12;

  private HeaderTagRewriter() {}

  /**
   * Turns every {@code L} tag into {@code l} (for the Java client to read).
   *
   * @param payload a content-header frame payload, changed in place
   * @return how many tags were changed
   */
  public static int rewriteInbound(byte[] payload) {
    List<Integer> tags = longTagOffsets(payload);
    int changed = 0;
    for (int at : tags) {
      if (payload[at] == 'L') {
        payload[at] = 'l';
        changed++;
      }
    }
    return changed;
  }

  /**
   * Turns the {@code l} tag of every negative value into {@code L} (for py-amqp to read it signed).
   *
   * @param payload a content-header frame payload, changed in place
   * @return how many tags were changed
   */
  public static int rewriteOutbound(byte[] payload) {
    List<Integer> tags = longTagOffsets(payload);
    int changed = 0;
    for (int at : tags) {
      if (payload[at] == 'l' && payload[at + 1] < 0) {
        payload[at] = 'L';
        changed++;
      }
    }
    return changed;
  }

  /** Marks a table this class cannot walk. */
  private static final int BAD = -1;

  /** @return offsets of every {@code l}/{@code L} tag of the headers table, or none when the table cannot be walked */
  static List<Integer> longTagOffsets(byte[] p) {
    List<Integer> found = new ArrayList<>();
    if (p.length < PROPERTY_FLAGS_OFFSET + 2) {
      return found;
    }
    int pos = PROPERTY_FLAGS_OFFSET;
    int flags = u16(p, pos);
    int word = flags;
    pos += 2;
    while ((word & 1) != 0) {
      word = u16(p, pos);
      if (word == BAD) {
        return List.of();
      }
      pos += 2;
    }
    if ((flags & FLAG_HEADERS) == 0) {
      return found;
    }
    if ((flags & FLAG_CONTENT_TYPE) != 0) {
      pos = skipShortString(p, pos);
    }
    if ((flags & FLAG_CONTENT_ENCODING) != 0) {
      pos = skipShortString(p, pos);
    }
    int length = u32(p, pos);
    if (pos == BAD || length == BAD || walkSequence(p, pos + 4, pos + 4 + length, true, found) == BAD) {
      return List.of();
    }
    return found;
  }

  /** Walks table entries (name + value) or array items (value) from pos to end. @return end, or BAD */
  private static int walkSequence(byte[] p, int pos, int end, boolean named, List<Integer> found) {
    if (end < pos || end > p.length) {
      return BAD;
    }
    while (pos != BAD && pos < end) {
      if (named) {
        pos = skipShortString(p, pos);
      }
      pos = pos == BAD ? BAD : walkValue(p, pos, end, found);
    }
    return pos == end ? end : BAD;
  }

  private static int walkValue(byte[] p, int pos, int end, List<Integer> found) {
    if (pos >= end) {
      return BAD;
    }
    int tag = p[pos];
    int v = pos + 1;
    switch (tag) {
      case 'S':
      case 'x': {
        int len = u32(p, v);
        return len == BAD ? BAD : v + 4 + len;
      }
      case 'F':
      case 'A': {
        int len = u32(p, v);
        return len == BAD ? BAD : walkSequence(p, v + 4, v + 4 + len, tag == 'F', found);
      }
      case 'l':
      case 'L':
        found.add(pos);
        return v + 8;
      case 'd':
      case 'T':
        return v + 8;
      case 'I':
      case 'i':
      case 'f':
        return v + 4;
      case 'D':
        return v + 5;
      case 's':
      case 'u':
      case 'U':
        return v + 2;
      case 'b':
      case 'B':
      case 't':
        return v + 1;
      case 'V':
        return v;
      default:
        return BAD;
    }
  }

  private static int skipShortString(byte[] p, int pos) {
    return pos < 0 || pos >= p.length ? BAD : pos + 1 + (p[pos] & 0xff);
  }

  private static int u16(byte[] p, int at) {
    return at < 0 || at + 2 > p.length ? BAD : ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
  }

  private static int u32(byte[] p, int at) {
    if (at < 0 || at + 4 > p.length) {
      return BAD;
    }
    long v = ((long) (p[at] & 0xff) << 24) | ((p[at + 1] & 0xff) << 16) | ((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff);
    return v > Integer.MAX_VALUE ? BAD : (int) v;
  }
}
