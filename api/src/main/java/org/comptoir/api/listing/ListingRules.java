package org.comptoir.api.listing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.hs.HsNomenclature;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.listing.ListingInputs.CreateListingInput;
import org.comptoir.api.listing.ListingInputs.ListingPayload;
import org.comptoir.api.listing.ListingInputs.MoneyInput;
import org.comptoir.api.listing.ListingInputs.QuantityInput;
import org.comptoir.api.listing.ListingInputs.TranslationInput;
import org.comptoir.api.listing.ListingInputs.UpdateListingInput;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What may be written: who edits a listing, the life cycle DRAFT → PUBLISHED → CLOSED (EXPIRED by the
 * clock), the FREE tier's quota, and the checks of every field.
 */
@Component
class ListingRules {

	private final ListingRepository listings;

	private final MemberDirectory directory;

	private final HsNomenclature hs;

	private final TenantRegistry registry;

	private final ApplicationEventPublisher events;

	ListingRules(ListingRepository listings, MemberDirectory directory, HsNomenclature hs, TenantRegistry registry,
			ApplicationEventPublisher events) {
		this.listings = listings;
		this.directory = directory;
		this.hs = hs;
		this.registry = registry;
		this.events = events;
	}

	/** The company's own users and the chamber's admins manage a listing (see drafts, closed ones). */
	Mono<Boolean> mayManage(CurrentTenant tenant, Listing listing, Optional<Caller> caller) {
		return mayManage(tenant, listing.tenantId(), listing.memberId(), caller);
	}

	Mono<Boolean> mayManage(CurrentTenant tenant, UUID memberTenant, UUID memberId, Optional<Caller> caller) {
		if (caller.isEmpty() || !tenant.id().equals(memberTenant)) {
			return Mono.just(false);
		}
		if (MemberDirectory.isChamberAdmin(caller, tenant)) {
			return Mono.just(true);
		}
		return directory.isUserOf(tenant, memberId, caller.get().userId());
	}

	Mono<ListingPayload> create(CurrentTenant current, Caller caller, CreateListingInput input) {
		Tenant tenant = registry.find(current.id()).orElseThrow();
		return directory.companyOf(current, caller.userId())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(company -> {
				if (company.isEmpty()) {
					return Mono.just(ListingPayload.error(UserError.of("NO_COMPANY",
							"You act for no company in this chamber: register one first.")));
				}
				Member member = company.get();
				boolean publish = input.publish() == null || input.publish();
				List<UserError> errors = new ArrayList<>();
				if (publish ? !member.active() : !(member.active() || "PENDING".equals(member.status()))) {
					errors.add(UserError.of("MEMBER_NOT_ACTIVE", "Only ACTIVE companies publish; yours is " + member.status() + "."));
				}
				String locale = input.locale() == null ? tenant.defaultLocale() : input.locale();
				Map<String, Listing.Translation> translations = new LinkedHashMap<>();
				translations.put(locale, new Listing.Translation(trim(input.title()), trim(input.description())));
				mergeTranslations(translations, input.translations(), errors);
				checkTranslations(translations, errors);
				checkQuantity(input.quantity(), errors, "quantity");
				checkPrice(input.price(), errors);
				checkExpiry(input.expiresAt(), errors);
				OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
				Listing listing = new Listing(current.id(), UUID.randomUUID(), member.memberId(), input.kind(),
						publish ? "PUBLISHED" : "DRAFT", input.visibility() == null ? "CHAMBER" : input.visibility(), locale,
						input.hsCode() == null ? "" : input.hsCode().trim(),
						input.quantity() == null ? null : input.quantity().value(),
						input.quantity() == null ? null : input.quantity().unit(),
						input.price() == null ? null : input.price().amount(), input.price() == null ? null : input.price().currency(),
						input.incoterm(), input.originCountry(), publish ? now : null, input.expiresAt(), 0, translations, member.active());
				return checkHsCode(listing.hsCode(), errors).flatMap(checked -> {
					if (!errors.isEmpty()) {
						return Mono.just(ListingPayload.errors(errors));
					}
					return listings.insert(listing, quota(member, tenant))
						.doOnNext(this::published)
						.map(ListingPayload::ok)
						.defaultIfEmpty(quotaExceeded(tenant));
				});
			});
	}

