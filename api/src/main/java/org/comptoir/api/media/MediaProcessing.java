package org.comptoir.api.media;

import java.nio.file.Path;
import java.util.List;

/**
 * What an uploaded file is, read from its bytes, and what is served of it. Images are decoded within
 * {@link MediaProperties#maxPixels()}, turned upright by their EXIF orientation, and written again as
 * variants with no metadata at all (EXIF, GPS, XMP, ICC comments gone); the original is never served.
 * A PDF is checked to be one. Blocking (called on a bounded scheduler of its own).
 */
final class MediaProcessing {

	/** A type a file may have, told by its first bytes, never by its name or declared type. */
	enum FileType {
		JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp"), PDF("application/pdf");

		final String contentType;

		FileType(String contentType) {
			this.contentType = contentType;
		}

		boolean image() {
			return this != PDF;
		}
	}

	/** The sizes served, each bounding the longer side (never enlarged). */
	enum VariantName {
		THUMBNAIL(160), CARD(480), FULL(1280);

		final int bound;

		VariantName(int bound) {
			this.bound = bound;
		}
	}

	enum ImageFormat {
		JPEG("image/jpeg", "jpg"), WEBP("image/webp", "webp");

		final String contentType;

		final String extension;

		ImageFormat(String contentType, String extension) {
			this.contentType = contentType;
			this.extension = extension;
		}
	}

	/** @param width the upright image's, before any variant */
	record ProcessedImage(int width, int height, List<Variant> variants) {
	}

	record Variant(VariantName name, ImageFormat format, int width, int height, byte[] bytes) {
	}

	record CheckedDocument(int pages) {
	}

	private final long maxPixels;

	MediaProcessing(long maxPixels) {
		this.maxPixels = maxPixels;
	}

	/** The file's type from its first bytes. */
	static FileType detect(Path file) throws MediaRefused {
		throw new UnsupportedOperationException("to be written");
	}

	/** Every {@link VariantName} in every {@link ImageFormat}. */
	ProcessedImage image(Path file) throws MediaRefused {
		throw new UnsupportedOperationException("to be written");
	}

	CheckedDocument document(Path file) throws MediaRefused {
		throw new UnsupportedOperationException("to be written");
	}

}
