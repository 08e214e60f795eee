package org.comptoir.api.administration;

import java.util.List;

import org.comptoir.api.graphql.UserError;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantKind;

/** The inputs and payload of the chambers' administration mutations. */
final class TenantAdminInputs {

	private TenantAdminInputs() {
	}

	record UpdateBrandingInput(String displayName, String logoUrl, String primaryColor, String accentColor,
			String customDomain, Integer version) {
	}

	record CreateTenantInput(String slug, String name, TenantKind kind, String country, String defaultLocale,
			List<String> locales, String currency, String adminEmail) {
	}

	record TenantPayload(Tenant tenant, List<UserError> userErrors, String adminInitialPassword) {

		static TenantPayload errors(List<UserError> errors) {
			return new TenantPayload(null, errors, null);
		}
	}

}
