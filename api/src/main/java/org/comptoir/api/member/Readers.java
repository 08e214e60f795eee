package org.comptoir.api.member;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who each signed-in user reads for ({@link Reader}: their company, whether it is ACTIVE), kept a few
 * seconds ({@code comptoir.members.reader-ttl}, 5 s) instead of looked up by one more statement on every
 * request. A company's status, a new company or a new colleague in a chamber ends that chamber's readers
 * on this instance at once (after the change committed); another instance sees it within the TTL: for that
 * long, the users of a company suspended elsewhere may still read its chamber's MEMBERS listings, never
 * more than they could the moment before the suspension. A lookup that began before the change is not
 * kept (the generation it started from is gone).
 */
@Component
class Readers {

	record Key(UUID tenantId, UUID userId, boolean admin) {
	}

	private final Cache<Key, Reader> readers;

	private final AtomicLong generation = new AtomicLong();

	Readers(@Value("${comptoir.members.reader-ttl:5s}") Duration ttl) {
		this.readers = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
	}

	Mono<Reader> get(Key key, Supplier<Mono<Reader>> lookup) {
		Reader known = readers.getIfPresent(key);
		if (known != null) {
			return Mono.just(known);
		}
		long started = generation.get();
		return lookup.get().doOnNext(reader -> {
			if (generation.get() == started) {
				readers.put(key, reader);
			}
		});
	}

	/** The chamber's companies or their users changed: its readers are looked up again. */
	void forget(UUID tenantId) {
		generation.incrementAndGet();
		readers.asMap().keySet().removeIf(key -> key.tenantId().equals(tenantId));
	}

}
