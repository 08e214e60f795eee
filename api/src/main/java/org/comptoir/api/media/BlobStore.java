package org.comptoir.api.media;

import java.nio.ByteBuffer;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the bytes of served files live, by content address (the SHA-256 of the bytes, in hex) within a
 * chamber: PostgreSQL by default ({@code DatabaseBlobStore}), an S3-compatible object store by
 * configuration ({@code S3BlobStore}). Bytes are streamed both ways, never held whole.
 */
interface BlobStore {

	/** Stores {@code length} bytes under the address; storing an address that is already there changes nothing. */
	Mono<Void> put(UUID tenantId, String address, long length, Flux<ByteBuffer> content);

	/** The bytes from {@code offset}, {@code length} of them (a range request's, or the whole file). */
	Flux<ByteBuffer> get(UUID tenantId, String address, long offset, long length);

	/** Removes the address; removing one that is not there is not an error. */
	Mono<Void> delete(UUID tenantId, String address);

}
