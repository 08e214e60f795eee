package org.comptoir.api.media;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.member.MemberTier;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pictures and documents: uploads asked for and received, attached to a listing, a company or the
 * chamber within the tier's quota, processed once ({@link MediaFiles}), removed. The rules are here; the
 * bytes' handling is in {@link MediaFiles}.
 */
@Service
class MediaService {

	static final String UPLOAD = "Upload";

	private static final UserError UPLOAD_NOT_FOUND = UserError.of("UPLOAD_NOT_FOUND",
			"No such upload of yours: it may have expired or been attached already.", "input", "uploadId");

	/** The types an upload of each kind may declare: those processing takes. */
	private static final Map<Media.MediaKind, Set<String>> TYPES = Arrays.stream(MediaProcessing.FileType.values())
		.collect(Collectors.groupingBy(type -> type.image() ? Media.MediaKind.IMAGE : Media.MediaKind.DOCUMENT,
				Collectors.mapping(type -> type.contentType, Collectors.toSet())));

	private final MediaRepository media;

	private final MediaFiles files;

	private final MediaQuotas quotas;

	private final MediaOwners owners;

	private final MediaProperties properties;

	private final TenantRegistry registry;

	private final TenantTransactions transactions;

	MediaService(MediaRepository media, MediaFiles files, MediaQuotas quotas, MediaOwners owners, MediaProperties properties,
			TenantRegistry registry, TenantTransactions transactions) {
		this.media = media;
		this.files = files;
		this.quotas = quotas;
		this.owners = owners;
		this.properties = properties;
		this.registry = registry;
		this.transactions = transactions;
	}

	// uploads

	/** Step 1: the upload declared, within the caller's tier's file size. */
	Mono<MediaPayloads.RequestUploadPayload> requestUpload(Visit visit, MediaInputs.RequestUploadInput input) {
		Caller caller = visit.signedIn();
		CurrentTenant chamber = visit.chamber();
		List<UserError> errors = new ArrayList<>();
		String type = input.contentType() == null ? "" : input.contentType().trim().toLowerCase();
		if (!TYPES.get(input.kind()).contains(type)) {
			errors.add(UserError.of("UNSUPPORTED_FILE_TYPE", "A" + (input.kind() == Media.MediaKind.IMAGE ? "n image" : " document")
					+ " is one of " + String.join(", ", TYPES.get(input.kind()).stream().sorted().toList()) + "; not " + type + ".",
					"input", "contentType"));
		}
		String sha256 = input.sha256() == null ? "" : input.sha256().trim().toLowerCase();
		if (!sha256.matches("[0-9a-f]{64}")) {
			errors.add(UserError.of("INVALID_CHECKSUM", "sha256 is the file's SHA-256 in hex: 64 characters 0-9, a-f.", "input", "sha256"));
		}
		if (input.fileName() != null && input.fileName().length() > 200) {
			errors.add(UserError.of("BAD_USER_INPUT", "fileName is at most 200 characters.", "input", "fileName"));
		}
		return quotas.tierOf(visit).flatMap(tier -> quotas.quota(chamber.id(), tier).flatMap(quota -> {
			if (input.byteSize() <= 0 || input.byteSize() > quota.maxFileSize()) {
				errors.add(UserError.of("FILE_TOO_LARGE", tier + " companies send files of at most " + megabytes(quota.maxFileSize())
						+ "; this one is " + megabytes(Math.max(0, input.byteSize())) + ".", "input", "byteSize"));
			}
			if (!errors.isEmpty()) {
				return Mono.just(new MediaPayloads.RequestUploadPayload(null, errors));
			}
			Media.Upload upload = new Media.Upload(chamber.id(), UUID.randomUUID(), caller.userId(), input.kind(), type,
					input.fileName(), input.byteSize(), sha256, 0, OffsetDateTime.now(ZoneOffset.UTC).plus(properties.uploadTtl()));
			return media.insertUpload(upload).thenReturn(new MediaPayloads.RequestUploadPayload(upload, List.of()));
		}));
	}

	/** The owner shown again, or the error. */
	private Mono<MediaPayloads.OwnerPayload> payload(Attached attached) {
		return attached.error() != null ? Mono.just(MediaPayloads.OwnerPayload.error(attached.error())) : owners.shown(attached.target());
	}

