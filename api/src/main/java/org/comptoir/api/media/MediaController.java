package org.comptoir.api.media;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.listing.Listing;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.tenant.Tenant;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * Pictures and documents in GraphQL: the fields on Listing, Member and Branding (each page's media in
 * one statement per kind of owner, whatever fields ask for them), Image, Document and Upload, and the
 * mutations.
 */
@Controller
class MediaController {

	/** A page's media of one kind of owner, by owner. */
	record ListingMedia(List<Media> all) {
	}

	record MemberMedia(List<Media> all) {
	}

	record ChamberMedia(List<Media> all) {
	}

	record ImageVariant(String name, String format, int width, int height, long byteSize, String url) {
	}

	private final MediaService service;

	private final MediaQuotas quotas;

	private final MediaRepository media;

	private final MediaUrls urls;

	private final MemberDirectory directory;

	MediaController(MediaService service, MediaQuotas quotas, MediaRepository media, MediaUrls urls, MemberDirectory directory,
			BatchLoaderRegistry loaders) {
		this.service = service;
		this.quotas = quotas;
		this.media = media;
		this.urls = urls;
		this.directory = directory;
		loaders.forTypePair(Listing.class, ListingMedia.class)
			.registerMappedBatchLoader((batch, environment) -> listingMedia(batch, environment.getContext()));
		loaders.forTypePair(Tenant.Branding.class, ChamberMedia.class)
			.registerMappedBatchLoader((batch, environment) -> chamberMedia(batch, environment.getContext()));
		loaders.forTypePair(Member.class, MemberMedia.class)
			.registerMappedBatchLoader((batch, environment) -> memberMedia(batch, environment.getContext()));
	}

	private Mono<Map<Listing, ListingMedia>> listingMedia(Set<Listing> batch, GraphQLContext context) {
		return reader(context, batch.iterator().next().tenantId())
			.flatMap(reader -> media.ofListings(reader, tenants(batch, Listing::tenantId), batch.stream().map(Listing::listingId).toList())
				.collectMultimap(m -> m.tenantId() + "/" + m.listingId()))
			.map(found -> batch.stream().collect(Collectors.toMap(Function.identity(), listing -> new ListingMedia(
					List.copyOf(found.getOrDefault(listing.tenantId() + "/" + listing.listingId(), List.of()))))));
	}

	private Mono<Map<Member, MemberMedia>> memberMedia(Set<Member> batch, GraphQLContext context) {
		return reader(context, batch.iterator().next().tenantId())
			.flatMap(reader -> media.ofMembers(reader, tenants(batch, Member::tenantId), batch.stream().map(Member::memberId).toList())
				.collectMultimap(m -> m.tenantId() + "/" + m.memberId()))
			.map(found -> batch.stream().collect(Collectors.toMap(Function.identity(), member -> new MemberMedia(
					List.copyOf(found.getOrDefault(member.tenantId() + "/" + member.memberId(), List.of()))))));
	}

	private Mono<Map<Tenant.Branding, ChamberMedia>> chamberMedia(Set<Tenant.Branding> batch, GraphQLContext context) {
		return reader(context, batch.iterator().next().tenantId())
			.flatMap(reader -> media.ofChambers(reader, tenants(batch, Tenant.Branding::tenantId)).collectMultimap(Media::tenantId))
			.map(found -> batch.stream().collect(Collectors.toMap(Function.identity(),
					branding -> new ChamberMedia(List.copyOf(found.getOrDefault(branding.tenantId(), List.of()))))));
	}

	/** Who reads: the request's caller in its chamber; a federation router may ask with none, then the owners' chamber. */
	private Mono<Reader> reader(GraphQLContext context, UUID owners) {
		Visit visit = Visit.of(context);
		return visit.findChamber().isPresent() ? directory.reader(context, visit) : Mono.just(Reader.outsider(owners));
	}

	private static <T> Set<UUID> tenants(Collection<T> batch, Function<T, UUID> tenant) {
		return batch.stream().map(tenant).collect(Collectors.toSet());
	}

	// owners

	@SchemaMapping(typeName = "Listing")
	CompletableFuture<List<Media>> images(Listing listing, DataLoader<Listing, ListingMedia> listingMedia) {
		return listingMedia.load(listing).thenApply(found -> of(found.all(), Media.Role.LISTING_IMAGE));
	}

