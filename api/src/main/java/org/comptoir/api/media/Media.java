package org.comptoir.api.media;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An attached picture or document, with the files served of it.
 *
 * @param onNetwork whether what shows it is public on the whole network (a live NETWORK listing, an ACTIVE
 * company, the chamber): then its URLs are plain and immutable, otherwise signed
 */
record Media(UUID tenantId, UUID mediaId, Role role, @Nullable UUID listingId, @Nullable UUID memberId, int position,
		Map<String, String> alt, @Nullable String title, String contentType, long byteSize, @Nullable Integer width,
		@Nullable Integer height, @Nullable Integer pages, boolean onNetwork, List<File> files) {

	static final String IMAGE = "Image";

	static final String DOCUMENT = "Document";

	enum Role {
		LISTING_IMAGE, LISTING_DOCUMENT, MEMBER_LOGO, MEMBER_GALLERY, CHAMBER_LOGO, CHAMBER_FAVICON;

		boolean image() {
			return this != LISTING_DOCUMENT;
		}
	}

	/** @param variant THUMBNAIL, CARD, FULL, or DOCUMENT; @param format JPEG, WEBP or PDF */
	record File(String variant, String format, @Nullable Integer width, @Nullable Integer height, long byteSize, String address) {

		String contentType() {
			return format.equals("PDF") ? MediaProcessing.FileType.PDF.contentType : MediaProcessing.ImageFormat.valueOf(format).contentType;
		}

		String extension() {
			return format.equals("PDF") ? "pdf" : MediaProcessing.ImageFormat.valueOf(format).extension;
		}
	}

	/** A file on its way (GraphQL {@code Upload}). */
	record Upload(UUID tenantId, UUID uploadId, UUID userId, MediaKind kind, String contentType, @Nullable String fileName,
			long byteSize, String sha256, long received, OffsetDateTime expiresAt) {

		boolean complete() {
			return received == byteSize;
		}
	}

	enum MediaKind {
		IMAGE, DOCUMENT
	}

	/** What a tier may attach in a chamber (GraphQL {@code MediaQuota}). */
	record Quota(String tier, int imagesPerListing, int documentsPerListing, int galleryImages, long maxFileSize) {
	}

}
