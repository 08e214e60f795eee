package org.comptoir.api.support;

import java.util.concurrent.atomic.AtomicLong;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import org.dataloader.instrumentation.DataLoaderInstrumentationContext;
import org.dataloader.instrumentation.DataLoaderInstrumentationHelper;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The DataLoader loads of the API's requests, counted for the tests (the application scans this
 * component from the test classpath; production has none): each request gets a DataLoader registry
 * that counts the loads of the loaders Spring registers into it.
 */
@Component
public class DataLoaderLoads implements WebGraphQlInterceptor {

	private final AtomicLong loads = new AtomicLong();

	private final DataLoaderInstrumentation counting = new DataLoaderInstrumentation() {
		@Override
		public DataLoaderInstrumentationContext<Object> beginLoad(DataLoader<?, ?> dataLoader, Object key, Object loadContext) {
			loads.incrementAndGet();
			return DataLoaderInstrumentationHelper.noOpCtx();
		}
	};

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		request.configureExecutionInput((input, builder) -> builder
			.dataLoaderRegistry(DataLoaderRegistry.newRegistry().instrumentation(counting).build())
			.build());
		return chain.next(request);
	}

	/** Loads since start. */
	public long total() {
		return loads.get();
	}

}