	/** The caller's own upload, to see how far it got. */
	Mono<Media.Upload> upload(Visit visit, String id) {
		GlobalId key = GlobalId.require(id, UPLOAD, "id");
		if (!key.tenantId().equals(visit.chamber().id())) {
			return Mono.empty();
		}
		return media.findUpload(key.tenantId(), key.localId()).filter(u -> u.userId().equals(visit.signedIn().userId()));
	}

	/** An upload by its URL (the capability), if it is still there. */
	Mono<Media.Upload> upload(String slug, UUID uploadId) {
		return registry.bySlug(slug).flatMap(tenant -> media.findUpload(tenant.tenantId(), uploadId));
	}

	// attach

	Mono<MediaPayloads.OwnerPayload> addListingImage(Visit visit, MediaInputs.AddListingImageInput input) {
		return owners.ownListing(visit, input.listingId(), Media.Role.LISTING_IMAGE)
			.flatMap(target -> attach(visit, target, input.uploadId(), alt(input.alt()), null, input.position()))
			.flatMap(this::payload);
	}

	Mono<MediaPayloads.OwnerPayload> addListingDocument(Visit visit, MediaInputs.AddListingDocumentInput input) {
		String title = input.title() == null ? "" : input.title().trim();
		if (title.isEmpty() || title.length() > 200) {
			return Mono.just(MediaPayloads.OwnerPayload.error(UserError.of("BAD_USER_INPUT",
					"A document's title has 1 to 200 characters.", "input", "title")));
		}
		return owners.ownListing(visit, input.listingId(), Media.Role.LISTING_DOCUMENT)
			.flatMap(target -> attach(visit, target, input.uploadId(), Map.of(), title, null))
			.flatMap(this::payload);
	}

	Mono<MediaPayloads.OwnerPayload> addGalleryImage(Visit visit, MediaInputs.AddGalleryImageInput input) {
		return owners.ownCompany(visit, input.memberId(), Media.Role.MEMBER_GALLERY)
			.flatMap(target -> attach(visit, target, input.uploadId(), alt(input.alt()), null, null))
			.flatMap(this::payload);
	}

	/** The company's one logo: replaced when it has one. */
	Mono<MediaPayloads.OwnerPayload> setMemberLogo(Visit visit, MediaInputs.SetMemberLogoInput input) {
		return owners.ownCompany(visit, input.memberId(), Media.Role.MEMBER_LOGO)
			.flatMap(target -> media.ofMembers(Reader.chamber(target.tenantId()), List.of(target.tenantId()), List.of(target.memberId()))
				.filter(m -> m.role() == Media.Role.MEMBER_LOGO).next()
				.map(logo -> replace(visit, logo, input.uploadId(), input.alt(), null))
				.defaultIfEmpty(Mono.defer(() -> attach(visit, target, input.uploadId(), alt(input.alt()), null, null)))
				.flatMap(work -> work))
			.flatMap(this::payload);
	}

	Mono<MediaPayloads.OwnerPayload> setBrandingImage(Visit visit, MediaInputs.SetBrandingImageInput input) {
		visit.chamberAdmin("set the chamber's " + input.image().name().toLowerCase());
		UUID tenantId = visit.chamber().id();
		Media.Role role = input.image() == MediaImport.ChamberImage.LOGO ? Media.Role.CHAMBER_LOGO : Media.Role.CHAMBER_FAVICON;
		MediaOwners.Target target = new MediaOwners.Target(tenantId, role, null, null, MemberTier.PREMIUM);
		return media.ofChambers(Reader.chamber(tenantId), List.of(tenantId))
			.filter(m -> m.role() == role).next()
			.map(existing -> replace(visit, existing, input.uploadId(), null, null))
			.defaultIfEmpty(Mono.defer(() -> attach(visit, target, input.uploadId(), Map.of(), null, null)))
			.flatMap(work -> work)
			.flatMap(this::payload);
	}