	Mono<ListingPayload> update(CurrentTenant current, Caller caller, Listing listing, UpdateListingInput input) {
		Tenant tenant = registry.find(current.id()).orElseThrow();
		List<UserError> errors = new ArrayList<>();
		if ("CLOSED".equals(listing.status()) || "EXPIRED".equals(listing.status())) {
			return Mono.just(ListingPayload.error(UserError.of("INVALID_TRANSITION",
					"A " + listing.status() + " listing cannot be edited; create a new one.")));
		}
		Map<String, Listing.Translation> translations = new LinkedHashMap<>(listing.translations());
		if (input.title() != null || input.description() != null) {
			String locale = input.locale() == null ? listing.locale() : input.locale();
			Listing.Translation old = translations.get(locale);
			translations.put(locale, new Listing.Translation(input.title() != null ? trim(input.title()) : old == null ? null : old.title(),
					input.description() != null ? trim(input.description()) : old == null ? null : old.description()));
		}
		mergeTranslations(translations, input.translations(), errors);
		checkTranslations(translations, errors);
		checkQuantity(input.quantity(), errors, "quantity");
		checkPrice(input.price(), errors);
		checkExpiry(input.expiresAt(), errors);
		boolean publish = Boolean.TRUE.equals(input.publish()) && "DRAFT".equals(listing.status());
		BigDecimal priceAmount = Boolean.TRUE.equals(input.clearPrice()) ? null
				: input.price() != null ? input.price().amount() : listing.priceAmount();
		String priceCurrency = Boolean.TRUE.equals(input.clearPrice()) ? null
				: input.price() != null ? input.price().currency() : listing.priceCurrency();
		Listing next = new Listing(listing.tenantId(), listing.listingId(), listing.memberId(), listing.kind(),
				publish ? "PUBLISHED" : listing.status(), input.visibility() == null ? listing.visibility() : input.visibility(),
				listing.locale(), input.hsCode() == null ? listing.hsCode() : input.hsCode().trim(),
				input.quantity() == null ? listing.quantityValue() : input.quantity().value(),
				input.quantity() == null ? listing.quantityUnit() : input.quantity().unit(), priceAmount, priceCurrency,
				input.incoterm() == null ? listing.incoterm() : input.incoterm(),
				input.originCountry() == null ? listing.originCountry() : input.originCountry(),
				publish ? OffsetDateTime.now(ZoneOffset.UTC) : listing.publishedAt(),
				input.expiresAt() == null ? listing.expiresAt() : input.expiresAt(), listing.version(), translations, listing.memberActive());
		Mono<Boolean> hsChecked = input.hsCode() == null ? Mono.just(true) : checkHsCode(next.hsCode(), errors);
		return hsChecked.flatMap(checked -> directory.visible(Reader.chamber(current.id()), new MemberDirectory.MemberKey(current.id(), listing.memberId()))
			.flatMap(member -> {
				if (publish && !member.active()) {
					errors.add(UserError.of("MEMBER_NOT_ACTIVE", "Only ACTIVE companies publish; yours is " + member.status() + "."));
				}
				if (!errors.isEmpty()) {
					return Mono.just(ListingPayload.errors(errors));
				}
				return listings.update(next, input.version(), publish ? quota(member, tenant) : null)
					.doOnNext(updated -> {
						if (publish) {
							published(updated);
						}
					})
					.map(ListingPayload::ok)
					.switchIfEmpty(Mono.defer(() -> listings.find(Reader.chamber(current.id()), listing.tenantId(), listing.listingId())
						.map(fresh -> fresh.version() != input.version()
								? ListingPayload.error(UserError.of("CONFLICT",
										"The listing changed since version " + input.version() + "; read it again.", "input", "version"))
								: quotaExceeded(tenant))));
			}));
	}

