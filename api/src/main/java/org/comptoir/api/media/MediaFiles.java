package org.comptoir.api.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The bytes of media: an upload's pieces received at their offset and checked against their SHA-256,
 * an upload spooled to a temporary file and processed there ({@link MediaProcessing}) on a scheduler of
 * {@link MediaProperties#processors()} threads (so that ten photos at once wait their turn instead of
 * filling the heap), the files made stored by content address, and read back.
 */
@Component
class MediaFiles {

	/** Refuses an upload request with the tus status that says why. */
	static final class UploadRefused extends RuntimeException {

		private final HttpStatusCode status;

		UploadRefused(HttpStatusCode status, String message) {
			super(message, null, false, false);
			this.status = status;
		}

		HttpStatusCode status() {
			return status;
		}
	}

	private static final Logger log = LoggerFactory.getLogger(MediaFiles.class);

	/** tus's "Checksum Mismatch". */
	static final int CHECKSUM_MISMATCH = 460;

	/**
	 * What processing made of an upload: the files stored, or why the upload is refused.
	 */
	record Processed(@Nullable String contentType, @Nullable Integer width, @Nullable Integer height, @Nullable Integer pages,
			List<Media.File> files, @Nullable UserError refused) {

		static Processed refused(MediaRefused refused) {
			return new Processed(null, null, null, null, List.of(), UserError.of(refused.code(), refused.getMessage(), "input", "uploadId"));
		}
	}

	private final MediaRepository media;

	private final BlobStore store;

	private final TenantRegistry registry;

	private final MediaProcessing processing;

	private final Scheduler processors;

	MediaFiles(MediaRepository media, BlobStore store, TenantRegistry registry, MediaProperties properties) {
		this.media = media;
		this.registry = registry;
		this.store = store;
		this.processing = new MediaProcessing(properties.maxPixels());
		this.processors = Schedulers.newBoundedElastic(Math.max(1, properties.processors()), 10_000, "media-processing");
	}

	@PreDestroy
	void stop() {
		processors.dispose();
	}

	// uploads

	/**
	 * A PATCH's bytes appended at {@code offset}, piece by piece, each piece committed with the upload's
	 * count so that a cut connection keeps what arrived; the last byte checks the whole file's SHA-256
	 * (a mismatch starts the upload again). The upload's count after it.
	 */
	Mono<Long> receive(Media.Upload upload, long offset, Flux<ByteBuffer> body) {
		if (offset != upload.received()) {
			return Mono.error(new UploadRefused(HttpStatus.CONFLICT, "Upload-Offset is " + offset + " but " + upload.received()
					+ " bytes are there: send from " + upload.received() + "."));
		}
		AtomicLong at = new AtomicLong(offset);
		return Pieces.of(within(body, upload.byteSize() - offset), Pieces.SIZE)
			.concatMap(piece -> {
				long start = at.getAndAdd(piece.remaining());
				return media.appendChunk(upload.tenantId(), upload.uploadId(), start, piece)
					.switchIfEmpty(Mono.error(() -> new UploadRefused(HttpStatus.CONFLICT, "Another request sent bytes at " + start
							+ " meanwhile, or the upload expired: HEAD tells where it stands.")));
			}, 0)
			.then(Mono.fromSupplier(at::get))
			.flatMap(received -> received < upload.byteSize() ? Mono.just(received) : verify(upload).thenReturn(received));
	}

	/** The body, refused past what the upload still takes. */
	private static Flux<ByteBuffer> within(Flux<ByteBuffer> body, long room) {
		AtomicLong left = new AtomicLong(room);
		return body.handle((ByteBuffer buffer, SynchronousSink<ByteBuffer> sink) -> {
			if (left.addAndGet(-buffer.remaining()) < 0) {
				sink.error(new UploadRefused(HttpStatus.PAYLOAD_TOO_LARGE, "More bytes than the " + room + " the upload still takes."));
				return;
			}
			sink.next(buffer);
		});
	}

	private Mono<Void> verify(Media.Upload upload) {
		return media.uploadBytes(upload.tenantId(), upload.uploadId())
			.reduce(sha256(), (digest, piece) -> {
				digest.update(piece);
				return digest;
			})
			.flatMap(digest -> HexFormat.of().formatHex(digest.digest()).equals(upload.sha256()) ? Mono.empty()
					: media.resetUpload(upload.tenantId(), upload.uploadId()).then(Mono.error(new UploadRefused(
							HttpStatusCode.valueOf(CHECKSUM_MISMATCH),
							"The bytes received do not have the SHA-256 declared: the upload starts again from 0."))));
	}

	// processing