	Mono<MediaPayloads.OwnerPayload> replaceImage(Visit visit, MediaInputs.ReplaceImageInput input) {
		return owners.editable(visit, input.imageId(), Media.IMAGE)
			.flatMap(image -> replace(visit, image, input.uploadId(), input.alt(), null))
			.flatMap(this::payload);
	}

	Mono<MediaPayloads.OwnerPayload> reorderListingImages(Visit visit, MediaInputs.ReorderListingImagesInput input) {
		return owners.ownListing(visit, input.listingId(), Media.Role.LISTING_IMAGE)
			.flatMap(target -> reorder(target, media.ofListings(Reader.chamber(target.tenantId()), List.of(target.tenantId()),
					List.of(target.listingId())), input.imageIds()))
			.flatMap(this::payload);
	}

	Mono<MediaPayloads.OwnerPayload> reorderGallery(Visit visit, MediaInputs.ReorderGalleryInput input) {
		return owners.ownCompany(visit, input.memberId(), Media.Role.MEMBER_GALLERY)
			.flatMap(target -> reorder(target, media.ofMembers(Reader.chamber(target.tenantId()), List.of(target.tenantId()),
					List.of(target.memberId())), input.imageIds()))
			.flatMap(this::payload);
	}

	/** The owner's pictures of the target's role in the order of {@code imageIds}, which lists each of them once. */
	private Mono<Attached> reorder(MediaOwners.Target target, Flux<Media> owned, List<String> imageIds) {
		return owned.filter(m -> m.role() == target.role()).map(Media::mediaId).collectList().flatMap(current -> {
			List<UUID> order = new ArrayList<>();
			for (String id : imageIds) {
				GlobalId.decode(id).filter(g -> g.type().equals(Media.IMAGE) && g.tenantId().equals(target.tenantId()))
					.ifPresent(g -> order.add(g.localId()));
			}
			if (order.size() != current.size() || !Set.copyOf(order).equals(Set.copyOf(current))) {
				return Mono.just(new Attached(target, null, UserError.of("BAD_USER_INPUT",
						"imageIds lists every picture once (there are " + current.size() + ").", "input", "imageIds")));
			}
			return transactions.mono(target.tenantId(), db -> media.reorder(db, target.tenantId(), order))
				.thenReturn(new Attached(target, null, null));
		});
	}

	Mono<MediaPayloads.OwnerPayload> replaceDocument(Visit visit, MediaInputs.ReplaceDocumentInput input) {
		String title = input.title() == null ? null : input.title().trim();
		if (title != null && (title.isEmpty() || title.length() > 200)) {
			return Mono.just(MediaPayloads.OwnerPayload.error(UserError.of("BAD_USER_INPUT",
					"A document's title has 1 to 200 characters.", "input", "title")));
		}
		return owners.editable(visit, input.documentId(), Media.DOCUMENT)
			.flatMap(document -> replace(visit, document, input.uploadId(), null, title))
			.flatMap(this::payload);
	}

	/** A picture or document removed by its owner's users, or by the chamber's admins (moderation). */
	Mono<MediaPayloads.OwnerPayload> remove(Visit visit, MediaInputs.RemoveMediaInput input) {
		String type = GlobalId.decode(input.id()).map(GlobalId::type).orElse(Media.IMAGE);
		return owners.editable(visit, input.id(), type.equals(Media.DOCUMENT) ? Media.DOCUMENT : Media.IMAGE)
			.flatMap(existing -> transactions.mono(existing.tenantId(), db -> media.delete(db, existing.tenantId(), existing.mediaId()))
				.flatMap(addresses -> files.forget(existing.tenantId(), addresses))
				.thenReturn(new Attached(MediaOwners.targetOf(existing), null, null)))
			.flatMap(this::payload);
	}

	// imports (the local run's demo pictures, a chamber's import)

	/** Who attached what no user sent. */
	private static final UUID IMPORTER = new UUID(0, 0);

	Mono<Void> importListingImage(UUID tenantId, UUID listingId, byte[] bytes, Map<String, String> alt) {
		return importFile(new MediaOwners.Target(tenantId, Media.Role.LISTING_IMAGE, listingId, null, MemberTier.PREMIUM), bytes, alt);
	}

