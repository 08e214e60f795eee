package org.comptoir.api.media;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The media feature's GraphQL inputs and payloads. */
final class MediaInputs {

	private MediaInputs() {
	}

	record RequestUploadInput(Media.MediaKind kind, String contentType, int byteSize, String sha256, @Nullable String fileName) {
	}

	record AltTextInput(String locale, String text) {
	}

	record AddListingImageInput(String listingId, String uploadId, @Nullable List<AltTextInput> alt, @Nullable Integer position) {
	}

	record ReorderListingImagesInput(String listingId, List<String> imageIds) {
	}

	record ReorderGalleryInput(String memberId, List<String> imageIds) {
	}

	record ReplaceDocumentInput(String documentId, String uploadId, @Nullable String title) {
	}

	record AddListingDocumentInput(String listingId, String uploadId, String title) {
	}

	record SetMemberLogoInput(String memberId, String uploadId, @Nullable List<AltTextInput> alt) {
	}

	record AddGalleryImageInput(String memberId, String uploadId, @Nullable List<AltTextInput> alt) {
	}

	record SetBrandingImageInput(MediaImport.ChamberImage image, String uploadId) {
	}

	record ReplaceImageInput(String imageId, String uploadId, @Nullable List<AltTextInput> alt) {
	}

	record RemoveMediaInput(String id) {
	}

	record SetMediaQuotaInput(String tier, int imagesPerListing, int documentsPerListing, int galleryImages, int maxFileSize) {
	}

}
