package org.comptoir.api.identity;

import graphql.schema.DataFetchingEnvironment;
import org.comptoir.tenants.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;
import org.springframework.stereotype.Component;

/**
 * Controller parameters of the request's {@link Visit}: the visit itself, or only its chamber (a
 * {@link CurrentTenant} parameter, {@code TENANT_NOT_FOUND} without one unless {@code @Nullable}),
 * for the features that know no caller (tenant, hs). Spring Boot adds every such bean to the
 * controllers' resolvers.
 */
@Component
class VisitArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Visit.class.equals(parameter.getParameterType()) || CurrentTenant.class.equals(parameter.getParameterType());
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, DataFetchingEnvironment environment) {
		Visit visit = Visit.of(environment.getGraphQlContext());
		if (Visit.class.equals(parameter.getParameterType())) {
			return visit;
		}
		return parameter.isOptional() ? visit.findChamber().orElse(null) : visit.chamber();
	}

}
