package org.comptoir.api.media;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pictures and documents (README, "Pictures and documents").
 *
 * @param store where served files live: {@code database} (the default, nothing else to run) or {@code s3}
 * @param s3 the object store, when {@code store} is {@code s3}
 * @param maxPixels an image past this many pixels is refused before it is decoded (decompression bombs)
 * @param processors images and documents processed at once; more wait their turn, so the heap stays bounded
 * @param uploadTtl an upload not attached within this time is removed, its bytes with it
 * @param signedUrlTtl how long a signed URL (the files of a listing that is not public) stays valid
 * @param signingKey the key of signed URLs; a random one per start when not set (then a restart ends them)
 */
@ConfigurationProperties("comptoir.media")
record MediaProperties(@DefaultValue("database") String store, @DefaultValue S3 s3,
		@DefaultValue("40000000") long maxPixels, @DefaultValue("2") int processors,
		@DefaultValue("24h") Duration uploadTtl, @DefaultValue("1h") Duration signedUrlTtl,
		@Nullable String signingKey) {

	/**
	 * @param endpoint the S3 API's address (any S3-compatible server); empty for AWS itself
	 * @param pathStyle bucket in the path rather than the host name (most S3-compatible servers want it)
	 */
	record S3(@Nullable URI endpoint, @DefaultValue("us-east-1") String region, @DefaultValue("comptoir-media") String bucket,
			@Nullable String accessKey, @Nullable String secretKey, @DefaultValue("true") boolean pathStyle) {
	}

}
