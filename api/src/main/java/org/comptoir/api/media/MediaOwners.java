package org.comptoir.api.media;

import java.util.List;
import java.util.UUID;

import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.listing.Listing;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberTier;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may change what shows media: a listing's company's own users, a company's users and the chamber's
 * admins, the chamber's admins alone for the chamber's own; asked of the listing and member features'
 * public faces.
 */
@Component
class MediaOwners {

	/** What an upload is attached to, and the tier whose quota counts. */
	record Target(UUID tenantId, Media.Role role, UUID listingId, UUID memberId, MemberTier tier) {
	}

	private final MediaRepository media;

	private final MemberDirectory directory;

	private final ListingCatalog listings;

	private final TenantRegistry registry;

	MediaOwners(MediaRepository media, MemberDirectory directory, ListingCatalog listings, TenantRegistry registry) {
		this.media = media;
		this.directory = directory;
		this.listings = listings;
		this.registry = registry;
	}

	/** A listing of the caller's own company in this chamber. */
	Mono<Target> ownListing(Visit visit, String listingId, Media.Role role) {
		CurrentTenant chamber = visit.chamber();
		Caller caller = visit.signedIn();
		GlobalId id = GlobalId.require(listingId, Listing.TYPE, "listingId");
		if (!id.tenantId().equals(chamber.id())) {
			return Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such listing in this chamber."));
		}
		return listings.visible(Reader.chamber(chamber.id()), List.of(new ListingCatalog.ListingKey(id.tenantId(), id.localId())))
			.flatMap(found -> Mono.justOrEmpty(found.values().stream().findFirst()))
			.switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such listing in this chamber.")))
			.flatMap(listing -> directory.companyOf(chamber, caller.userId())
				.filter(company -> company.memberId().equals(listing.memberId()))
				.switchIfEmpty(Mono.error(ApiException.forbidden("Only the company's own users add to its listings.")))
				.map(company -> {
					MemberDirectory.requireNotBarred(company, "add pictures or documents");
					return new Target(chamber.id(), role, listing.listingId(), null, company.tier());
				}));
	}

	/** A company of this chamber whose user the caller is, or any of its companies for a chamber admin. */
	Mono<Target> ownCompany(Visit visit, String memberId, Media.Role role) {
		CurrentTenant chamber = visit.chamber();
		Caller caller = visit.signedIn();
		GlobalId id = GlobalId.require(memberId, Member.TYPE, "memberId");
		if (!id.tenantId().equals(chamber.id())) {
			return Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such company in this chamber."));
		}
		return directory.visible(Reader.chamber(chamber.id()), new MemberDirectory.MemberKey(id.tenantId(), id.localId()))
			.switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such company in this chamber.")))
			.flatMap(company -> (visit.isChamberAdmin() ? Mono.just(true) : directory.isUserOf(chamber, company.memberId(), caller.userId()))
				.flatMap(allowed -> allowed ? Mono.just(new Target(chamber.id(), role, null, company.memberId(), company.tier()))
						: Mono.error(ApiException.forbidden("Only the company's own users, or the chamber's admins, change its pictures."))));
	}

	/** A media the caller may change: their company's (a listing's or the company's own), or any of the chamber's for its admins. */
	Mono<Media> editable(Visit visit, String mediaId, String type) {
		CurrentTenant chamber = visit.chamber();
		GlobalId id = GlobalId.require(mediaId, type, "id");
		if (!id.tenantId().equals(chamber.id())) {
			return Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such " + type.toLowerCase() + " in this chamber."));
		}
		return media.find(Reader.chamber(chamber.id()), id.tenantId(), id.localId())
			.filter(m -> m.role().image() == type.equals(Media.IMAGE))
			.switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such " + type.toLowerCase() + " in this chamber.")))
			.flatMap(m -> {
				if (visit.isChamberAdmin()) {
					return Mono.just(m);
				}
				Caller caller = visit.signedIn();
				if (m.memberId() != null) {
					return ownCompany(visit, GlobalId.of(Member.TYPE, m.tenantId(), m.memberId()).encode(), m.role()).thenReturn(m);
				}
				if (m.listingId() != null) {
					return ownListing(visit, GlobalId.of(Listing.TYPE, m.tenantId(), m.listingId()).encode(), m.role()).thenReturn(m);
				}
				return Mono.error(ApiException.forbidden("Only the chamber's admins change its " + type.toLowerCase() + "s; " + caller.email() + " is not one."));
			});
	}

	static Target targetOf(Media media) {
		return new Target(media.tenantId(), media.role(), media.listingId(), media.memberId(), MemberTier.PREMIUM);
	}

	/** The owner shown again, as its chamber sees it. */
	Mono<MediaPayloads.OwnerPayload> shown(Target target) {
		Reader reader = Reader.chamber(target.tenantId());
		if (target.listingId() != null) {
			return listings.visible(reader, List.of(new ListingCatalog.ListingKey(target.tenantId(), target.listingId())))
				.map(found -> MediaPayloads.OwnerPayload.of(found.values().iterator().next()));
		}
		if (target.memberId() != null) {
			return directory.visible(reader, new MemberDirectory.MemberKey(target.tenantId(), target.memberId()))
				.map(MediaPayloads.OwnerPayload::of);
		}
		return Mono.justOrEmpty(registry.find(target.tenantId())).map(MediaPayloads.OwnerPayload::of);
	}

}
