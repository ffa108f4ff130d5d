package io.kombu.fakegood;

import io.kombu.spi.Compressor;
import io.kombu.spi.CompressorProvider;
import java.util.List;

/** A well-behaved fixture for {@link io.kombu.archtests.RulesCanFailTest}: public, final, public no-argument constructor. */
public final class WellFormedCompressorProvider implements CompressorProvider {
  /** Creates the provider. */
  public WellFormedCompressorProvider() {}

  @Override
  public List<Compressor> compressors() {
    return List.of();
  }
}