	Mono<ListingPayload> close(CurrentTenant current, Listing listing) {
		if (!"PUBLISHED".equals(listing.status()) && !"DRAFT".equals(listing.status())) {
			return Mono.just(ListingPayload.error(UserError.of("INVALID_TRANSITION",
					"Only a draft or a published listing can be closed; this one is " + listing.status() + ".")));
		}
		Listing closed = new Listing(listing.tenantId(), listing.listingId(), listing.memberId(), listing.kind(), "CLOSED",
				listing.visibility(), listing.locale(), listing.hsCode(), listing.quantityValue(), listing.quantityUnit(),
				listing.priceAmount(), listing.priceCurrency(), listing.incoterm(), listing.originCountry(),
				listing.publishedAt(), listing.expiresAt(), listing.version(), listing.translations(), listing.memberActive());
		return listings.update(closed, listing.version(), null)
			.map(ListingPayload::ok)
			.defaultIfEmpty(ListingPayload.error(UserError.of("CONFLICT", "The listing changed meanwhile; read it again.")));
	}

	private void published(Listing listing) {
		if ("PUBLISHED".equals(listing.status())) {
			events.publishEvent(new ListingPublished(listing.tenantId(), listing.listingId()));
		}
	}

	private static Integer quota(Member member, Tenant tenant) {
		return "FREE".equals(member.tier()) ? tenant.freeListingQuota() : null;
	}

	private static ListingPayload quotaExceeded(Tenant tenant) {
		return ListingPayload.error(UserError.of("QUOTA_EXCEEDED", "The FREE tier publishes at most "
				+ tenant.freeListingQuota() + " listings at a time: close one, or ask the chamber for PREMIUM."));
	}

	private Mono<Boolean> checkHsCode(String code, List<UserError> errors) {
		return hs.isAcceptable(code).doOnNext(ok -> {
			if (!ok) {
				errors.add(UserError.of("INVALID_HS_CODE", "Unknown HS code: " + code, "input", "hsCode"));
			}
		});
	}

	private static void mergeTranslations(Map<String, Listing.Translation> translations, List<TranslationInput> given,
			List<UserError> errors) {
		List<UserError> overBounds = ListingInputs.overBounds(given);
		if (given == null || !overBounds.isEmpty()) {
			errors.addAll(overBounds);
			return;
		}
		for (int i = 0; i < given.size(); i++) {
			TranslationInput t = given.get(i);
			translations.put(t.locale(), new Listing.Translation(trim(t.title()), trim(t.description())));
		}
	}

	private static void checkTranslations(Map<String, Listing.Translation> translations, List<UserError> errors) {
		translations.forEach((locale, t) -> {
			if (t.title() == null || t.title().length() < 3 || t.title().length() > 200) {
				errors.add(UserError.of("INVALID_TITLE", "The title (" + locale + ") must be 3 to 200 characters.", "input", "title"));
			}
			if (t.description() != null && t.description().length() > 5000) {
				errors.add(UserError.of("INVALID_DESCRIPTION", "The description (" + locale + ") is limited to 5,000 characters.",
						"input", "description"));
			}
		});
	}

	private static void checkQuantity(QuantityInput quantity, List<UserError> errors, String field) {
		if (quantity == null) {
			return;
		}
		if (quantity.value().signum() <= 0 || quantity.value().scale() > 3 || quantity.value().precision() - quantity.value().scale() > 17) {
			errors.add(UserError.of("INVALID_QUANTITY", "The quantity must be positive, with at most 3 decimals.", "input", field, "value"));
		}
		if (!ListingInputs.UNITS.contains(quantity.unit())) {
			errors.add(UserError.of("INVALID_UNIT", "Unknown UN/ECE Recommendation 20 unit: " + quantity.unit()
					+ " (e.g. TNE, KGM, LTR, C62, MTR, MTK).", "input", field, "unit"));
		}
	}

	private static void checkPrice(MoneyInput price, List<UserError> errors) {
		if (price == null) {
			return;
		}
		if (price.amount().signum() <= 0 || price.amount().scale() > 4 || price.amount().precision() - price.amount().scale() > 16) {
			errors.add(UserError.of("INVALID_PRICE", "The price must be positive, with at most 4 decimals.", "input", "price", "amount"));
		}
	}

	private static void checkExpiry(OffsetDateTime expiresAt, List<UserError> errors) {
		if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
			errors.add(UserError.of("INVALID_EXPIRY", "expiresAt must be in the future.", "input", "expiresAt"));
		}
	}

	private static String trim(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
