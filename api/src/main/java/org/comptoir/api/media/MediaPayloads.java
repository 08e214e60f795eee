package org.comptoir.api.media;

import java.util.List;

import org.comptoir.api.graphql.UserError;
import org.jspecify.annotations.Nullable;

/** What the media mutations answer: the owner shown again, or what the user can fix. */
final class MediaPayloads {

	private MediaPayloads() {
	}

	record RequestUploadPayload(Media.@Nullable Upload upload, List<UserError> userErrors) {
	}

	/** {@code ListingMediaPayload}, {@code MemberMediaPayload}, {@code BrandingImagePayload}, {@code MediaPayload}. */
	record OwnerPayload(@Nullable Object owner, List<UserError> userErrors) {

		static OwnerPayload of(Object owner) {
			return new OwnerPayload(owner, List.of());
		}

		static OwnerPayload error(UserError error) {
			return new OwnerPayload(null, List.of(error));
		}
	}

	// the GraphQL payloads name their owner by its type

	record ListingMediaPayload(@Nullable Object listing, List<UserError> userErrors) {
	}

	record MemberMediaPayload(@Nullable Object member, List<UserError> userErrors) {
	}

	record BrandingImagePayload(@Nullable Object tenant, List<UserError> userErrors) {
	}

	record MediaQuotaPayload(List<Media.Quota> quotas, List<UserError> userErrors) {
	}

}
