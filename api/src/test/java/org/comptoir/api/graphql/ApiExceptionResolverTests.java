package org.comptoir.api.graphql;

import java.util.List;

import graphql.GraphQLError;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLObjectType;
import graphql.Scalars;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class ApiExceptionResolverTests {

	private final ApiExceptionResolver resolver = new ApiExceptionResolver();

	private final DataFetchingEnvironment env = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
		.executionStepInfo(ExecutionStepInfo.newExecutionStepInfo()
			.type(GraphQLObjectType.newObject().name("Tenant").field(f -> f.name("slug").type(Scalars.GraphQLString)).build())
			.path(ResultPath.parse("/tenant"))
			.build())
		.mergedField(graphql.execution.MergedField.newMergedField(Field.newField("tenant").build()).build())
		.build();

	@Test
	void unexpectedFailureRevealsNoSqlClassNameOrStackTrace() {
		GraphQLError error = resolver.resolveToSingleError(
				new DataAccessResourceFailureException("SELECT secret FROM tenant WHERE tenant_id = 'x'", new IllegalStateException("pool")), env);
		assertThat(error.getExtensions()).containsEntry("code", "INTERNAL");
		assertThat(error.getMessage()).startsWith("Internal error").doesNotContain("SELECT", "Exception", "secret", "org.");
		assertThat(error.getExtensions().keySet()).containsOnly("code");
	}

	@Test
	void apiExceptionKeepsItsCodeAndMessage() {
		GraphQLError error = resolver.resolveToSingleError(new ApiException(ErrorCode.NOT_FOUND, "No such listing."), env);
		assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND");
		assertThat(error.getMessage()).isEqualTo("No such listing.");
		assertThat(error.getPath()).isEqualTo(List.of("tenant"));
	}

}
