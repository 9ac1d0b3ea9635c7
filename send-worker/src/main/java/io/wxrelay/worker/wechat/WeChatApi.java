package io.wxrelay.worker.wechat;

import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.plan.Request.Json;
import io.wxrelay.worker.plan.Request.Query;
import io.wxrelay.worker.plan.Request.Upload;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat's JSON API over OkHttp, one blocking call per virtual thread. OkHttp's own retry on
 * connection failure is off: it would repeat a POST that WeChat may already have carried out, and a
 * customer-service message has no clientmsgid to make that safe.
 */
public final class WeChatApi implements WeChat, AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final OkHttpClient http;
  private final HttpUrl base;
  private final JsonMapper mapper;
  private final Classifier classifier;
  private final Semaphore permits;

  /**
   * Set before the first byte of the request is written: from then on WeChat may have acted on it.
   * Not later: a write that fails once its bytes are in the kernel (a write timeout that fires
   * after the flush, as when the process was stopped in it) still delivers the request.
   */
  private static final class Sent {
    final AtomicBoolean value = new AtomicBoolean();
  }

  /**
   * @param maxConcurrentCalls calls in flight at once; also the connections kept (HTTP/1.1 has one
   *     call per connection, and OkHttp's pool lookup grows with its size)
   */
  public WeChatApi(
      URI apiBase,
      Duration connectTimeout,
      Duration callTimeout,
      int maxConcurrentCalls,
      JsonMapper mapper,
      Classifier classifier) {
    this.permits = new Semaphore(maxConcurrentCalls, true);
    this.base = HttpUrl.get(apiBase.toString());
    this.mapper = mapper;
    this.classifier = classifier;
    Dispatcher dispatcher = new Dispatcher();
    this.http =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(maxConcurrentCalls, 30, TimeUnit.SECONDS))
            .connectTimeout(connectTimeout)
            .readTimeout(callTimeout)
            .writeTimeout(callTimeout)
            // No callTimeout: the connect, read and write timeouts bound a hung call.
            .retryOnConnectionFailure(false)
            // Nor does OkHttp send a request again on its own: not to a redirect's location (307
            // and 308 repeat a POST), not after a 503 that asks for it (Retry-After: 0). Either
            // would be a second message that the worker never sees.
            .followRedirects(false)
            .followSslRedirects(false)
            .addNetworkInterceptor(WeChatApi::withoutRetryAfter)
            .eventListenerFactory(call -> new SentListener(call.request().tag(Sent.class)))
            .build();
  }

  @Override
  public CallOutcome call(Request request, LoadedFiles files, String accessToken)
      throws InterruptedException {
    permits.acquire();
    try {
      return exchange(request, files, accessToken);
    } finally {
      permits.release();
    }
  }

  private CallOutcome exchange(Request request, LoadedFiles files, String accessToken) {
    HttpUrl.Builder url =
        base.newBuilder()
            .addPathSegments("cgi-bin/" + request.api())
            .addQueryParameter("access_token", accessToken);
    okhttp3.Request.Builder call = new okhttp3.Request.Builder();
    switch (request) {
      case Json json -> call.post(RequestBody.create(mapper.writeValueAsBytes(json.body()), JSON));
      case Upload upload -> call.post(multipart(upload, files, url));
      case Query query -> query.params().forEach(url::addQueryParameter);
    }
    Sent sent = new Sent();
    okhttp3.Request http = call.url(url.build()).tag(Sent.class, sent).build();
    try (Response response = this.http.newCall(http).execute()) {
      return classifier.answer(response.code(), json(response.body()));
    } catch (IOException e) {
      return classifier.failure(e, sent.value.get());
    }
  }

  /**
   * The answer without its {@code Retry-After}: OkHttp repeats a request at once when its 503 says
   * 0, whatever the client's settings. The worker decides about retries (a 503 is retryable).
   */
  private static Response withoutRetryAfter(Interceptor.Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    return response.header("Retry-After") == null
        ? response
        : response.newBuilder().removeHeader("Retry-After").build();
  }

  /**
   * An upload: its file as the {@code media} form part, its description (when not empty) as the
   * {@code description} part, and its type on {@code url}.
   */
  private RequestBody multipart(Upload upload, LoadedFiles files, HttpUrl.Builder url) {
    upload.type().ifPresent(type -> url.addQueryParameter("type", type));
    MultipartBody.Builder form =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart(
                "media",
                upload.file().filename(),
                RequestBody.create(
                    files.bytes(upload.file()), MediaType.get(files.contentType(upload.file()))));
    if (!upload.description().isEmpty()) {
      form.addFormDataPart("description", mapper.writeValueAsString(upload.description()));
    }
    return form.build();
  }

  /** WeChat's JSON object, or null when the body is not one. */
  private @Nullable Map<String, Object> json(ResponseBody body) throws IOException {
    byte[] bytes = body.bytes();
    try {
      return mapper.readValue(bytes, MAP);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static final class SentListener extends EventListener {
    private final @Nullable Sent sent;

    SentListener(@Nullable Sent sent) {
      this.sent = sent;
    }

    /**
     * The request starts going out on a connection that is open: whatever fails from here may have
     * reached WeChat (OkHttp signals the end of a write only after its flush returned).
     */
    @Override
    public void requestHeadersStart(Call call) {
      if (sent != null) {
        sent.value.set(true);
      }
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