	Mono<Void> importMemberLogo(UUID tenantId, UUID memberId, byte[] bytes) {
		return importFile(new MediaOwners.Target(tenantId, Media.Role.MEMBER_LOGO, null, memberId, MemberTier.PREMIUM), bytes, Map.of());
	}

	Mono<Void> importChamberImage(UUID tenantId, MediaImport.ChamberImage image, byte[] bytes) {
		Media.Role role = image == MediaImport.ChamberImage.LOGO ? Media.Role.CHAMBER_LOGO : Media.Role.CHAMBER_FAVICON;
		return importFile(new MediaOwners.Target(tenantId, role, null, null, MemberTier.PREMIUM), bytes, Map.of());
	}

	Mono<Boolean> hasChamberImages(UUID tenantId) {
		return media.ofChambers(Reader.chamber(tenantId), List.of(tenantId)).hasElements();
	}

	/** Bytes at hand through the path an upload takes: stored as an upload, processed, attached. */
	private Mono<Void> importFile(MediaOwners.Target target, byte[] bytes, Map<String, String> alt) {
		Media.Upload upload = new Media.Upload(target.tenantId(), UUID.randomUUID(), IMPORTER, Media.MediaKind.IMAGE,
				"application/octet-stream", null, bytes.length, MediaFiles.sha256Hex(bytes), bytes.length,
				OffsetDateTime.now(ZoneOffset.UTC).plus(properties.uploadTtl()));
		return media.insertUpload(upload)
			.then(media.appendChunk(upload.tenantId(), upload.uploadId(), 0, ByteBuffer.wrap(bytes)))
			.then(files.process(upload, true))
			.flatMap(processed -> processed.refused() != null
					? Mono.error(new IllegalArgumentException(processed.refused().message()))
					: write(target, upload, processed, alt, null, null))
			.then();
	}

	/** What an attach did: its owner, or what the user can fix. */
	private record Attached(MediaOwners.Target target, Media media, UserError error) {
	}

	/**
	 * An upload processed, stored and attached: the quota checked before the work and again, counted
	 * under the owner's row lock, when writing; the upload gone once attached.
	 */
	private Mono<Attached> attach(Visit visit, MediaOwners.Target target, String uploadId, Map<String, String> alt, String title,
			Integer position) {
		return quotas.left(target).flatMap(left -> left.isPresent()
				? Mono.just(new Attached(target, null, left.get()))
				: takeUpload(visit, uploadId, target.role()).flatMap(taken -> taken.error() != null
						? Mono.just(new Attached(target, null, taken.error()))
						: files.process(taken.upload(), target.role().image()).flatMap(processed -> processed.refused() != null
								? Mono.just(new Attached(target, null, processed.refused()))
								: write(target, taken.upload(), processed, alt, title, position))));
	}

	/** Ends a write's transaction, rolled back, when the upload was taken meanwhile or the quota is reached. */
	private static final class NotWritten extends RuntimeException {

		private final boolean taken;

		NotWritten(boolean taken) {
			super(null, null, false, false);
			this.taken = taken;
		}
	}

	/**
	 * The media written and its upload removed, in one transaction: nothing when the upload is gone (the
	 * same upload attached twice, a double tap) or the quota is reached meanwhile; then the stored files go.
	 */
	private Mono<Attached> write(MediaOwners.Target target, Media.Upload upload, MediaFiles.Processed processed, Map<String, String> alt,
			String title, Integer position) {
		Media row = new Media(target.tenantId(), UUID.randomUUID(), target.role(), target.listingId(), target.memberId(), 0, alt,
				title, processed.contentType(), upload.byteSize(), processed.width(), processed.height(), processed.pages(), false,
				processed.files());
		return quotas.limit(target).map(Optional::of).defaultIfEmpty(Optional.empty())
			.flatMap(limit -> transactions.mono(target.tenantId(), db -> media.deleteUpload(db, upload.tenantId(), upload.uploadId())
				.filter(deleted -> deleted == 1).switchIfEmpty(Mono.error(() -> new NotWritten(true)))
				.then(limit.isEmpty() ? Mono.just(0L) : media.lockAndCount(db, target.tenantId(), target.role(), target.listingId(), target.memberId()))
				.filter(count -> limit.isEmpty() || count < limit.get()).switchIfEmpty(Mono.error(() -> new NotWritten(false)))
				.then(media.insert(db, row, position))))
			.thenReturn(new Attached(target, row, null))
			.onErrorResume(NotWritten.class, refused -> files.forget(target.tenantId(), addresses(row))
				.then(refused.taken ? Mono.just(new Attached(target, null, UPLOAD_NOT_FOUND)) : quotas.left(target)
					.map(left -> new Attached(target, null, left.orElseThrow()))));
	}

