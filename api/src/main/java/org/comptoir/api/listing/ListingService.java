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
import java.util.function.Function;

import graphql.GraphQLContext;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Connections.Connection;
import org.comptoir.api.graphql.Connections.Edge;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.hs.HsNomenclature;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.listing.CompanyListings.Counted;
import org.comptoir.api.listing.ListingInputs.CreateListingInput;
import org.comptoir.api.listing.ListingInputs.ListingPayload;
import org.comptoir.api.listing.ListingInputs.MoneyInput;
import org.comptoir.api.listing.ListingInputs.QuantityInput;
import org.comptoir.api.listing.ListingInputs.TranslationInput;
import org.comptoir.api.listing.ListingInputs.UpdateListingInput;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.comptoir.api.member.MemberStatus;
import org.comptoir.api.member.MemberTier;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The marketplace's rules: who sees a listing that is not live and who edits one, the life cycle
 * DRAFT → PUBLISHED → CLOSED (EXPIRED by the clock), the FREE tier's quota (counted in the write's own
 * transaction), and the checks of every field. Search is {@link MarketplaceSearch}.
 */
@Service
record ListingService(ListingRepository listings, TenantTransactions transactions, MemberDirectory directory, HsNomenclature hs, TenantRegistry registry, ApplicationEventPublisher events) {

	// ---- reading ---------------------------------------------------------------

	/**
	 * Live listings (published, not past expiry, of an ACTIVE company) of the chamber and of the network
	 * to everyone who may read them (MEMBERS ones: the chamber's members); the others (drafts, closed
	 * ones, a suspended company's) only to the company's own users and to the chamber's admins.
	 */
	Mono<Listing> find(GraphQLContext context, CurrentTenant tenant, Optional<Caller> caller, GlobalId id) {
		return directory.reader(context, tenant, caller).flatMap(reader -> listings.find(reader, id.tenantId(), id.localId())
			.filterWhen(listing -> listing.live() ? Mono.just(true) : mayManage(tenant, listing, caller)));
	}

	/** A company's listings newest first: every status for its own people and the chamber's admins, else published. */
	Mono<Connection<Listing>> memberListings(GraphQLContext context, CurrentTenant tenant, Optional<Caller> caller, Member member,
			Integer first, String after) {
		int size = Connections.pageSize(first, 20, 100);
		ListingCursor cursor = ListingInputs.cursor(after);
		return directory.reader(context, tenant, caller)
			.flatMap(reader -> transactions.read(reader, db -> memberPage(db, reader, member, manages(tenant, member, caller, reader),
					size, cursor)));
	}

	/**
	 * {@link #mayManage} for a page read for the caller, without a statement of its own: the reader
	 * already names the one company the caller acts for in the chamber.
	 */
	private static boolean manages(CurrentTenant tenant, Member member, Optional<Caller> caller, Reader reader) {
		return caller.isPresent() && tenant.id().equals(member.tenantId())
				&& (MemberDirectory.isChamberAdmin(caller, tenant) || member.memberId().equals(reader.memberId()));
	}

	/** The total rides on the page's rows; counted apart only when a later page comes back empty. */
	private Mono<Connection<Listing>> memberPage(DatabaseClient db, Reader reader, Member member, boolean allStatuses,
			int first, ListingCursor after) {
		return CompanyListings.memberPage(db, reader.tenantId(), member.tenantId(), member.memberId(), allStatuses, first, after, directory)
			.collectList()
			.flatMap(rows -> {
				List<Listing> found = rows.stream().map(Counted::listing).toList();
				boolean hasNext = found.size() > first;
				Mono<Integer> total = !rows.isEmpty() ? Mono.just(rows.get(0).total()) : after == null ? Mono.just(0)
						: CompanyListings.memberCount(db, reader.tenantId(), member.tenantId(), member.memberId(), allStatuses);
				List<Edge<Listing>> edges = (hasNext ? found.subList(0, first) : found).stream()
					.map(l -> new Edge<>(new ListingCursor(null, l.publishedAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : l.publishedAt(),
							l.tenantId(), l.listingId()).encode(), l))
					.toList();
				return total.map(n -> Connection.of(edges, hasNext, after != null, n));
			});
	}

