package org.comptoir.tenants;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantResolverTests {

	private final TenantResolver resolver = new TenantResolver("comptoir.example",
			host -> host.equals("marche.cci-dakar.sn") ? Optional.of("senegal") : Optional.empty());

	@Test
	void headerWinsOverHost() {
		assertThat(resolver.resolve("maroc", "senegal.localhost:8080"))
			.isEqualTo(new TenantResolver.Resolution.Named("maroc", "X-Tenant header"));
	}

	@Test
	void slugSubdomainOfLocalhostAndOfBaseDomain() {
		assertThat(resolver.resolve(null, "maroc.localhost:8080"))
			.isInstanceOfSatisfying(TenantResolver.Resolution.Named.class, n -> assertThat(n.slug()).isEqualTo("maroc"));
		assertThat(resolver.resolve(null, "Rwanda.Comptoir.Example"))
			.isInstanceOfSatisfying(TenantResolver.Resolution.Named.class, n -> assertThat(n.slug()).isEqualTo("rwanda"));
	}

	@Test
	void customDomainNamesItsChamber() {
		assertThat(resolver.resolve("", "marche.cci-dakar.sn"))
			.isInstanceOfSatisfying(TenantResolver.Resolution.Named.class, n -> assertThat(n.slug()).isEqualTo("senegal"));
	}

	@Test
	void bareHostsNameNoChamber() {
		assertThat(resolver.resolve(null, "localhost:8080")).isInstanceOf(TenantResolver.Resolution.None.class);
		assertThat(resolver.resolve(null, "127.0.0.1:8080")).isInstanceOf(TenantResolver.Resolution.None.class);
		assertThat(resolver.resolve(null, "a.b.localhost")).isInstanceOf(TenantResolver.Resolution.None.class);
		assertThat(resolver.resolve(null, null)).isInstanceOf(TenantResolver.Resolution.None.class);
	}

	@Test
	void reservedAndMalformedSlugsAreInvalid() {
		assertThat(TenantSlugs.isValid("master")).isFalse();
		assertThat(TenantSlugs.isValid("platform")).isFalse();
		assertThat(TenantSlugs.isValid("Senegal")).isFalse();
		assertThat(TenantSlugs.isValid("cote-divoire")).isTrue();
	}

	@Test
	void demoChambersLoadFromDefinitionFiles() {
		assertThat(ChamberDefinitions.load()).extracting(d -> d.chamber().slug())
			.containsExactly("france", "maroc", "rwanda", "senegal");
	}

}
