package io.wxrelay.kit.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * A health check for images without a shell or curl: {@code java -cp @/app/jib-classpath-file
 * io.wxrelay.kit.admin.Probe <url>} exits 0 when the URL answers 200 within two seconds, else 1
 * with one line on stderr saying why. Compose's {@code healthcheck} runs it inside the container.
 */
public final class Probe {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private Probe() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: Probe <http-url>, e.g. http://127.0.0.1:9102/health/ready");
      System.exit(2);
    }
    System.exit(check(URI.create(args[0]), TIMEOUT, System.err) ? 0 : 1);
  }

  /** Whether {@code url} answers 200 within {@code timeout}; otherwise says why on {@code err}. */
  static boolean check(URI url, Duration timeout, PrintStream err) {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      int status = connection.getResponseCode();
      if (status == 200) {
        return true;
      }
      err.println(url + " answered " + status);
      return false;
    } catch (IOException | IllegalArgumentException e) {
      err.println(url + " did not answer: " + e.getClass().getSimpleName());
      return false;
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }
}
