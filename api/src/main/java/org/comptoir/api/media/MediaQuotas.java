package org.comptoir.api.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberTier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What each tier may attach in a chamber (photos and documents per listing, gallery pictures, size of a
 * file): the chamber's own quotas where its admins set them, {@code comptoir.media.quotas} otherwise;
 * counted under the owner's row lock.
 */
@Component
class MediaQuotas {

	private final MediaRepository media;

	private final MediaProperties properties;

	private final MemberDirectory directory;

	private final TenantTransactions transactions;

	MediaQuotas(MediaRepository media, MediaProperties properties, MemberDirectory directory, TenantTransactions transactions) {
		this.media = media;
		this.properties = properties;
		this.directory = directory;
		this.transactions = transactions;
	}

	/** Both tiers' quotas in the chamber: its own where it set them, the defaults otherwise. */
	Mono<List<Media.Quota>> quotas(UUID tenantId) {
		MediaProperties.Quotas d = properties.quotas();
		Map<String, Media.Quota> quotas = new LinkedHashMap<>();
		quotas.put("FREE", new Media.Quota("FREE", d.freeImagesPerListing(), d.freeDocumentsPerListing(), d.freeGalleryImages(),
				d.freeMaxFileSize().toBytes()));
		quotas.put("PREMIUM", new Media.Quota("PREMIUM", d.premiumImagesPerListing(), d.premiumDocumentsPerListing(),
				d.premiumGalleryImages(), d.premiumMaxFileSize().toBytes()));
		return media.quotas(tenantId).doOnNext(q -> quotas.put(q.tier(), q)).then(Mono.fromSupplier(() -> List.copyOf(quotas.values())));
	}

	Mono<Media.Quota> quota(UUID tenantId, MemberTier tier) {
		return quotas(tenantId).map(all -> all.stream().filter(q -> q.tier().equals(tier.name())).findFirst().orElseThrow());
	}

	/** A tier's quotas set by the chamber's admin. */
	Mono<MediaPayloads.MediaQuotaPayload> setQuota(Visit visit, MediaInputs.SetMediaQuotaInput input) {
		visit.chamberAdmin("set the media quotas");
		UUID tenantId = visit.chamber().id();
		List<UserError> errors = new ArrayList<>();
		bounded(errors, "imagesPerListing", input.imagesPerListing(), 50);
		bounded(errors, "documentsPerListing", input.documentsPerListing(), 20);
		bounded(errors, "galleryImages", input.galleryImages(), 50);
		if (input.maxFileSize() < 1024 || input.maxFileSize() > 100 * 1024 * 1024) {
			errors.add(UserError.of("BAD_QUOTA", "maxFileSize is between 1 KB and 100 MB.", "input", "maxFileSize"));
		}
		if (!errors.isEmpty()) {
			return quotas(tenantId).map(q -> new MediaPayloads.MediaQuotaPayload(q, errors));
		}
		return media.saveQuota(tenantId, new Media.Quota(input.tier(), input.imagesPerListing(), input.documentsPerListing(),
				input.galleryImages(), input.maxFileSize()))
			.then(quotas(tenantId)).map(q -> new MediaPayloads.MediaQuotaPayload(q, List.of()));
	}

	private static void bounded(List<UserError> errors, String field, int value, int max) {
		if (value < 0 || value > max) {
			errors.add(UserError.of("BAD_QUOTA", field + " is between 0 and " + max + ".", "input", field));
		}
	}

	/** The tier whose limits apply to the caller: their company's; a chamber admin's are PREMIUM's. */
	Mono<MemberTier> tierOf(Visit visit) {
		return directory.companyOf(visit.chamber(), visit.signedIn().userId())
			.map(Member::tier)
			.switchIfEmpty(Mono.fromCallable(() -> {
				if (!visit.isChamberAdmin()) {
					throw ApiException.forbidden("Only a company's users, or the chamber's admins, send files.");
				}
				return MemberTier.PREMIUM;
			}));
	}

	/** What the target's tier allows more of: empty when there is room, the error saying so when not. */
	Mono<Optional<UserError>> left(MediaOwners.Target target) {
		return limit(target)
			.flatMap(limit -> transactions.mono(target.tenantId(), db -> media.lockAndCount(db, target.tenantId(), target.role(),
					target.listingId(), target.memberId()))
				.map(count -> count < limit ? Optional.<UserError>empty() : Optional.of(UserError.of("QUOTA_EXCEEDED",
						target.tier() + " companies " + what(target.role(), limit) + "; " + count + " there, 0 left: remove one"
								+ (target.tier() == MemberTier.FREE ? ", or ask the chamber for PREMIUM." : "."),
						"input", "uploadId"))))
			.defaultIfEmpty(Optional.empty());
	}

	/** How many media of the target's role its tier allows; empty when there is no count (a logo, the chamber's). */
	Mono<Integer> limit(MediaOwners.Target target) {
		return quota(target.tenantId(), target.tier()).flatMap(q -> Mono.justOrEmpty(switch (target.role()) {
			case LISTING_IMAGE -> q.imagesPerListing();
			case LISTING_DOCUMENT -> q.documentsPerListing();
			case MEMBER_GALLERY -> q.galleryImages();
			default -> null;
		}));
	}

	private static String what(Media.Role role, int limit) {
		return switch (role) {
			case LISTING_IMAGE -> "show at most " + limit + " photos per listing";
			case LISTING_DOCUMENT -> "attach at most " + limit + " documents per listing";
			default -> "show at most " + limit + " pictures in their gallery";
		};
	}

}
