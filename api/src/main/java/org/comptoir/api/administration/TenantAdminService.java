package org.comptoir.api.administration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.comptoir.api.administration.TenantAdminInputs.CreateTenantInput;
import org.comptoir.api.administration.TenantAdminInputs.TenantPayload;
import org.comptoir.api.administration.TenantAdminInputs.UpdateBrandingInput;
import org.comptoir.api.graphql.InputRules;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Invitations;
import org.comptoir.api.tenant.CustomDomains;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.api.tenant.TenantRepository;
import org.comptoir.keycloak.ChamberRealm;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantSlugs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The rules of a chamber's administration: its branding, and the opening of a chamber with its realm. */
@Service
record TenantAdminService(TenantRepository tenants, TenantRegistry registry, RealmProvisioner provisioner,
		Invitations invitations, CustomDomains customDomains) {

	private static final Logger log = LoggerFactory.getLogger(TenantAdminService.class);

	private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

	/** The chamber's branding, field by field (null keeps a field), at the version the admin read. */
	Mono<TenantPayload> updateBranding(CurrentTenant current, UpdateBrandingInput input) {
		return registry.byId(current.id()).flatMap(tenant -> {
			Tenant.Branding old = tenant.branding();
			// a new custom domain waits for its proof (verifyCustomDomain); the one served until then stays
			String asked = input.customDomain() == null ? null : InputRules.blankToNull(input.customDomain().strip().toLowerCase(Locale.ROOT));
			boolean domainRemoved = input.customDomain() != null && asked == null;
			TenantRepository.DomainRequest domainRequest = domainRemoved ? TenantRepository.DomainRequest.NONE
					: asked != null && !asked.equals(old.customDomain()) ? new TenantRepository.DomainRequest(asked, CustomDomains.newToken())
							: null;
			Tenant.Branding next = new Tenant.Branding(old.tenantId(),
					input.displayName() == null ? old.displayName() : input.displayName().trim(),
					input.logoUrl() == null ? old.logoUrl() : InputRules.blankToNull(input.logoUrl()),
					input.primaryColor() == null ? old.primaryColor() : input.primaryColor(),
					input.accentColor() == null ? old.accentColor() : input.accentColor(),
					domainRemoved ? null : old.customDomain());
			String domain = domainRequest == null ? null : domainRequest.domain();
			List<UserError> errors = brandingErrors(next, domain);
			if (!errors.isEmpty()) {
				return Mono.just(TenantPayload.errors(errors));
			}
			Mono<Boolean> taken = domain == null ? Mono.just(false) : tenants.domainTaken(current.id(), domain);
			return taken.flatMap(isTaken -> {
				if (isTaken) {
					return Mono.just(TenantPayload.errors(List.of(UserError.of("DOMAIN_TAKEN",
							"Another chamber uses " + domain + ".", "input", "customDomain"))));
				}
				int version = input.version() == null ? tenant.version() : input.version();
				return tenants.updateBranding(current.id(), version, next, domainRequest).flatMap(updated -> updated
						? registry.reload().then(registry.byId(current.id())).map(t -> new TenantPayload(t, List.of(), null))
						: Mono.just(TenantPayload.errors(List.of(UserError.of("CONFLICT",
								"The branding changed since version " + version + "; read it again.", "input", "version")))));
			});
		});
	}

	private List<UserError> brandingErrors(Tenant.Branding next, String domain) {
		List<UserError> errors = new ArrayList<>();
		if (!InputRules.isName(next.displayName(), 100)) {
			errors.add(UserError.of("INVALID_NAME", "The display name must be 2 to 100 characters.", "input", "displayName"));
		}
		if (!COLOR.matcher(next.primaryColor()).matches()) {
			errors.add(UserError.of("INVALID_COLOR", "primaryColor must be #RRGGBB: " + next.primaryColor(), "input", "primaryColor"));
		}
		if (!COLOR.matcher(next.accentColor()).matches()) {
			errors.add(UserError.of("INVALID_COLOR", "accentColor must be #RRGGBB: " + next.accentColor(), "input", "accentColor"));
		}
		if (next.logoUrl() != null && !next.logoUrl().matches("https://[^\\s]{4,500}")) {
			errors.add(UserError.of("INVALID_URL", "logoUrl must be an https URL.", "input", "logoUrl"));
		}
		if (domain != null) {
			customDomains.refusal(domain).ifPresent(reason -> errors.add(UserError.of("INVALID_DOMAIN", reason, "input", "customDomain")));
		}
		return errors;
	}

	/**
	 * Opens a chamber: its realm from the template, its first admin, then its row. A step that fails
	 * undoes the ones before it, so nothing is left half-made; the new realm is trusted at once.
	 */
	Mono<TenantPayload> createTenant(Caller caller, CreateTenantInput input) {
		String slug = input.slug() == null ? "" : input.slug().trim();
		List<UserError> errors = tenantErrors(slug, input);
		if (!errors.isEmpty()) {
			return Mono.just(TenantPayload.errors(errors));
		}
		return registry.bySlug(slug).hasElement().flatMap(exists -> {
			if (exists) {
				return Mono.just(TenantPayload.errors(List.of(UserError.of("SLUG_TAKEN", "A chamber '" + slug + "' exists.", "input", "slug"))));
			}
			UUID tenantId = UUID.randomUUID();
			Tenant tenant = new Tenant(tenantId, slug, input.name().trim(), input.kind(), input.country(),
					input.defaultLocale(), List.copyOf(input.locales()), input.currency(),
					new Tenant.Branding(tenantId, input.name().trim(), null, "#1F4E79", "#F2A900", null), 5, 0);
			return Mono.fromCallable(() -> provision(tenant, input.adminEmail()))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(password -> tenants.insert(tenant)
					.onErrorResume(ex -> undo(slug, ex).then(Mono.error(ex)))
					.flatMap(inserted -> inserted
							? registry.reload().then(registry.byId(tenant.tenantId())).map(t -> new TenantPayload(t, List.of(), password.isEmpty() ? null : password))
							: undo(slug, null).thenReturn(TenantPayload.errors(List.of(UserError.of("SLUG_TAKEN",
									"A chamber '" + slug + "' was opened meanwhile.", "input", "slug"))))))
				.onErrorResume(RealmTaken.class, ex -> Mono.just(TenantPayload.errors(List.of(UserError.of("SLUG_TAKEN",
						"The identity realm '" + slug + "' exists already.", "input", "slug")))))
				.doOnNext(payload -> {
					if (payload.tenant() != null) {
						log.info("Chamber '{}' opened by {}", slug, caller.email());
					}
				});
		});
	}

	private static List<UserError> tenantErrors(String slug, CreateTenantInput input) {
		List<UserError> errors = new ArrayList<>();
		if (!TenantSlugs.isValid(slug)) {
			errors.add(UserError.of("INVALID_SLUG",
					"The slug must be 3 to 40 lowercase letters, digits or dashes, and not a reserved name: " + slug, "input", "slug"));
		}
		if (!InputRules.isName(input.name(), 200)) {
			errors.add(UserError.of("INVALID_NAME", "The name must be 2 to 200 characters.", "input", "name"));
		}
		if (input.locales() == null || input.locales().isEmpty() || !input.locales().contains(input.defaultLocale())) {
			errors.add(UserError.of("INVALID_LOCALES", "locales must include defaultLocale.", "input", "locales"));
		}
		if (!InputRules.isEmail(input.adminEmail())) {
			errors.add(UserError.of("INVALID_EMAIL", "adminEmail is not an email address.", "input", "adminEmail"));
		}
		return errors;
	}

	private static final class RealmTaken extends RuntimeException {

		RealmTaken() {
			super(null, null, false, false);
		}

	}

	/**
	 * Realm, then admin (invited: the required-actions email); if the admin fails, the realm goes. Returns the
	 * admin's temporary password in development, else an empty string (a Mono cannot carry null).
	 */
	private String provision(Tenant tenant, String adminEmail) {
		if (provisioner.realmExists(tenant.slug())) {
			throw new RealmTaken();
		}
		provisioner.createRealm(new ChamberRealm(tenant.slug(), tenant.branding().displayName(), tenant.defaultLocale(),
				tenant.locales()));
		try {
			String temporary = provisioner.inviteAdmin(tenant.slug(), adminEmail, invitations.invitation()).temporaryPassword();
			return temporary == null ? "" : temporary;
		}
		catch (RuntimeException ex) {
			provisioner.deleteRealm(tenant.slug());
			throw ex;
		}
	}

	private Mono<Void> undo(String slug, Throwable cause) {
		log.warn("Undoing chamber '{}': {}", slug, cause == null ? "slug taken meanwhile" : cause.toString());
		return Mono.fromRunnable(() -> provisioner.deleteRealm(slug)).subscribeOn(Schedulers.boundedElastic()).then();
	}

}
