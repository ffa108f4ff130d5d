package io.kombu.fakebad;

import io.kombu.spi.Compressor;
import io.kombu.spi.CompressorProvider;
import java.util.List;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class CompressorProviderWithoutNoArgConstructor implements CompressorProvider {
  private final List<Compressor> compressors;

  /** @param compressors what it provides; ServiceLoader cannot pass this */
  public CompressorProviderWithoutNoArgConstructor(List<Compressor> compressors) {
    this.compressors = List.copyOf(compressors);
  }

  @Override
  public List<Compressor> compressors() {
    return compressors;
  }
}
