package org.comptoir.api.tenant;

import org.comptoir.api.support.Api;
import java.util.Map;

import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TenantAdminIntegrationTests extends Chambers {

	@Test
	void adminBrandsThePortalAndTheNewBrandingIsServedAtOnceByHostToo() {
		as("admin", "rwanda").documentName("UpdateBranding").variable("input", Map.of("displayName", "Marché de Kigali",
				"primaryColor", "#20603D", "accentColor", "#FAD201", "logoUrl", "https://static.kigali.example/logo.svg",
				"customDomain", "Marche.Kigali-PSF.example"))
			.execute()
			.path("updateBranding.userErrors").entityList(Object.class).hasSize(0)
			.path("updateBranding.tenant.branding.displayName").entity(String.class).isEqualTo("Marché de Kigali")
			// a custom domain is served once proved (CustomDomainIntegrationTests): asked for, not yet served
			.path("updateBranding.tenant.branding.customDomain").valueIsNull();

		HttpGraphQlTester byHost = Api.tester(api().http().mutate()
			.baseUrl("http://localhost:" + port + "/graphql").defaultHeader("Host", "rwanda.localhost").build());
		byHost.documentName("PortalShell").execute()
			.path("tenant.slug").entity(String.class).isEqualTo("rwanda")
			.path("tenant.branding.primaryColor").entity(String.class).isEqualTo("#20603D")
			.path("tenant.branding.logoUrl").entity(String.class).isEqualTo("https://static.kigali.example/logo.svg");
		Api.tester(api().http().mutate()
			.baseUrl("http://localhost:" + port + "/graphql").defaultHeader("Host", "marche.kigali-psf.example").build())
			.document("{ tenant { slug } }").execute()
			.errors().satisfy(errors -> assertThat(errors).isNotEmpty());
	}

	@Test
	void invalidBrandingIsRefusedFieldByField() {
		as("admin", "senegal").documentName("UpdateBranding").variable("input", Map.of("primaryColor", "green",
				"accentColor", "#12345", "logoUrl", "http://insecure.example/logo.png"))
			.execute()
			.path("updateBranding.tenant").valueIsNull()
			.path("updateBranding.userErrors[*].code").entityList(String.class)
			.satisfies(codes -> assertThat(codes).containsExactlyInAnyOrder("INVALID_COLOR", "INVALID_COLOR", "INVALID_URL"));
		anonymous("senegal").documentName("PortalShell").execute()
			.path("tenant.branding.primaryColor").entity(String.class).isEqualTo("#00853F");
	}

	@Test
	void onlyTheChambersAdminsBrandIt() {
		as("owner", "senegal").documentName("UpdateBranding").variable("input", Map.of("primaryColor", "#000000")).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
	}

	@Test
	void staleBrandingVersionIsAConflict() {
		int version = anonymous("france").document("{ tenant { version } }").execute().path("tenant.version").entity(Integer.class).get();
		String mutation = """
				mutation($input: UpdateBrandingInput!) { updateBranding(input: $input) { tenant { version } userErrors { code } } }""";
		as("admin", "france").document(mutation).variable("input", Map.of("accentColor", "#ED2939", "version", version)).execute()
			.path("updateBranding.tenant.version").entity(Integer.class).isEqualTo(version + 1);
		as("admin", "france").document(mutation).variable("input", Map.of("accentColor", "#000000", "version", version)).execute()
			.path("updateBranding.userErrors[0].code").entity(String.class).isEqualTo("CONFLICT");
	}

}
