package org.comptoir.local.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberImport;
import org.comptoir.api.member.MemberStatus;
import org.comptoir.api.member.MemberTier;
import org.comptoir.api.member.Registration;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.local.keycloak.DemoUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo companies of each demo chamber ({@code demo/<slug>/members.json}), loaded once
 * into a chamber that has no member yet; their owners are the demo users of the local Keycloak.
 * On in the local run only, unless {@code comptoir.demo-data} says otherwise ({@code identity.DeploymentPosture}).
 */
@Component
@ConditionalOnBooleanProperty(name = "comptoir.demo-data")
public class DemoMembers implements SmartInitializingSingleton {

	/** The demo companies are in the database (loaded now or before): the demo listings may follow. */
	public record DemoMembersLoaded() {
	}

	record DemoMember(String key, String name, String legalName, String city, String website, MemberStatus status, MemberTier tier,
			boolean verified, String owner, Map<String, String> description, List<Registration> registrations,
			List<String> sectors) {
	}

	private static final Logger log = LoggerFactory.getLogger(DemoMembers.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MemberImport members;

	private final TenantRegistry registry;

	private final ApplicationEventPublisher events;

	DemoMembers(MemberImport members, TenantRegistry registry, ApplicationEventPublisher events) {
		this.members = members;
		this.registry = registry;
		this.events = events;
	}

	/** The id of a demo company, stable across databases. */
	public static UUID idOf(String key) {
		return UUID.nameUUIDFromBytes(("comptoir-demo-member:" + key).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> loaded = Flux.fromIterable(registry.all())
			.concatMap(tenant -> load(tenant).map(count -> tenant.slug() + " " + count))
			.collectList()
			.block();
		if (!loaded.isEmpty()) {
			log.info("Demo companies loaded: {}", String.join(", ", loaded));
		}
		events.publishEvent(new DemoMembersLoaded());
	}

	private Mono<Integer> load(Tenant tenant) {
		ClassPathResource resource = new ClassPathResource("demo/" + tenant.slug() + "/members.json");
		if (!resource.exists()) {
			return Mono.empty();
		}
		return members.isEmpty(tenant.tenantId()).filter(Boolean::booleanValue).flatMap(none -> {
			List<DemoMember> demo = read(resource);
			return Flux.fromIterable(demo).concatMap(d -> {
				Member member = new Member(tenant.tenantId(), idOf(d.key()), d.name(), d.legalName(), d.status(), d.tier(),
						d.verified(), tenant.country(), d.city(), d.website(), d.description() == null ? Map.of() : d.description(), 0);
				UUID owner = d.owner() == null ? null : DemoUsers.idOf(d.owner());
				return members.insert(member, d.registrations() == null ? List.of() : d.registrations(),
						d.sectors() == null ? List.of() : d.sectors(), owner, d.owner());
			}).count().map(Long::intValue);
		});
	}

	/** The chamber's demo companies, none when it has no file. */
	static List<DemoMember> of(Tenant tenant) {
		ClassPathResource resource = new ClassPathResource("demo/" + tenant.slug() + "/members.json");
		return resource.exists() ? read(resource) : List.of();
	}

	private static List<DemoMember> read(ClassPathResource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new ArrayList<>(List.of(JSON.readValue(in, DemoMember[].class)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + resource, ex);
		}
	}

}
