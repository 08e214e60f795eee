package org.comptoir.api.media;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.comptoir.api.database.TenantTransactions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Files in PostgreSQL (the default: nothing else to run), in pieces of {@link Pieces#SIZE}, written one
 * piece per statement and read a few at a time, so a large file is never held whole.
 */
final class DatabaseBlobStore implements BlobStore {

	private final TenantTransactions transactions;

	DatabaseBlobStore(TenantTransactions transactions) {
		this.transactions = transactions;
	}

	@Override
	public Mono<Void> put(UUID tenantId, String address, long length, Flux<ByteBuffer> content) {
		AtomicInteger seq = new AtomicInteger();
		return exists(tenantId, address).flatMap(there -> there ? Mono.<Void>empty()
				: Pieces.of(content, Pieces.SIZE)
					.concatMap(piece -> transactions.mono(tenantId, db -> db.sql("""
							INSERT INTO media_blob (tenant_id, address, seq, bytes) VALUES (:tenant, :address, :seq, :bytes)
							ON CONFLICT DO NOTHING""")
						.bind("tenant", tenantId).bind("address", address).bind("seq", seq.getAndIncrement()).bind("bytes", piece)
						.then()), 0)
					.then());
	}

	private Mono<Boolean> exists(UUID tenantId, String address) {
		return transactions.read(tenantId, db -> db.sql("SELECT 1 FROM media_blob WHERE tenant_id = :tenant AND address = :address AND seq = 0")
			.bind("tenant", tenantId).bind("address", address)
			.fetch().first().hasElement());
	}

	@Override
	public Flux<ByteBuffer> get(UUID tenantId, String address, long offset, long length) {
		if (length <= 0) {
			return Flux.empty();
		}
		long end = offset + length; // exclusive
		int first = (int) (offset / Pieces.SIZE);
		int last = (int) ((end - 1) / Pieces.SIZE);
		return Flux.range(first, last - first + 1)
			.buffer(MediaRepository.PIECES_PER_READ)
			.concatMap(seqs -> transactions.readMany(tenantId, db -> db.sql("""
					SELECT seq, bytes FROM media_blob WHERE tenant_id = :tenant AND address = :address AND seq = ANY(:seqs) ORDER BY seq""")
				.bind("tenant", tenantId).bind("address", address).bind("seqs", seqs.toArray(Integer[]::new))
				.map(row -> slice(row.get("bytes", ByteBuffer.class), (long) row.get("seq", Integer.class) * Pieces.SIZE, offset, end))
				.all()), 0);
	}

	/** The part of a piece starting at {@code pieceStart} that falls in [offset, end). */
	private static ByteBuffer slice(ByteBuffer piece, long pieceStart, long offset, long end) {
		int from = (int) Math.max(0, offset - pieceStart);
		int to = (int) Math.min(piece.remaining(), end - pieceStart);
		return piece.slice(piece.position() + from, to - from);
	}

	@Override
	public Mono<Void> delete(UUID tenantId, String address) {
		return transactions.mono(tenantId, db -> db.sql("DELETE FROM media_blob WHERE tenant_id = :tenant AND address = :address")
			.bind("tenant", tenantId).bind("address", address).then());
	}

}