	@SchemaMapping(typeName = "Listing")
	CompletableFuture<@Nullable Media> cover(Listing listing, DataLoader<Listing, ListingMedia> listingMedia) {
		return listingMedia.load(listing).thenApply(found -> of(found.all(), Media.Role.LISTING_IMAGE).stream().findFirst().orElse(null));
	}

	@SchemaMapping(typeName = "Listing")
	CompletableFuture<List<Media>> documents(Listing listing, DataLoader<Listing, ListingMedia> listingMedia) {
		return listingMedia.load(listing).thenApply(found -> of(found.all(), Media.Role.LISTING_DOCUMENT));
	}

	@SchemaMapping(typeName = "Member")
	CompletableFuture<@Nullable Media> logo(Member member, DataLoader<Member, MemberMedia> memberMedia) {
		return memberMedia.load(member).thenApply(found -> of(found.all(), Media.Role.MEMBER_LOGO).stream().findFirst().orElse(null));
	}

	@SchemaMapping(typeName = "Member")
	CompletableFuture<List<Media>> gallery(Member member, DataLoader<Member, MemberMedia> memberMedia) {
		return memberMedia.load(member).thenApply(found -> of(found.all(), Media.Role.MEMBER_GALLERY));
	}

	@SchemaMapping(typeName = "Branding")
	CompletableFuture<@Nullable Media> logo(Tenant.Branding branding, DataLoader<Tenant.Branding, ChamberMedia> chamberMedia) {
		return chamberMedia.load(branding).thenApply(found -> of(found.all(), Media.Role.CHAMBER_LOGO).stream().findFirst().orElse(null));
	}

	@SchemaMapping(typeName = "Branding")
	CompletableFuture<@Nullable Media> favicon(Tenant.Branding branding, DataLoader<Tenant.Branding, ChamberMedia> chamberMedia) {
		return chamberMedia.load(branding).thenApply(found -> of(found.all(), Media.Role.CHAMBER_FAVICON).stream().findFirst().orElse(null));
	}

	private static List<Media> of(List<Media> all, Media.Role role) {
		return all.stream().filter(m -> m.role() == role).sorted(Comparator.comparingInt(Media::position)).toList();
	}

	@SchemaMapping(typeName = "Tenant")
	Mono<List<Media.Quota>> mediaQuotas(Tenant tenant) {
		return quotas.quotas(tenant.tenantId());
	}

	// Image, Document, Upload

	@SchemaMapping(typeName = "Image", field = "id")
	String imageId(Media image) {
		return GlobalId.of(Media.IMAGE, image.tenantId(), image.mediaId()).encode();
	}

	@SchemaMapping(typeName = "Image")
	@Nullable String alt(Media image, @Argument @Nullable String locale) {
		if (locale != null && image.alt().containsKey(locale)) {
			return image.alt().get(locale);
		}
		return image.alt().values().stream().findFirst().orElse(null);
	}

	@SchemaMapping(typeName = "Image")
	String url(Media image, @Argument Integer width, @Argument String format) {
		int wanted = width == null ? 480 : width;
		String asked = format == null ? "JPEG" : format;
		List<Media.File> ofFormat = image.files().stream().filter(f -> f.format().equals(asked))
			.sorted(Comparator.comparingInt(f -> f.width() == null ? 0 : f.width())).toList();
		Media.File chosen = ofFormat.stream().filter(f -> f.width() != null && f.width() >= wanted).findFirst()
			.orElse(ofFormat.get(ofFormat.size() - 1));
		return urls.file(image, chosen);
	}

	@SchemaMapping(typeName = "Image")
	List<ImageVariant> variants(Media image) {
		return image.files().stream()
			.map(f -> new ImageVariant(f.variant(), f.format(), f.width(), f.height(), f.byteSize(), urls.file(image, f)))
			.toList();
	}

	@SchemaMapping(typeName = "Document", field = "id")
	String documentId(Media document) {
		return GlobalId.of(Media.DOCUMENT, document.tenantId(), document.mediaId()).encode();
	}

	@SchemaMapping(typeName = "Document", field = "url")
	String documentUrl(Media document) {
		return urls.file(document, document.files().get(0));
	}

