package org.comptoir.api.graphql;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents parsed and validated once, then reused: portals send the same few operations over and
 * over, and graphql-java would otherwise parse and validate each request's text again (a few hundred
 * microseconds to milliseconds of CPU for MarketplaceSearch). Keyed by the text (and the locale of
 * validation messages); bounded by the total length of the texts kept, so unique hostile documents
 * only push older ones out. Limits that depend on variables (page sizes, cost) still run per request.
 */
@Configuration(proxyBeanMethods = false)
class ParsedDocuments implements PreparsedDocumentProvider {

	/** At most this many characters of document text kept (about 32 MB with the parsed trees). */
	private static final long MAX_CHARACTERS = 8_000_000;

	private record Key(String text, Locale locale) {
	}

	private final Cache<Key, PreparsedDocumentEntry> documents = Caffeine.newBuilder()
		.maximumWeight(MAX_CHARACTERS)
		.weigher((Key key, PreparsedDocumentEntry entry) -> key.text().length() + 64)
		.build();

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		Key key = new Key(input.getQuery(), input.getLocale());
		return CompletableFuture.completedFuture(documents.get(key, k -> parseAndValidate.apply(input)));
	}

	@Bean
	GraphQlSourceBuilderCustomizer parsedDocumentsCache() {
		return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
	}

}
