package org.comptoir.api.media;

import java.time.Duration;

import org.comptoir.api.database.TenantTransactions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link BlobStore}, as {@code comptoir.media.store} says: {@code database} unless set. */
@Configuration(proxyBeanMethods = false)
class MediaStorageConfiguration {

	@Bean
	@ConditionalOnProperty(name = "comptoir.media.store", havingValue = "database", matchIfMissing = true)
	BlobStore databaseBlobStore(TenantTransactions transactions) {
		return new DatabaseBlobStore(transactions);
	}

	/** The object store, its bucket created when missing before the application takes requests. */
	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "comptoir.media.store", havingValue = "s3")
	BlobStore s3BlobStore(MediaProperties properties) {
		S3BlobStore store = S3BlobStore.create(properties.s3());
		store.ensureBucket().block(Duration.ofSeconds(30));
		return store;
	}

}
