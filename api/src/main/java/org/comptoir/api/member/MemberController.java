package org.comptoir.api.member;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.CompiledFields;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Connections.Connection;
import org.comptoir.api.graphql.Connections.Edge;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.NodeLoader;
import org.comptoir.api.hs.HsCode;
import org.comptoir.api.hs.HsNomenclature;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Viewer;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.member.MemberInputs.LocalizedText;
import org.comptoir.api.member.MemberInputs.MemberFilter;
import org.comptoir.api.member.MemberInputs.MemberPayload;
import org.comptoir.api.member.MemberInputs.RegisterMemberInput;
import org.comptoir.api.member.MemberInputs.ReviewMemberInput;
import org.comptoir.api.member.MemberInputs.SetMemberTierInput;
import org.comptoir.api.member.MemberInputs.UpdateMemberProfileInput;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
class MemberController implements NodeLoader, CompiledFields {

	private final MemberRepository members;

	private final MemberDirectory directory;

	private final HsNomenclature hs;

	private final TenantRegistry registry;

	private final MemberService service;

	private final MemberProfiles profiles;

	MemberController(MemberRepository members, MemberProfiles profiles, MemberDirectory directory, HsNomenclature hs,
			TenantRegistry registry, MemberService service, BatchLoaderRegistry loaders) {
		this.members = members;
		this.profiles = profiles;
		this.service = service;
		this.directory = directory;
		this.hs = hs;
		this.registry = registry;
		loaders.forTypePair(Member.class, Profile.class)
			.registerMappedBatchLoader((batch, environment) -> profiles(batch, environment.getContext()));
	}

	// ---- reading ---------------------------------------------------------------

	@QueryMapping
	Mono<Member> member(@Argument String id, GraphQLContext context) {
		return load(GlobalId.require(id, Member.TYPE, "id"), context);
	}

	@Override
	public String type() {
		return Member.TYPE;
	}

	@Override
	public Mono<Member> load(GlobalId id, GraphQLContext context) {
		Visit visit = Visit.of(context);
		return directory.reader(context, visit).flatMap(reader -> directory.visible(reader, visit, id));
	}

	@QueryMapping
	Mono<Connection<Member>> members(@Argument String query, @Argument MemberFilter filter, @Argument Integer first,
			@Argument String after, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		MemberInputs.checkQuery(query, filter);
		boolean admin = visit.isChamberAdmin();
		List<MemberStatus> statuses = filter == null ? null : filter.statuses();
		if (!admin) {
			// anonymous users and members see ACTIVE companies only
			statuses = statuses == null || statuses.contains(MemberStatus.ACTIVE) ? List.of(MemberStatus.ACTIVE) : List.of();
		}
		int size = Connections.pageSize(first, 20, 100);
		MemberRepository.Cursor cursor = after == null ? null
				: MemberRepository.Cursor.decode(after).orElseThrow(() -> ApiException.badInput("Invalid cursor: " + after));
		List<String> prefixes = filter == null ? null : filter.hsCodePrefixes();
		if (prefixes != null && prefixes.stream().anyMatch(p -> !p.matches("[0-9]{1,6}"))) {
			throw ApiException.badInput("hsCodePrefixes must be 1 to 6 digits: " + prefixes);
		}
		MemberRepository.DirectoryQuery directoryQuery = new MemberRepository.DirectoryQuery(query, statuses,
				filter == null ? null : filter.verified(), filter == null ? null : filter.country(), prefixes, size, cursor);
		return members.search(tenant.id(), directoryQuery)
			.map(page -> Connection.of(page.rows().stream()
				.map(row -> new Edge<>(new MemberRepository.Cursor(row.sortName(), row.member().memberId()).encode(), row.member()))
				.toList(), page.hasNext(), cursor != null, page.totalCount()));
	}

	/** Every chamber is in the registry's memory: no I/O, no batch. */
	@SchemaMapping(typeName = "Member")
	String description(Member member, @Argument String locale) {
		return registry.find(member.tenantId()).map(tenant -> member.description(locale, tenant.defaultLocale())).orElse(null);
	}

	@SchemaMapping(typeName = "Member")
	List<LocalizedText> descriptions(Member member) {
		return member.descriptions().entrySet().stream().map(e -> new LocalizedText(e.getKey(), e.getValue())).toList();
	}

	/** From the registry's memory: no I/O, so no batch load either. */
	@SchemaMapping(typeName = "Member")
	Tenant tenant(Member member) {
		return registry.find(member.tenantId()).orElse(null);
	}

	/** A company's fields at hand, for pages written in one pass ({@link CompiledFields}). */
	@Override
	public void declare(Declarations declarations) {
		declarations.field("Member", "tenant", Member.class, (member, arguments, context) -> tenant(member));
		declarations.field("Member", "description", Member.class,
				(member, arguments, context) -> description(member, arguments.get("locale", String.class)));
		declarations.root("member", (arguments, selected, context) -> member(arguments.get("id", String.class), context));
		declarations.loaded("Member", "registrations", Member.class,
				(member, arguments, context) -> profiles(Set.of(member), context).map(found -> found.get(member).registrations()));
		declarations.loaded("Member", "sectors", Member.class,
				(member, arguments, context) -> profiles(Set.of(member), context).map(found -> found.get(member).sectors()));
		declarations.loaded("Viewer", "member", Viewer.class, (viewer, arguments, context) -> member(viewer));
	}

