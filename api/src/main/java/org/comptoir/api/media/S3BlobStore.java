package org.comptoir.api.media;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.reactivestreams.Subscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bytes in an S3-compatible object store, one object per file keyed {@code <tenantId>/<address>}, in
 * one bucket. Uploads stream with their length known up front, downloads are ranged GETs streamed back;
 * neither holds a file in memory.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

	private final S3AsyncClient client;

	private final String bucket;

	S3BlobStore(S3AsyncClient client, String bucket) {
		this.client = client;
		this.bucket = bucket;
	}

	/** A store with its own client (Netty, asynchronous) built from the settings; {@link #close()} ends it. */
	static S3BlobStore create(MediaProperties.S3 settings) {
		S3AsyncClientBuilder builder = S3AsyncClient.builder()
			.region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyle());
		// without keys, the SDK's default chain (environment, profile, container, instance), owned by the client
		if (settings.accessKey() != null && settings.secretKey() != null) {
			builder.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
		}
		if (settings.endpoint() != null) {
			// S3-compatible servers often reject the CRC32 trailers the SDK sends to AWS by default
			builder.endpointOverride(settings.endpoint())
				.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		}
		return new S3BlobStore(builder.build(), settings.bucket());
	}

	/** Creates the bucket when it is not there (a fresh local S3-compatible server); one already there is left as is. */
	Mono<Void> ensureBucket() {
		return call("HEAD bucket", "", () -> client.headBucket(head -> head.bucket(bucket))).then()
			.onErrorResume(S3BlobStore::notFound, missing -> createBucket());
	}

	private Mono<Void> createBucket() {
		String region = client.serviceClientConfiguration().region().id();
		return call("CREATE bucket", "", () -> client.createBucket(create -> {
			create.bucket(bucket);
			// outside us-east-1, S3 wants the bucket's region said again
			if (!Region.US_EAST_1.id().equals(region)) {
				create.createBucketConfiguration(location -> location.locationConstraint(BucketLocationConstraint.fromValue(region)));
			}
		})).then().onErrorResume(S3BlobStore::alreadyOwned, raced -> Mono.empty());
	}

	/** The content is not even subscribed to when the address is already there: the same address is the same bytes. */
	@Override
	public Mono<Void> put(UUID tenantId, String address, long length, Flux<ByteBuffer> content) {
		String key = key(tenantId, address);
		return call("HEAD", key, () -> client.headObject(head -> head.bucket(bucket).key(key))).map(head -> true)
			.onErrorResume(S3BlobStore::notFound, missing -> Mono.just(false))
			.flatMap(present -> present ? Mono.empty()
					: call("PUT", key, () -> client.putObject(put -> put.bucket(bucket).key(key).contentLength(length),
							new SizedBody(length, content))))
			.then();
	}

	@Override
	public Flux<ByteBuffer> get(UUID tenantId, String address, long offset, long length) {
		if (length == 0) {
			return Flux.empty();
		}
		String key = key(tenantId, address);
		String range = "bytes=" + offset + "-" + (offset + length - 1);
		return call("GET", key,
				() -> client.getObject(get -> get.bucket(bucket).key(key).range(range), AsyncResponseTransformer.toPublisher()))
			.flatMapMany(Flux::from)
			.onErrorMap(error -> !(error instanceof BlobStoreFailure), error -> failure("GET", key, error));
	}

	@Override
	public Mono<Void> delete(UUID tenantId, String address) {
		String key = key(tenantId, address);
		return call("DELETE", key, () -> client.deleteObject(delete -> delete.bucket(bucket).key(key))).then();
	}

	@Override
	public void close() {
		client.close();
	}

	private static String key(UUID tenantId, String address) {
		return tenantId + "/" + address;
	}

	/** The request, sent on subscription, its SDK errors turned into a {@link BlobStoreFailure} (the 404 kept reachable). */
	private <T> Mono<T> call(String operation, String key, Supplier<CompletableFuture<T>> request) {
		return Mono.fromFuture(request).onErrorMap(error -> failure(operation, key, error));
	}

	private BlobStoreFailure failure(String operation, String key, Throwable error) {
		String object = "s3://" + bucket + "/" + key;
		if (error instanceof S3Exception s3) {
			String code = s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() : null;
			return new BlobStoreFailure(s3.statusCode(), operation + " " + object + " failed: HTTP " + s3.statusCode()
					+ (code != null ? " " + code : ""), error);
		}
		String reason = error instanceof SdkException ? error.getMessage() : error.getClass().getSimpleName();
		return new BlobStoreFailure(0, operation + " " + object + " failed: " + reason, error);
	}

	private static boolean notFound(Throwable error) {
		return error instanceof BlobStoreFailure failure && failure.status() == 404;
	}

	/** Another instance, starting at the same time, created the bucket first. */
	private static boolean alreadyOwned(Throwable error) {
		return error.getCause() instanceof BucketAlreadyOwnedByYouException;
	}

	/**
	 * An object store request that failed, its message naming the request, the object and the HTTP status
	 * (404 for a missing object or bucket); the SDK's exception is the cause.
	 */
	static final class BlobStoreFailure extends RuntimeException {

		private final int status;

		BlobStoreFailure(int status, String message, Throwable cause) {
			super(message, cause);
			this.status = status;
		}

		/** The HTTP status of the server's answer; 0 when there was none (the server not reached). */
		int status() {
			return status;
		}

	}

	/** The upload's bytes with their length told to the SDK, so it streams them rather than buffering to count. */
	private record SizedBody(long length, Flux<ByteBuffer> content) implements AsyncRequestBody {

		@Override
		public Optional<Long> contentLength() {
			return Optional.of(length);
		}

		@Override
		public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
			content.subscribe(subscriber);
		}

	}

}
