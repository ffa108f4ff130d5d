package io.kombu.transport.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code peer.py} (Python Kombu 5.2.4 from Debian's python3-kombu) and parses its JSON lines. */
final class PythonPeer {
  static final String PYTHON = System.getProperty("kombu.it.python", "/usr/bin/python3");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PythonPeer() {}

  static Path resources() {
    return Path.of("src/test/resources/python").toAbsolutePath();
  }

  record Result(int exitCode, List<Map<String, Object>> lines, String stderr) {}

  @SuppressWarnings("unchecked")
  static Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(PYTHON);
    cmd.add(resources().resolve("peer.py").toString());
    cmd.addAll(List.of(args));
    File err = File.createTempFile("peer", ".err");
    err.deleteOnExit();
    Process p = new ProcessBuilder(cmd).redirectError(err).start();
    byte[] stdout = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("python peer " + List.of(args) + " did not finish within 60 s");
    }
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : new String(stdout, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(MAPPER.readValue(line, Map.class));
      }
    }
    return new Result(p.exitValue(), lines, java.nio.file.Files.readString(err.toPath()));
  }
}
