package org.comptoir.api.media;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Pictures and documents (README, "Pictures and documents").
 *
 * @param store where served files live: {@code database} (the default, nothing else to run) or {@code s3}
 * @param s3 the object store, when {@code store} is {@code s3}
 * @param maxPixels an image past this many pixels is refused before it is decoded (decompression bombs)
 * @param processors images and documents processed at once; more wait their turn, so the heap stays bounded
 * @param uploadTtl an upload not attached within this time is removed, its bytes with it
 * @param signedUrlTtl how long a signed URL (the files of a listing that is not public) stays valid
 * @param signingKey the key of signed URLs, shared by every instance; a random one per start when not set
 * (then a restart ends the URLs given before it)
 * @param baseUrl what media and upload URLs start with (e.g. {@code https://api.comptoir.example}); empty: they
 * are paths on the host the API is reached by
 * @param quotas what each tier may attach, in a chamber that has not set its own ({@code setMediaQuota})
 */
@ConfigurationProperties("comptoir.media")
record MediaProperties(@DefaultValue("database") String store, @DefaultValue S3 s3,
		@DefaultValue("40000000") long maxPixels, @DefaultValue("2") int processors,
		@DefaultValue("24h") Duration uploadTtl, @DefaultValue("1h") Duration signedUrlTtl,
		@Nullable String signingKey, @DefaultValue("") String baseUrl, @DefaultValue Quotas quotas) {

	record Quotas(@DefaultValue("3") int freeImagesPerListing, @DefaultValue("1") int freeDocumentsPerListing,
			@DefaultValue("3") int freeGalleryImages, @DefaultValue("5MB") DataSize freeMaxFileSize,
			@DefaultValue("12") int premiumImagesPerListing, @DefaultValue("5") int premiumDocumentsPerListing,
			@DefaultValue("12") int premiumGalleryImages, @DefaultValue("25MB") DataSize premiumMaxFileSize) {
	}

	/**
	 * @param endpoint the S3 API's address (any S3-compatible server); empty for AWS itself
	 * @param pathStyle bucket in the path rather than the host name (most S3-compatible servers want it)
	 */
	record S3(@Nullable URI endpoint, @DefaultValue("us-east-1") String region, @DefaultValue("comptoir-media") String bucket,
			@Nullable String accessKey, @Nullable String secretKey, @DefaultValue("true") boolean pathStyle) {
	}

}
