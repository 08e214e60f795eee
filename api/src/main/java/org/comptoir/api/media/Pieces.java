package org.comptoir.api.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Bytes as they come (network buffers of any size) regrouped in pieces of one size, the last one shorter. */
final class Pieces {

	/** What one row holds, in uploads and in the database blob store. */
	static final int SIZE = 256 * 1024;

	private Pieces() {
	}

	/** The pieces of the bytes. */
	static Flux<ByteBuffer> of(Flux<ByteBuffer> bytes, int size) {
		return Flux.defer(() -> {
			ByteBuffer[] current = { ByteBuffer.allocate(size) };
			Mono<ByteBuffer> rest = Mono.fromSupplier(() -> current[0].position() == 0 ? null : current[0].flip());
			return bytes.concatMapIterable(buffer -> fill(current, buffer, size)).concatWith(rest);
		});
	}

	private static List<ByteBuffer> fill(ByteBuffer[] current, ByteBuffer buffer, int size) {
		List<ByteBuffer> full = new ArrayList<>(1);
		while (buffer.hasRemaining()) {
			int n = Math.min(buffer.remaining(), current[0].remaining());
			current[0].put(buffer.slice(buffer.position(), n));
			buffer.position(buffer.position() + n);
			if (!current[0].hasRemaining()) {
				full.add(current[0].flip());
				current[0] = ByteBuffer.allocate(size);
			}
		}
		return full;
	}

}
