package org.comptoir.api.media;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Pictures attached from bytes at hand rather than an upload, through the same processing (variants,
 * metadata gone) and storage: what the local run's demo data loads, and what a chamber's import will.
 */
@Component
public class MediaImport {

	/** A chamber's image for its portal. */
	public enum ChamberImage {
		LOGO, FAVICON
	}

	private final MediaService media;

	MediaImport(MediaService media) {
		this.media = media;
	}

	/** A photo after the listing's others; {@code alt} by locale. */
	public Mono<Void> listingImage(UUID tenantId, UUID listingId, byte[] bytes, Map<String, String> alt) {
		return media.importListingImage(tenantId, listingId, bytes, alt);
	}

	public Mono<Void> memberLogo(UUID tenantId, UUID memberId, byte[] bytes) {
		return media.importMemberLogo(tenantId, memberId, bytes);
	}

	public Mono<Void> chamberImage(UUID tenantId, ChamberImage image, byte[] bytes) {
		return media.importChamberImage(tenantId, image, bytes);
	}

	/** Whether the chamber has a logo or favicon already. */
	public Mono<Boolean> hasChamberImages(UUID tenantId) {
		return media.hasChamberImages(tenantId);
	}

}
