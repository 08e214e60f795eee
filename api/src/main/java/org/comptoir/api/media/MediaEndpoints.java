package org.comptoir.api.media;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.graphql.ErrorCode;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The two HTTP faces of media besides GraphQL: uploads (the tus 1.0 core protocol on the URL requestUpload
 * gave: HEAD tells the offset, PATCH appends from it) and files served by content address (GET, HEAD,
 * ranges, conditional requests). Thin: the rules are {@link MediaService}'s, the bytes {@link MediaFiles}'.
 */
@Configuration(proxyBeanMethods = false)
class MediaEndpoints {

	private static final Pattern FILE = Pattern.compile("([0-9a-f]{64})\\.(jpg|webp|pdf)");

	private static final String TUS_VERSION = "1.0.0";

	private static final MediaType OFFSET_OCTET_STREAM = MediaType.parseMediaType("application/offset+octet-stream");

	private final MediaService service;

	private final MediaFiles files;

	private final MediaUrls urls;

	MediaEndpoints(MediaService service, MediaFiles files, MediaUrls urls) {
		this.service = service;
		this.files = files;
		this.urls = urls;
	}

	@Bean
	RouterFunction<ServerResponse> mediaRoutes() {
		return RouterFunctions.route()
			.GET("/media/{slug}/{file}", this::serve)
			.route(RequestPredicates.method(HttpMethod.HEAD).and(RequestPredicates.path("/media/{slug}/{file}")), this::serve)
			.route(RequestPredicates.method(HttpMethod.HEAD).and(RequestPredicates.path("/uploads/{slug}/{id}")), this::offset)
			.PATCH("/uploads/{slug}/{id}", this::receive)
			.OPTIONS("/uploads/{slug}/{id}", request -> ServerResponse.noContent()
				.header("Tus-Resumable", TUS_VERSION).header("Tus-Version", TUS_VERSION).build())
			.build();
	}

	/** Browser portals on another origin send uploads from script: the GraphQL endpoint's allowed origins, with tus's headers. */
	@Bean
	CorsWebFilter mediaCors(GraphQlCorsProperties graphQl) {
		CorsConfiguration uploads = graphQl.toCorsConfiguration();
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (uploads != null) {
			uploads.setAllowedMethods(List.of("HEAD", "PATCH", "OPTIONS"));
			uploads.setAllowedHeaders(List.of("Content-Type", "Upload-Offset", "Tus-Resumable"));
			uploads.setExposedHeaders(List.of("Upload-Offset", "Upload-Length", "Tus-Resumable"));
			source.registerCorsConfiguration("/uploads/**", uploads);
		}
		return new CorsWebFilter(source);
	}

	// uploads

	private Mono<ServerResponse> offset(ServerRequest request) {
		return upload(request).flatMap(upload -> ServerResponse.ok()
				.header("Upload-Offset", Long.toString(upload.received()))
				.header("Upload-Length", Long.toString(upload.byteSize()))
				.header("Tus-Resumable", TUS_VERSION)
				.cacheControl(CacheControl.noStore())
				.build())
			.switchIfEmpty(Mono.defer(() -> refused(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "No such upload: it expired or was attached.")));
	}