	/** A media's files swapped for those of a new upload, in place; the old bytes go when nothing else uses them. */
	private Mono<Attached> replace(Visit visit, Media existing, String uploadId, List<MediaInputs.AltTextInput> alt, String title) {
		MediaOwners.Target target = MediaOwners.targetOf(existing);
		return takeUpload(visit, uploadId, existing.role()).flatMap(taken -> taken.error() != null
				? Mono.just(new Attached(target, null, taken.error()))
				: files.process(taken.upload(), existing.role().image()).flatMap(processed -> {
					if (processed.refused() != null) {
						return Mono.just(new Attached(target, null, processed.refused()));
					}
					Media next = new Media(existing.tenantId(), existing.mediaId(), existing.role(), existing.listingId(),
							existing.memberId(), existing.position(), alt == null ? existing.alt() : alt(alt),
							title == null ? existing.title() : title, processed.contentType(), taken.upload().byteSize(),
							processed.width(), processed.height(), processed.pages(), false,
							processed.files());
					return transactions.mono(existing.tenantId(), db -> media.replaceFiles(db, next)
							.flatMap(old -> media.deleteUpload(db, taken.upload().tenantId(), taken.upload().uploadId()).thenReturn(old)))
						.onErrorResume(e -> files.forget(existing.tenantId(), addresses(next)).then(Mono.error(e)))
						.flatMap(old -> files.forget(existing.tenantId(), old.stream().filter(a -> !addresses(next).contains(a)).toList()))
						.thenReturn(new Attached(target, next, null));
				}));
	}

	private static List<String> addresses(Media media) {
		return media.files().stream().map(Media.File::address).toList();
	}

	private record Taken(Media.Upload upload, UserError error) {
	}

	/** The caller's complete upload of the right kind. */
	private Mono<Taken> takeUpload(Visit visit, String uploadId, Media.Role role) {
		Optional<GlobalId> id = GlobalId.decode(uploadId).filter(g -> g.type().equals(UPLOAD));
		Mono<Media.Upload> found = id.filter(g -> g.tenantId().equals(visit.chamber().id()))
			.map(g -> media.findUpload(g.tenantId(), g.localId()).filter(u -> u.userId().equals(visit.signedIn().userId())))
			.orElse(Mono.empty());
		Media.MediaKind kind = role.image() ? Media.MediaKind.IMAGE : Media.MediaKind.DOCUMENT;
		return found.map(upload -> {
			if (upload.kind() != kind) {
				return new Taken(null, UserError.of("UNSUPPORTED_FILE_TYPE", "This upload was asked for as " + upload.kind()
						+ "; attach it where " + upload.kind().name().toLowerCase() + "s go, or ask for a " + kind + " upload.", "input", "uploadId"));
			}
			if (!upload.complete()) {
				return new Taken(null, UserError.of("UPLOAD_INCOMPLETE", "The upload has " + upload.received() + " of its "
						+ upload.byteSize() + " bytes: send the rest (HEAD on its URL tells where to go on).", "input", "uploadId"));
			}
			return new Taken(upload, null);
		}).defaultIfEmpty(new Taken(null, UPLOAD_NOT_FOUND));
	}

	private static Map<String, String> alt(List<MediaInputs.AltTextInput> alt) {
		Map<String, String> texts = new LinkedHashMap<>();
		if (alt != null) {
			alt.stream().filter(a -> a.text() != null && !a.text().isBlank())
				.forEach(a -> texts.put(a.locale(), a.text().strip().substring(0, Math.min(300, a.text().strip().length()))));
		}
		return texts;
	}

	static String megabytes(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
	}

}