	/** A company's registrations and sectors, with the sectors' HS titles. */
	record Profile(List<Registration> registrations, List<HsCode> sectors) {
	}

	/**
	 * Registrations and sectors come from one batch loader ({@code memberProfile}) that both fields
	 * share: a member read by a profile's statement carries its details (as a page's listings carry
	 * their company); the others' in one statement; and one for the HS titles not in memory yet.
	 */
	private Mono<Map<Member, Profile>> profiles(Set<Member> batch, GraphQLContext context) {
		List<Member> members = List.copyOf(batch);
		List<Member> rest = members.stream().filter(m -> m.details() == null).toList();
		Mono<Map<UUID, Member.Details>> loaded = rest.isEmpty() ? Mono.just(Map.of())
				: profiles.details(currentOrOwn(context, members), rest);
		return loaded.flatMap(found -> {
			Map<Member, Member.Details> details = members.stream().collect(Collectors.toMap(Function.identity(),
					m -> m.details() != null ? m.details() : found.getOrDefault(m.memberId(), Member.Details.NONE), (a, b) -> a,
					LinkedHashMap::new));
			return hs.byCodes(details.values().stream().flatMap(d -> d.sectors().stream()).collect(Collectors.toSet()))
				.map(codes -> details.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
						e -> new Profile(e.getValue().registrations(), e.getValue().sectors().stream().map(codes::get).filter(c -> c != null).toList()),
						(a, b) -> a, LinkedHashMap::new)));
		});
	}

	@SchemaMapping(typeName = "Member")
	CompletableFuture<List<Registration>> registrations(Member member, DataLoader<Member, Profile> memberProfile) {
		return memberProfile.load(member).thenApply(Profile::registrations);
	}

	@SchemaMapping(typeName = "Member")
	CompletableFuture<List<HsCode>> sectors(Member member, DataLoader<Member, Profile> memberProfile) {
		return memberProfile.load(member).thenApply(Profile::sectors);
	}

	/** The request's chamber; a federation router may ask without one, then the members' own (all of one chamber). */
	private static UUID currentOrOwn(GraphQLContext context, List<Member> batch) {
		return Visit.of(context).findChamber().map(CurrentTenant::id).orElse(batch.get(0).tenantId());
	}

	@SchemaMapping(typeName = "Viewer")
	Mono<Member> member(Viewer viewer) {
		return members.findByUser(viewer.currentTenant().id(), UUID.fromString(viewer.user().id()));
	}

	@QueryMapping
	Flux<MemberRepository.Review> memberReviews(@Argument String memberId, @Argument Integer first,
			Visit visit) {
		CurrentTenant tenant = visit.chamber();
		visit.chamberAdmin();
		UUID member = memberId == null ? null : ownId(tenant, memberId, "memberId");
		return members.reviews(tenant.id(), member, Connections.pageSize(first, 50, 200));
	}

	@SchemaMapping(typeName = "MemberReview")
	String id(MemberRepository.Review review) {
		return review.reviewId().toString();
	}

	@SchemaMapping(typeName = "MemberReview")
	String actor(MemberRepository.Review review) {
		return review.actorEmail();
	}

	@SchemaMapping(typeName = "MemberReview")
	Mono<Member> member(MemberRepository.Review review, CurrentTenant chamber) {
		return members.find(chamber.id(), review.memberId());
	}

	// ---- writing ---------------------------------------------------------------

	@MutationMapping
	Mono<MemberPayload> registerMember(@Argument RegisterMemberInput input, Visit visit) {
		return service.register(visit.chamber(), visit.signedIn(), input);
	}

	@MutationMapping
	Mono<MemberPayload> reviewMember(@Argument ReviewMemberInput input, Visit visit) {
		Caller admin = visit.chamberAdmin();
		return service.review(visit.chamber(), admin, ownId(visit.chamber(), input.memberId(), "memberId"), input);
	}

	@MutationMapping
	Mono<MemberPayload> setMemberTier(@Argument SetMemberTierInput input, Visit visit) {
		Caller admin = visit.chamberAdmin();
		return service.setTier(visit.chamber(), admin, ownId(visit.chamber(), input.memberId(), "memberId"), input);
	}

	@MutationMapping
	Mono<MemberPayload> updateMemberProfile(@Argument UpdateMemberProfileInput input, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		return service.updateProfile(tenant, caller, ownId(tenant, input.memberId(), "memberId"), input);
	}

	// ---- rules -----------------------------------------------------------------

	/** A member id of the current chamber; another chamber's is NOT_FOUND, whatever exists there. */
	private static UUID ownId(CurrentTenant tenant, String id, String argument) {
		GlobalId globalId = GlobalId.require(id, Member.TYPE, argument);
		if (!globalId.tenantId().equals(tenant.id())) {
			throw new ApiException(ErrorCode.NOT_FOUND, "No such member in this chamber.");
		}
		return globalId.localId();
	}

}
