package org.comptoir.api.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.keycloak.RealmTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Companies of the test's own, so that suspending or rejecting one leaves the demo companies the
 * other classes rely on untouched: a new user of the chamber's realm registers it, its admin decides.
 */
public abstract class FreshCompanies extends Chambers {

	@Autowired
	protected RealmProvisioner provisioner;

	/** A user of a chamber's realm and, once registered, the company they act for. */
	public record Company(String slug, String email, String token, String id) {
	}

	/** A new user of the realm (role member, or the roles given), with no company. */
	protected Company user(String slug, String... roles) {
		String email = "u-" + UUID.randomUUID().toString().substring(0, 8) + "@" + slug + ".test";
		String password = "Pw-" + UUID.randomUUID();
		provisioner.createUser(slug, email, "Fresh", "User", password, roles.length == 0 ? new String[] { RealmTemplate.MEMBER } : roles);
		return new Company(slug, email, tokens().password(slug, email, password), null);
	}

	/** A new company of the chamber, PENDING, then through the admin's decisions (APPROVE, SUSPEND, REJECT...). */
	protected Company company(String slug, String... decisions) {
		return register(user(slug), decisions);
	}

	protected Company register(Company user, String... decisions) {
		String country = Map.of("senegal", "SN", "maroc", "MA", "rwanda", "RW", "france", "FR").get(user.slug());
		String id = as(user).documentName("RegisterMember")
			.variable("input", Map.of("name", "Négoce " + user.email().substring(2, 8), "country", country)).execute()
			.path("registerMember.member.id").entity(String.class).get();
		Company company = new Company(user.slug(), user.email(), user.token(), id);
		decide(company, decisions);
		return company;
	}

	protected void decide(Company company, String... decisions) {
		for (String decision : decisions) {
			as("admin", company.slug()).documentName("ReviewMember")
				.variable("input", Map.of("memberId", company.id(), "decision", decision)).execute()
				.path("reviewMember.userErrors").entityList(Object.class).hasSize(0);
		}
	}

	protected HttpGraphQlTester as(Company company) {
		return api().as(company.slug(), company.token());
	}

	/** A published listing of the company: its id. */
	protected String listing(Company company, String kind, String hsCode, String visibility) {
		return as(company).documentName("CreateListing").variable("input", Map.of("kind", kind, "title",
				"Lot " + hsCode + " " + visibility.toLowerCase() + " " + UUID.randomUUID().toString().substring(0, 4),
				"hsCode", hsCode, "visibility", visibility)).execute()
			.path("createListing.userErrors").entityList(Object.class).hasSize(0)
			.path("createListing.listing.id").entity(String.class).get();
	}

	protected static List<String> codes(List<Map<String, Object>> errors) {
		return errors.stream().map(e -> (String) ((Map<?, ?>) e.get("extensions")).get("code")).toList();
	}

}
