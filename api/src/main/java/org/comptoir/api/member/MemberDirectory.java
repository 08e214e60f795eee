package org.comptoir.api.member;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import graphql.GraphQLContext;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Visit;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/** What other features ask of the directory: who may see which company, and which company may act. */
@Component
public class MemberDirectory {

	private static final String READER = MemberDirectory.class.getName() + ".reader";

	private final MemberRepository members;

	private final MemberProfiles profiles;

	private final Readers readers;

	MemberDirectory(MemberRepository members, MemberProfiles profiles, Readers readers) {
		this.members = members;
		this.profiles = profiles;
		this.readers = readers;
	}

	public static boolean isChamberAdmin(Optional<Caller> caller, CurrentTenant tenant) {
		return caller.filter(c -> c.isAdminOf(tenant.slug())).isPresent();
	}

	/** {@link #reader(GraphQLContext, CurrentTenant, Optional)} for the request's visit (its chamber required). */
	public Mono<Reader> reader(GraphQLContext context, Visit visit) {
		return reader(context, visit.chamber(), visit.caller());
	}

	/**
	 * Who the request reads for (row-level security's {@link Reader}): the company the caller acts for
	 * in the chamber, and whether the chamber's MEMBERS listings are theirs to see (its admins, the users
	 * of an ACTIVE company of it). Anonymous callers and users of another realm are outsiders. Looked
	 * up once per GraphQL request, and kept a few seconds ({@link Readers}).
	 */
	public Mono<Reader> reader(GraphQLContext context, CurrentTenant tenant, Optional<Caller> caller) {
		if (caller.isEmpty() || !caller.get().realm().equals(tenant.slug())) {
			return Mono.just(Reader.outsider(tenant.id()));
		}
		boolean admin = isChamberAdmin(caller, tenant);
		Readers.Key key = new Readers.Key(tenant.id(), caller.get().userId(), admin);
		Mono<Reader> cached = context.computeIfAbsent(READER, name -> readers.get(key, () -> members.findByUser(tenant.id(), key.userId())
			.map(company -> new Reader(tenant.id(), company.memberId(), admin || company.active()))
			.defaultIfEmpty(new Reader(tenant.id(), null, admin)))
			.as(MemberDirectory::sharedUntilAllCancel));
		return cached;
	}

	/**
	 * One lookup for every field of the request that asks, like {@code cache()}; but when every field
	 * waiting for it is cancelled (a request timeout, a client gone), the lookup is cancelled too, and
	 * with it its SQL on the server ({@code cache()} would let the statement run on).
	 */
	private static <T> Mono<T> sharedUntilAllCancel(Mono<T> source) {
		AtomicReference<Disposable> connection = new AtomicReference<>();
		AtomicInteger waiting = new AtomicInteger();
		Flux<T> replay = source.flux().replay(1).autoConnect(1, connection::set);
		return Mono.defer(() -> {
			waiting.incrementAndGet();
			return replay.next().doFinally(signal -> {
				if (waiting.decrementAndGet() == 0 && signal == SignalType.CANCEL && connection.get() != null) {
					connection.get().dispose();
				}
			});
		});
	}

	/**
	 * Refuses (FORBIDDEN) a company that is not ACTIVE: only an active company invites colleagues,
	 * writes messages and answers contact requests.
	 */
	public static Member requireActive(Member company, String action) {
		if (!company.active()) {
			throw ApiException.forbidden("Only an ACTIVE company may " + action + "; yours is " + company.status() + ".");
		}
		return company;
	}

	/**
	 * Refuses (FORBIDDEN) a SUSPENDED or REJECTED company: a PENDING one still prepares its approval
	 * (edits its profile, writes listing drafts), an ACTIVE one does everything.
	 */
	public static Member requireNotBarred(Member company, String action) {
		if (!company.active() && company.status() != MemberStatus.PENDING) {
			throw ApiException.forbidden("A " + company.status() + " company may not " + action + ".");
		}
		return company;
	}

	/** Members referenced from elsewhere (listings, contact requests), as visible to the reader. */
	public Mono<Map<MemberKey, Member>> visible(Reader reader, Collection<MemberKey> keys) {
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return members.findVisible(reader, keys.stream().map(MemberKey::tenantId).toList(),
				keys.stream().map(MemberKey::memberId).toList())
			.collectMap(m -> new MemberKey(m.tenantId(), m.memberId()), Function.identity());
	}

	/**
	 * The company a statement read with {@code member_card(tenant_id, member_id)} (migration V19: this
	 * feature's columns and the visibility rule of {@link #visible(Reader, Collection)}, in SQL another
	 * feature's page statement calls), as a member; null when hidden from the reader.
	 */
	public Member card(String json) {
		return members.card(json);
	}

	/** One member as visible to the reader, from any chamber; empty when hidden. */
	public Mono<Member> visible(Reader reader, MemberKey key) {
		return visible(reader, List.of(key)).flatMap(found -> Mono.justOrEmpty(found.get(key)));
	}

	/** Whether the user acts for this company (owner or staff). */
	public Mono<Boolean> isUserOf(CurrentTenant tenant, UUID memberId, UUID userId) {
		return members.isUserOf(tenant.id(), memberId, userId);
	}

	/** The company the user acts for in the chamber, if any. */
	public Mono<Member> companyOf(CurrentTenant tenant, UUID userId) {
		return members.findByUser(tenant.id(), userId);
	}

	public Mono<Map<MemberStatus, Integer>> countsByStatus(UUID tenantId) {
		return members.countsByStatus(tenantId);
	}

	public record MemberKey(UUID tenantId, UUID memberId) {
	}

	/**
	 * A member as seen from the current chamber: its admins see every member of theirs, a company's
	 * own users see it, everyone else sees ACTIVE companies only. Another chamber's member: its public
	 * profile when it has a live network listing or is in contact with the reader's company
	 * (matchmaking), else nothing. Read with its registrations and sectors, in one statement.
	 */
	public Mono<Member> visible(Reader reader, Visit visit, GlobalId id) {
		CurrentTenant tenant = visit.chamber();
		Optional<Caller> caller = visit.caller();
		if (!Member.TYPE.equals(id.type())) {
			return Mono.empty();
		}
		return profiles.find(reader, id.tenantId(), id.localId()).filterWhen(member -> {
			if (!tenant.id().equals(member.tenantId()) || member.active() || isChamberAdmin(caller, tenant)) {
				return Mono.just(true);
			}
			return caller.map(c -> members.isUserOf(tenant.id(), member.memberId(), c.userId())).orElse(Mono.just(false));
		});
	}

}
