import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Prints COUNT signed query strings (WeChat's signature: sha1 of the sorted token, timestamp and
 * nonce), each with a nonce of its own and the current timestamp: the gateway takes a signed query
 * string for one body only, so a load of distinct pushes needs one per request.
 *
 * <p>{@code java bench/SignedQueries.java TOKEN COUNT > queries.txt}
 */
public class SignedQueries {
  public static void main(String[] args) throws Exception {
    String token = args[0];
    int count = Integer.parseInt(args[1]);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    long base = System.nanoTime();
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    StringBuilder out = new StringBuilder(count * 90);
    for (int i = 0; i < count; i++) {
      String nonce = Long.toString(base + i);
      String[] parts = {token, ts, nonce};
      Arrays.sort(parts);
      for (String part : parts) {
        sha1.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      out.append("signature=").append(HexFormat.of().formatHex(sha1.digest()));
      out.append("&timestamp=").append(ts).append("&nonce=").append(nonce).append('\n');
    }
    System.out.print(out);
  }
}