	/** The upload's bytes in a temporary file, processed there, its files stored; the file removed after. */
	Mono<Processed> process(Media.Upload upload, boolean image) {
		return Mono.usingWhen(Mono.fromCallable(() -> Files.createTempFile("comptoir-upload-", ".part")).subscribeOn(Schedulers.boundedElastic()),
				file -> DataBufferUtils.write(media.uploadBytes(upload.tenantId(), upload.uploadId())
							.map(DefaultDataBufferFactory.sharedInstance::wrap), file)
					.then(Mono.fromCallable(() -> examine(file, image)).subscribeOn(processors))
					.flatMap(examined -> examined.refused() != null ? Mono.just(Processed.refused(examined.refused()))
							: store(upload, file, examined)),
				file -> Mono.fromCallable(() -> Files.deleteIfExists(file)).subscribeOn(Schedulers.boundedElastic()).then());
	}

	/** What the bytes are and what was made of them, or why they are refused. */
	private record Examined(MediaProcessing.@Nullable FileType type, MediaProcessing.@Nullable ProcessedImage image,
			MediaProcessing.@Nullable CheckedDocument document, @Nullable MediaRefused refused) {
	}

	private Examined examine(Path file, boolean image) {
		try {
			MediaProcessing.FileType type = MediaProcessing.detect(file);
			if (type.image() != image) {
				throw new MediaRefused("UNSUPPORTED_FILE_TYPE", image ? "The file is a PDF, not an image (JPEG, PNG or WebP)."
						: "The file is an image (" + type + "), not a PDF.");
			}
			return image ? new Examined(type, processing.image(file), null, null) : new Examined(type, null, processing.document(file), null);
		}
		catch (MediaRefused refused) {
			return new Examined(null, null, null, refused);
		}
	}

	private Mono<Processed> store(Media.Upload upload, Path file, Examined examined) {
		MediaProcessing.ProcessedImage picture = examined.image();
		if (picture != null) {
			List<Media.File> files = new ArrayList<>();
			return Flux.fromIterable(picture.variants())
				.concatMap(variant -> {
					String address = sha256Hex(variant.bytes());
					files.add(new Media.File(variant.name().name(), variant.format().name(), variant.width(), variant.height(),
							variant.bytes().length, address));
					return store.put(upload.tenantId(), address, variant.bytes().length, Flux.just(ByteBuffer.wrap(variant.bytes())));
				})
				.then(Mono.fromSupplier(() -> new Processed(examined.type().contentType, picture.width(),
						picture.height(), null, List.copyOf(files), null)));
		}
		MediaProcessing.CheckedDocument document = examined.document();
		return store.put(upload.tenantId(), upload.sha256(), upload.byteSize(), read(file))
			.thenReturn(new Processed("application/pdf", null, null, document.pages(),
					List.of(new Media.File("DOCUMENT", "PDF", null, null, upload.byteSize(), upload.sha256())), null));
	}

	/** A file's bytes, 64 KiB at a time. */
	private static Flux<ByteBuffer> read(Path file) {
		return Flux.using(() -> FileChannel.open(file, StandardOpenOption.READ), channel -> Flux.<ByteBuffer>generate(sink -> {
			try {
				ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
				if (channel.read(buffer) < 0) {
					sink.complete();
				}
				else {
					sink.next(buffer.flip());
				}
			}
			catch (IOException ex) {
				sink.error(ex);
			}
		}), channel -> {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// a read-only channel: nothing is lost
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	// stored files

	/** A stored file and the media it belongs to. */
	record Served(Media media, Media.File file) {
	}

	/** The file of the chamber at that address with that extension, if there is one. */
	Mono<Served> served(String slug, String address, String extension) {
		return registry.bySlug(slug)
			.flatMap(tenant -> media.byAddress(tenant.tenantId(), address))
			.flatMap(found -> Mono.justOrEmpty(found.files().stream()
				.filter(f -> f.address().equals(address) && f.extension().equals(extension))
				.findFirst()
				.map(file -> new Served(found, file))));
	}

	Flux<ByteBuffer> bytes(UUID tenantId, String address, long offset, long length) {
		return store.get(tenantId, address, offset, length);
	}

	/** Of these addresses, the bytes that no file of the chamber uses any more, removed. */
	Mono<Void> forget(UUID tenantId, List<String> addresses) {
		return media.unused(tenantId, addresses)
			.flatMapMany(Flux::fromIterable)
			.concatMap(address -> store.delete(tenantId, address))
			.then();
	}

	static String sha256Hex(byte[] bytes) {
		return HexFormat.of().formatHex(sha256().digest(bytes));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** Uploads never attached go, their bytes with them. */
	@Scheduled(fixedDelayString = "${comptoir.media.cleanup-interval:10m}", initialDelayString = "${comptoir.media.cleanup-interval:10m}")
	void removeAbandonedUploads() {
		Flux.fromIterable(registry.all())
			.map(Tenant::tenantId)
			.concatMap(media::deleteExpiredUploads)
			.reduce(0L, Long::sum)
			.doOnNext(count -> {
				if (count > 0) {
					log.info("Removed {} abandoned uploads", count);
				}
			})
			.onErrorResume(ex -> {
				log.warn("Removing abandoned uploads failed, the next run retries: {}", ex.toString());
				return Mono.empty();
			})
			.subscribe();
	}

}