	/**
	 * The companies of a page's listings, whatever their chambers. A listing read by a page's statement
	 * (a search, a company's listings) carries its company ({@link Listing.Company}, the one way a page
	 * brings its companies: the rows themselves, not a primed DataLoader, so the answer is whatever
	 * statement read the row and holds for any loader option); the others, in one statement.
	 */
	Mono<Map<Listing, Member>> companies(GraphQLContext context, CurrentTenant tenant, Optional<Caller> caller, List<Listing> batch) {
		List<Listing> rest = batch.stream().filter(l -> l.company() == null).toList();
		Mono<Map<MemberKey, Member>> loaded = rest.isEmpty() ? Mono.just(Map.of())
				: directory.reader(context, tenant, caller)
					.flatMap(reader -> directory.visible(reader, rest.stream().map(l -> new MemberKey(l.tenantId(), l.memberId())).toList()));
		return loaded.map(found -> {
			Map<Listing, Member> result = new LinkedHashMap<>();
			batch.forEach(l -> {
				Member m = l.company() != null ? l.company().member() : found.get(new MemberKey(l.tenantId(), l.memberId()));
				if (m != null) {
					result.put(l, m);
				}
			});
			return result;
		});
	}

	/** The company's own users and the chamber's admins manage a listing (see drafts, closed ones). */
	private Mono<Boolean> mayManage(CurrentTenant tenant, Listing listing, Optional<Caller> caller) {
		return mayManage(tenant, listing.tenantId(), listing.memberId(), caller);
	}

	private Mono<Boolean> mayManage(CurrentTenant tenant, UUID memberTenant, UUID memberId, Optional<Caller> caller) {
		if (caller.isEmpty() || !tenant.id().equals(memberTenant)) {
			return Mono.just(false);
		}
		if (MemberDirectory.isChamberAdmin(caller, tenant)) {
			return Mono.just(true);
		}
		return directory.isUserOf(tenant, memberId, caller.get().userId());
	}

