package org.comptoir.api.media;

import org.comptoir.api.database.TenantTransactions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where served files live: {@code comptoir.media.store}, {@code database} unless set. */
@Configuration(proxyBeanMethods = false)
class MediaStorageConfiguration {

	@Bean
	@ConditionalOnProperty(name = "comptoir.media.store", havingValue = "database", matchIfMissing = true)
	BlobStore databaseBlobStore(TenantTransactions transactions) {
		return new DatabaseBlobStore(transactions);
	}

}