	@SchemaMapping(typeName = "Upload", field = "id")
	String uploadId(Media.Upload upload) {
		return GlobalId.of(MediaService.UPLOAD, upload.tenantId(), upload.uploadId()).encode();
	}

	@SchemaMapping(typeName = "Upload", field = "url")
	String uploadUrl(Media.Upload upload) {
		return urls.upload(upload.tenantId(), upload.uploadId());
	}

	@SchemaMapping(typeName = "Upload")
	long offset(Media.Upload upload) {
		return upload.received();
	}

	@SchemaMapping(typeName = "Upload")
	boolean complete(Media.Upload upload) {
		return upload.complete();
	}

	@QueryMapping
	Mono<Media.Upload> upload(@Argument String id, Visit visit) {
		return service.upload(visit, id);
	}

	// mutations

	@MutationMapping
	Mono<MediaPayloads.RequestUploadPayload> requestUpload(@Argument MediaInputs.RequestUploadInput input, Visit visit) {
		return service.requestUpload(visit, input);
	}

	@MutationMapping
	Mono<MediaPayloads.ListingMediaPayload> addListingImage(@Argument MediaInputs.AddListingImageInput input, Visit visit) {
		return service.addListingImage(visit, input).map(p -> new MediaPayloads.ListingMediaPayload(p.owner(), p.userErrors()));
	}

	@MutationMapping
	Mono<MediaPayloads.ListingMediaPayload> reorderListingImages(@Argument MediaInputs.ReorderListingImagesInput input, Visit visit) {
		return service.reorderListingImages(visit, input).map(p -> new MediaPayloads.ListingMediaPayload(p.owner(), p.userErrors()));
	}

	@MutationMapping
	Mono<MediaPayloads.ListingMediaPayload> addListingDocument(@Argument MediaInputs.AddListingDocumentInput input, Visit visit) {
		return service.addListingDocument(visit, input).map(p -> new MediaPayloads.ListingMediaPayload(p.owner(), p.userErrors()));
	}

	@MutationMapping
	Mono<MediaPayloads.MemberMediaPayload> setMemberLogo(@Argument MediaInputs.SetMemberLogoInput input, Visit visit) {
		return service.setMemberLogo(visit, input).map(p -> new MediaPayloads.MemberMediaPayload(p.owner(), p.userErrors()));
	}

	@MutationMapping
	Mono<MediaPayloads.MemberMediaPayload> addGalleryImage(@Argument MediaInputs.AddGalleryImageInput input, Visit visit) {
		return service.addGalleryImage(visit, input).map(p -> new MediaPayloads.MemberMediaPayload(p.owner(), p.userErrors()));
	}

	@MutationMapping
	Mono<MediaPayloads.BrandingImagePayload> setBrandingImage(@Argument MediaInputs.SetBrandingImageInput input, Visit visit) {
		return service.setBrandingImage(visit, input).map(p -> new MediaPayloads.BrandingImagePayload(p.owner(), p.userErrors()));
	}

	@MutationMapping
	Mono<MediaPayloads.OwnerPayload> replaceImage(@Argument MediaInputs.ReplaceImageInput input, Visit visit) {
		return service.replaceImage(visit, input);
	}

	@MutationMapping
	Mono<MediaPayloads.MemberMediaPayload> reorderGallery(@Argument MediaInputs.ReorderGalleryInput input, Visit visit) {
		return service.reorderGallery(visit, input).map(p -> new MediaPayloads.MemberMediaPayload(p.owner(), p.userErrors()));
	}

	@MutationMapping
	Mono<MediaPayloads.OwnerPayload> replaceDocument(@Argument MediaInputs.ReplaceDocumentInput input, Visit visit) {
		return service.replaceDocument(visit, input);
	}

	@MutationMapping
	Mono<MediaPayloads.OwnerPayload> removeMedia(@Argument MediaInputs.RemoveMediaInput input, Visit visit) {
		return service.remove(visit, input);
	}

	@MutationMapping
	Mono<MediaPayloads.MediaQuotaPayload> setMediaQuota(@Argument MediaInputs.SetMediaQuotaInput input, Visit visit) {
		return quotas.setQuota(visit, input);
	}

}