	// ---- writing ---------------------------------------------------------------

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
				if (publish ? !member.active() : !(member.active() || member.status() == MemberStatus.PENDING)) {
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
						publish ? ListingStatus.PUBLISHED : ListingStatus.DRAFT, input.visibility() == null ? Visibility.CHAMBER : input.visibility(), locale,
						input.hsCode() == null ? "" : input.hsCode().trim(),
						input.quantity() == null ? null : input.quantity().value(),
						input.quantity() == null ? null : input.quantity().unit(),
						input.price() == null ? null : input.price().amount(), input.price() == null ? null : input.price().currency(),
						input.incoterm(), input.originCountry(), publish ? now : null, input.expiresAt(), 0, translations, member.active());
				return checkHsCode(listing.hsCode(), errors).flatMap(checked -> {
					if (!errors.isEmpty()) {
						return Mono.just(ListingPayload.errors(errors));
					}
					return write(listing, quota(member, tenant), db -> listings.insert(db, listing))
						.doOnNext(this::published)
						.map(ListingPayload::ok)
						.defaultIfEmpty(quotaExceeded(tenant));
				});
			});
	}

	Mono<ListingPayload> update(GraphQLContext context, CurrentTenant current, Caller caller, UpdateListingInput input) {
		return editable(context, current, caller, input.listingId()).flatMap(own -> {
			MemberDirectory.requireNotBarred(own.company(), "edit its listings");
			return update(current, own.listing(), input);
		});
	}

	private Mono<ListingPayload> update(CurrentTenant current, Listing listing, UpdateListingInput input) {
		Tenant tenant = registry.find(current.id()).orElseThrow();
		List<UserError> errors = new ArrayList<>();
		if (listing.status() == ListingStatus.CLOSED || listing.status() == ListingStatus.EXPIRED) {
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
		boolean publish = Boolean.TRUE.equals(input.publish()) && listing.status() == ListingStatus.DRAFT;
		BigDecimal priceAmount = Boolean.TRUE.equals(input.clearPrice()) ? null
				: input.price() != null ? input.price().amount() : listing.priceAmount();
		String priceCurrency = Boolean.TRUE.equals(input.clearPrice()) ? null
				: input.price() != null ? input.price().currency() : listing.priceCurrency();
		Listing next = new Listing(listing.tenantId(), listing.listingId(), listing.memberId(), listing.kind(),
				publish ? ListingStatus.PUBLISHED : listing.status(), input.visibility() == null ? listing.visibility() : input.visibility(),
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
				return write(next, publish ? quota(member, tenant) : null, db -> listings.update(db, next, input.version()))
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

	/** Any company, whatever its status, may take its own listing down. */
	Mono<ListingPayload> close(GraphQLContext context, CurrentTenant current, Caller caller, String listingId) {
		return editable(context, current, caller, listingId).flatMap(own -> close(own.listing()));
	}

	private Mono<ListingPayload> close(Listing listing) {
		if (listing.status() != ListingStatus.PUBLISHED && listing.status() != ListingStatus.DRAFT) {
			return Mono.just(ListingPayload.error(UserError.of("INVALID_TRANSITION",
					"Only a draft or a published listing can be closed; this one is " + listing.status() + ".")));
		}
		Listing closed = new Listing(listing.tenantId(), listing.listingId(), listing.memberId(), listing.kind(), ListingStatus.CLOSED,
				listing.visibility(), listing.locale(), listing.hsCode(), listing.quantityValue(), listing.quantityUnit(),
				listing.priceAmount(), listing.priceCurrency(), listing.incoterm(), listing.originCountry(),
				listing.publishedAt(), listing.expiresAt(), listing.version(), listing.translations(), listing.memberActive());
		return write(closed, null, db -> listings.update(db, closed, listing.version()))
			.map(ListingPayload::ok)
			.defaultIfEmpty(ListingPayload.error(UserError.of("CONFLICT", "The listing changed meanwhile; read it again.")));
	}

	private record OwnListing(Listing listing, Member company) {
	}

	/** A listing of the caller's own company in this chamber, with that company; anything else is NOT_FOUND or FORBIDDEN. */
	private Mono<OwnListing> editable(GraphQLContext context, CurrentTenant tenant, Caller caller, String listingId) {
		GlobalId id = GlobalId.require(listingId, Listing.TYPE, "listingId");
		if (!id.tenantId().equals(tenant.id())) {
			return Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such listing in this chamber."));
		}
		return directory.reader(context, tenant, Optional.of(caller))
			.flatMap(reader -> listings.find(reader, id.tenantId(), id.localId()))
			.switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such listing in this chamber.")))
			.flatMap(listing -> directory.companyOf(tenant, caller.userId())
				.filter(company -> company.memberId().equals(listing.memberId()))
				.map(company -> new OwnListing(listing, company))
				.switchIfEmpty(Mono.error(ApiException.forbidden("Only the company's own users edit its listings."))));
	}

	/**
	 * A write in the chamber's transaction. With a quota, a publication first locks the company's row and
	 * counts its other published listings: past the quota it writes nothing (empty), and concurrent
	 * publications cannot pass it together.
	 */
	private Mono<Listing> write(Listing listing, Integer quota, Function<DatabaseClient, Mono<Listing>> write) {
		return transactions.mono(Reader.chamber(listing.tenantId()), db -> quota == null || listing.status() != ListingStatus.PUBLISHED
				? write.apply(db)
				: listings.lockAndCountOtherPublished(db, listing).filter(count -> count < quota).flatMap(count -> write.apply(db)));
	}

	private void published(Listing listing) {
		if (listing.status() == ListingStatus.PUBLISHED) {
			events.publishEvent(new ListingPublished(listing.tenantId(), listing.listingId()));
		}
	}

	private static Integer quota(Member member, Tenant tenant) {
		return member.tier() == MemberTier.FREE ? tenant.freeListingQuota() : null;
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