	private Mono<ServerResponse> receive(ServerRequest request) {
		if (!request.headers().contentType().map(OFFSET_OCTET_STREAM::equalsTypeAndSubtype).orElse(false)) {
			return refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.BAD_USER_INPUT,
					"An upload's bytes are sent with Content-Type: application/offset+octet-stream.");
		}
		String offset = request.headers().firstHeader("Upload-Offset");
		if (offset == null || !offset.matches("[0-9]{1,15}")) {
			return refused(HttpStatus.BAD_REQUEST, ErrorCode.BAD_USER_INPUT, "Upload-Offset is the number of bytes already sent (HEAD tells it).");
		}
		// a dropped connection ends the body: what arrived is kept, and HEAD tells the client where to go on
		Flux<ByteBuffer> body = request.bodyToFlux(DataBuffer.class).map(MediaEndpoints::copy).onErrorComplete();
		return upload(request)
			// the bytes are written on their own: a dropped connection cancels the response, not the writing of
			// what arrived before the drop
			.flatMap(upload -> Mono.fromFuture(files.receive(upload, Long.parseLong(offset), body).toFuture(), true)
				.flatMap(received -> ServerResponse.noContent()
					.header("Upload-Offset", Long.toString(received))
					.header("Tus-Resumable", TUS_VERSION)
					.build()))
			.onErrorResume(MediaFiles.UploadRefused.class, refused -> refused(refused.status(), ErrorCode.BAD_USER_INPUT, refused.getMessage()))
			.switchIfEmpty(Mono.defer(() -> refused(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "No such upload: it expired or was attached.")));
	}

	private Mono<Media.Upload> upload(ServerRequest request) {
		return uuid(request.pathVariable("id"))
			.map(id -> service.upload(request.pathVariable("slug"), id))
			.orElse(Mono.empty());
	}

	private static ByteBuffer copy(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return ByteBuffer.wrap(bytes);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	// files

	/**
	 * A file by its chamber and content address: to anyone when what shows it is public on the network
	 * (cached a year, immutable), else only with a valid signature (cached privately until it expires).
	 * Anything else is a 404, whether or not the file exists.
	 */
	private Mono<ServerResponse> serve(ServerRequest request) {
		String slug = request.pathVariable("slug");
		Matcher name = FILE.matcher(request.pathVariable("file"));
		if (!name.matches()) {
			return notFound();
		}
		String address = name.group(1);
		String path = MediaUrls.path(slug, address, name.group(2));
		Optional<String> expires = request.queryParam("expires");
		return files.served(slug, address, name.group(2))
			.filter(served -> served.media().onNetwork()
					|| urls.valid(path, expires.orElse(null), request.queryParam("signature").orElse(null)))
			.flatMap(served -> write(request, served, served.media().onNetwork() ? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable()
					: CacheControl.maxAge(Duration.ofSeconds(Math.max(0, Long.parseLong(expires.orElseThrow()) - Instant.now().getEpochSecond())))
						.cachePrivate()))
			.switchIfEmpty(Mono.defer(MediaEndpoints::notFound));
	}

	private Mono<ServerResponse> write(ServerRequest request, MediaFiles.Served served, CacheControl cache) {
		Media.File file = served.file();
		String etag = "\"" + file.address() + "\"";
		ServerResponse.BodyBuilder ok = ServerResponse.ok();
		HttpHeaders headers = new HttpHeaders();
		headers.setETag(etag);
		headers.setCacheControl(cache);
		headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
		// portals on other origins show the pictures
		headers.set("Cross-Origin-Resource-Policy", "cross-origin");
		if (file.format().equals("PDF")) {
			headers.setContentDisposition(ContentDisposition.attachment()
				.filename(served.media().title().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_") + ".pdf", java.nio.charset.StandardCharsets.UTF_8)
				.build());
		}
		if (request.headers().header(HttpHeaders.IF_NONE_MATCH).stream().anyMatch(v -> v.contains(etag) || v.trim().equals("*"))) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED).headers(h -> h.addAll(headers)).build();
		}
		MediaType type = MediaType.parseMediaType(file.contentType());
		long length = file.byteSize();
		List<HttpRange> ranges = ranges(request);
		if (ranges == null) {
			return ServerResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
				.header(HttpHeaders.CONTENT_RANGE, "bytes */" + length).build();
		}
		long start = 0;
		long count = length;
		HttpStatusCode status = HttpStatus.OK;
		if (ranges.size() == 1) {
			HttpRange range = ranges.get(0);
			start = range.getRangeStart(length);
			long end = range.getRangeEnd(length);
			if (start >= length) {
				return ServerResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
					.header(HttpHeaders.CONTENT_RANGE, "bytes */" + length).build();
			}
			count = end - start + 1;
			status = HttpStatus.PARTIAL_CONTENT;
			headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + length);
		}
		Flux<DataBuffer> body = files.bytes(served.media().tenantId(), file.address(), start, count)
			.map(DefaultDataBufferFactory.sharedInstance::wrap);
		return ServerResponse.status(status).headers(h -> h.addAll(headers)).contentType(type).contentLength(count)
			.body(BodyInserters.fromDataBuffers(body));
	}

	/** The one range asked for, none (the whole file; several ranges are answered whole too), or null when malformed. */
	private static List<HttpRange> ranges(ServerRequest request) {
		String header = request.headers().firstHeader(HttpHeaders.RANGE);
		if (header == null) {
			return List.of();
		}
		try {
			List<HttpRange> ranges = HttpRange.parseRanges(header);
			return ranges.size() == 1 ? ranges : List.of();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Mono<ServerResponse> notFound() {
		return refused(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "No such file.");
	}

	private static Mono<ServerResponse> refused(HttpStatusCode status, ErrorCode code, String message) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
			.header("Tus-Resumable", TUS_VERSION)
			.bodyValue(ApiErrors.body(code, message));
	}

	private static Optional<UUID> uuid(String value) {
		try {
			return Optional.of(UUID.fromString(value));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
