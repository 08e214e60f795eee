package org.comptoir.api.media;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.database.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads on their way, attached media and their files. Every statement names its chamber
 * ({@code tenant_id = ...}), the first wall; row-level security lets a chamber at its own rows, and every
 * chamber read the media of what is public on the network (V20).
 */
@Repository
class MediaRepository {

	/** A media row with its files, and whether what shows it is public on the network. */
	private static final String MEDIA = """
			SELECT m.tenant_id, m.media_id, m.role, m.listing_id, m.member_id, m.position, m.alt::text AS alt, m.title,
			       m.content_type, m.byte_size, m.width, m.height, m.pages,
			       CASE WHEN m.listing_id IS NOT NULL THEN listing_on_network(m.tenant_id, m.listing_id)
			            WHEN m.member_id IS NOT NULL THEN member_on_network(m.tenant_id, m.member_id)
			            ELSE true END AS on_network,
			       (SELECT json_agg(json_build_object('variant', f.variant, 'format', f.format, 'width', f.width,
			                 'height', f.height, 'byteSize', f.byte_size, 'address', f.address) ORDER BY f.byte_size)::text
			        FROM media_file f WHERE f.tenant_id = m.tenant_id AND f.media_id = m.media_id) AS files
			FROM media m
			""";

	private static final TypeReference<List<Media.File>> FILES = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, String>> ALT = new TypeReference<>() {
	};

	/** Pieces read by one statement (of at most 256 KiB each). */
	static final int PIECES_PER_READ = 4;

	private final TenantTransactions transactions;

	private final JsonMapper mapper;

	MediaRepository(TenantTransactions transactions, JsonMapper mapper) {
		this.transactions = transactions;
		this.mapper = mapper;
	}

	// uploads

	Mono<Void> insertUpload(Media.Upload upload) {
		return transactions.mono(upload.tenantId(), db -> db.sql("""
				INSERT INTO upload (tenant_id, upload_id, user_id, kind, content_type, file_name, byte_size, sha256, expires_at)
				VALUES (:tenant, :upload, :user, :kind, :contentType, :fileName, :byteSize, :sha256, :expiresAt)""")
			.bind("tenant", upload.tenantId()).bind("upload", upload.uploadId()).bind("user", upload.userId())
			.bind("kind", upload.kind().name()).bind("contentType", upload.contentType())
			.bind("fileName", Parameter.fromOrEmpty(upload.fileName(), String.class)).bind("byteSize", upload.byteSize())
			.bind("sha256", upload.sha256()).bind("expiresAt", upload.expiresAt())
			.then());
	}

	/** An upload that has not expired. */
	Mono<Media.Upload> findUpload(UUID tenantId, UUID uploadId) {
		return transactions.read(tenantId, db -> db.sql("""
				SELECT tenant_id, upload_id, user_id, kind, content_type, file_name, byte_size, sha256, received, expires_at
				FROM upload WHERE tenant_id = :tenant AND upload_id = :upload AND expires_at > now()""")
			.bind("tenant", tenantId).bind("upload", uploadId)
			.map(MediaRepository::upload).one());
	}

	/**
	 * A piece of an upload at its offset, and the upload's count moved past it, in one transaction: empty
	 * when the upload is gone or another piece took that offset meanwhile.
	 */
	Mono<Long> appendChunk(UUID tenantId, UUID uploadId, long offset, ByteBuffer bytes) {
		int length = bytes.remaining();
		return transactions.mono(tenantId, db -> db.sql("""
				UPDATE upload SET received = received + :length
				WHERE tenant_id = :tenant AND upload_id = :upload AND received = :offset AND expires_at > now()
				RETURNING received""")
			.bind("tenant", tenantId).bind("upload", uploadId).bind("offset", offset).bind("length", (long) length)
			.map(row -> row.get("received", Long.class)).one()
			.flatMap(received -> db.sql("""
					INSERT INTO upload_chunk (tenant_id, upload_id, start_offset, bytes) VALUES (:tenant, :upload, :offset, :bytes)""")
				.bind("tenant", tenantId).bind("upload", uploadId).bind("offset", offset).bind("bytes", bytes)
				.then().thenReturn(received)));
	}

	/** An upload's bytes in order, a few pieces per statement so that no more than those are held at once. */
	Flux<ByteBuffer> uploadBytes(UUID tenantId, UUID uploadId) {
		return transactions.readMany(tenantId, db -> db.sql("""
				SELECT start_offset FROM upload_chunk WHERE tenant_id = :tenant AND upload_id = :upload ORDER BY start_offset""")
			.bind("tenant", tenantId).bind("upload", uploadId)
			.map(row -> row.get("start_offset", Long.class)).all())
			.buffer(PIECES_PER_READ)
			.concatMap(offsets -> transactions.readMany(tenantId, db -> db.sql("""
					SELECT bytes FROM upload_chunk
					WHERE tenant_id = :tenant AND upload_id = :upload AND start_offset = ANY(:offsets) ORDER BY start_offset""")
				.bind("tenant", tenantId).bind("upload", uploadId).bind("offsets", offsets.toArray(Long[]::new))
				.map(row -> row.get("bytes", ByteBuffer.class)).all()), 0);
	}

	/** Starts an upload again from its first byte (its checksum did not match). */
	Mono<Void> resetUpload(UUID tenantId, UUID uploadId) {
		return transactions.mono(tenantId, db -> db.sql("DELETE FROM upload_chunk WHERE tenant_id = :tenant AND upload_id = :upload")
			.bind("tenant", tenantId).bind("upload", uploadId).then()
			.then(db.sql("UPDATE upload SET received = 0 WHERE tenant_id = :tenant AND upload_id = :upload")
				.bind("tenant", tenantId).bind("upload", uploadId).then()));
	}

	/** How many uploads went: 1, or 0 when another request took it first. */
	Mono<Long> deleteUpload(DatabaseClient db, UUID tenantId, UUID uploadId) {
		return db.sql("DELETE FROM upload WHERE tenant_id = :tenant AND upload_id = :upload")
			.bind("tenant", tenantId).bind("upload", uploadId).fetch().rowsUpdated();
	}

	/** Uploads past their time, their pieces with them. */
	Mono<Long> deleteExpiredUploads(UUID tenantId) {
		return transactions.mono(tenantId, db -> db.sql("DELETE FROM upload WHERE tenant_id = :tenant AND expires_at <= now()")
			.bind("tenant", tenantId).fetch().rowsUpdated());
	}

	// media

	Flux<Media> ofListings(Reader reader, Collection<UUID> tenants, Collection<UUID> listings) {
		return transactions.readMany(reader, db -> db.sql(MEDIA + """
				WHERE m.tenant_id = ANY(:tenants) AND m.listing_id = ANY(:listings)
				  AND (m.tenant_id = :current OR listing_on_network(m.tenant_id, m.listing_id))
				ORDER BY m.role, m.position, m.created_at""")
			.bind("tenants", tenants.toArray(UUID[]::new)).bind("listings", listings.toArray(UUID[]::new))
			.bind("current", reader.tenantId())
			.map(this::media).all());
	}

	Flux<Media> ofMembers(Reader reader, Collection<UUID> tenants, Collection<UUID> members) {
		return transactions.readMany(reader, db -> db.sql(MEDIA + """
				WHERE m.tenant_id = ANY(:tenants) AND m.member_id = ANY(:members)
				  AND (m.tenant_id = :current OR member_on_network(m.tenant_id, m.member_id))
				ORDER BY m.role, m.position, m.created_at""")
			.bind("tenants", tenants.toArray(UUID[]::new)).bind("members", members.toArray(UUID[]::new))
			.bind("current", reader.tenantId())
			.map(this::media).all());
	}

	/** The chambers' logos and favicons: public. */
	Flux<Media> ofChambers(Reader reader, Collection<UUID> tenants) {
		return transactions.readMany(reader, db -> db.sql(MEDIA + """
				WHERE m.tenant_id = ANY(:tenants) AND m.role IN ('CHAMBER_LOGO', 'CHAMBER_FAVICON')""")
			.bind("tenants", tenants.toArray(UUID[]::new))
			.map(this::media).all());
	}

	Mono<Media> find(Reader reader, UUID tenantId, UUID mediaId) {
		return transactions.read(reader, db -> db.sql(MEDIA + "WHERE m.tenant_id = :tenant AND m.media_id = :media")
			.bind("tenant", tenantId).bind("media", mediaId)
			.map(this::media).one());
	}

	/** The media a file of the chamber belongs to, by the file's address (the media serving it). */
	Mono<Media> byAddress(UUID tenantId, String address) {
		return transactions.read(tenantId, db -> db.sql(MEDIA + """
				WHERE m.tenant_id = :tenant
				  AND m.media_id = (SELECT f.media_id FROM media_file f WHERE f.tenant_id = :tenant AND f.address = :address LIMIT 1)""")
			.bind("tenant", tenantId).bind("address", address)
			.map(this::media).one());
	}

	/** How many media of a role an owner has, its row locked so that concurrent additions count one after the other. */
	Mono<Long> lockAndCount(DatabaseClient db, UUID tenantId, Media.Role role, @Nullable UUID listingId, @Nullable UUID memberId) {
		Mono<Long> lock = listingId != null
				? db.sql("SELECT 1 FROM listing WHERE tenant_id = :tenant AND listing_id = :listing FOR UPDATE")
					.bind("tenant", tenantId).bind("listing", listingId).fetch().rowsUpdated()
				: db.sql("SELECT 1 FROM member WHERE tenant_id = :tenant AND member_id = :member FOR UPDATE")
					.bind("tenant", tenantId).bind("member", memberId).fetch().rowsUpdated();
		return lock.then(db.sql("""
				SELECT count(*) AS n FROM media
				WHERE tenant_id = :tenant AND role = :role
				  AND listing_id IS NOT DISTINCT FROM :listing AND member_id IS NOT DISTINCT FROM :member""")
			.bind("tenant", tenantId).bind("role", role.name())
			.bind("listing", Parameter.fromOrEmpty(listingId, UUID.class)).bind("member", Parameter.fromOrEmpty(memberId, UUID.class))
			.map(row -> row.get("n", Long.class)).one());
	}

	/**
	 * A new media at {@code position} among its owner's of that role (the others after it move one down;
	 * null: last), with its files.
	 */
	Mono<Void> insert(DatabaseClient db, Media media, @Nullable Integer position) {
		Mono<Integer> placed = db.sql("""
				UPDATE media SET position = position + 1
				WHERE tenant_id = :tenant AND role = :role AND listing_id IS NOT DISTINCT FROM :listing
				  AND member_id IS NOT DISTINCT FROM :member AND position >= :position""")
			.bind("tenant", media.tenantId()).bind("role", media.role().name())
			.bind("listing", Parameter.fromOrEmpty(media.listingId(), UUID.class)).bind("member", Parameter.fromOrEmpty(media.memberId(), UUID.class))
			.bind("position", position == null ? Integer.MAX_VALUE : position)
			.fetch().rowsUpdated()
			.then(db.sql("""
					SELECT coalesce(max(position) + 1, 0) AS last FROM media
					WHERE tenant_id = :tenant AND role = :role AND listing_id IS NOT DISTINCT FROM :listing
					  AND member_id IS NOT DISTINCT FROM :member""")
				.bind("tenant", media.tenantId()).bind("role", media.role().name())
				.bind("listing", Parameter.fromOrEmpty(media.listingId(), UUID.class)).bind("member", Parameter.fromOrEmpty(media.memberId(), UUID.class))
				.map(row -> row.get("last", Integer.class)).one())
			.map(last -> position == null ? last : Math.min(position, last));
		return placed.flatMap(at -> db.sql("""
				INSERT INTO media (tenant_id, media_id, role, listing_id, member_id, position, alt, title, content_type,
				                   byte_size, width, height, pages)
				VALUES (:tenant, :media, :role, :listing, :member, :position, :alt::jsonb, :title, :contentType,
				        :byteSize, :width, :height, :pages)""")
			.bind("tenant", media.tenantId()).bind("media", media.mediaId()).bind("role", media.role().name())
			.bind("listing", Parameter.fromOrEmpty(media.listingId(), UUID.class)).bind("member", Parameter.fromOrEmpty(media.memberId(), UUID.class))
			.bind("position", at).bind("alt", mapper.writeValueAsString(media.alt()))
			.bind("title", Parameter.fromOrEmpty(media.title(), String.class)).bind("contentType", media.contentType())
			.bind("byteSize", media.byteSize()).bind("width", Parameter.fromOrEmpty(media.width(), Integer.class))
			.bind("height", Parameter.fromOrEmpty(media.height(), Integer.class)).bind("pages", Parameter.fromOrEmpty(media.pages(), Integer.class))
			.then())
			.then(insertFiles(db, media));
	}

	/** A media's files swapped for new ones, its size, alt text and title with them; the old files' addresses. */
	Mono<List<String>> replaceFiles(DatabaseClient db, Media media) {
		return db.sql("DELETE FROM media_file WHERE tenant_id = :tenant AND media_id = :media RETURNING address")
			.bind("tenant", media.tenantId()).bind("media", media.mediaId())
			.map(row -> row.get("address", String.class)).all().collectList()
			.flatMap(old -> db.sql("""
					UPDATE media SET alt = :alt::jsonb, title = :title, content_type = :contentType, byte_size = :byteSize,
					                 width = :width, height = :height, pages = :pages
					WHERE tenant_id = :tenant AND media_id = :media""")
				.bind("tenant", media.tenantId()).bind("media", media.mediaId())
				.bind("alt", mapper.writeValueAsString(media.alt())).bind("title", Parameter.fromOrEmpty(media.title(), String.class))
				.bind("contentType", media.contentType()).bind("byteSize", media.byteSize())
				.bind("width", Parameter.fromOrEmpty(media.width(), Integer.class))
				.bind("height", Parameter.fromOrEmpty(media.height(), Integer.class))
				.bind("pages", Parameter.fromOrEmpty(media.pages(), Integer.class))
				.then()
				.then(insertFiles(db, media))
				.thenReturn(old));
	}

	private Mono<Void> insertFiles(DatabaseClient db, Media media) {
		return Flux.fromIterable(media.files())
			.concatMap(file -> db.sql("""
					INSERT INTO media_file (tenant_id, media_id, variant, format, width, height, byte_size, address)
					VALUES (:tenant, :media, :variant, :format, :width, :height, :byteSize, :address)""")
				.bind("tenant", media.tenantId()).bind("media", media.mediaId()).bind("variant", file.variant())
				.bind("format", file.format()).bind("width", Parameter.fromOrEmpty(file.width(), Integer.class))
				.bind("height", Parameter.fromOrEmpty(file.height(), Integer.class)).bind("byteSize", file.byteSize())
				.bind("address", file.address())
				.then())
			.then();
	}

	/** The media and its files gone; the addresses of those files. */
	Mono<List<String>> delete(DatabaseClient db, UUID tenantId, UUID mediaId) {
		return db.sql("SELECT address FROM media_file WHERE tenant_id = :tenant AND media_id = :media")
			.bind("tenant", tenantId).bind("media", mediaId)
			.map(row -> row.get("address", String.class)).all().collectList()
			.flatMap(addresses -> db.sql("DELETE FROM media WHERE tenant_id = :tenant AND media_id = :media")
				.bind("tenant", tenantId).bind("media", mediaId).then().thenReturn(addresses));
	}

	/** An owner's media of a role in the order given (each one's position its index). */
	Mono<Void> reorder(DatabaseClient db, UUID tenantId, List<UUID> mediaIds) {
		return db.sql("""
				UPDATE media m SET position = o.position - 1
				FROM unnest(:media::uuid[]) WITH ORDINALITY AS o(media_id, position)
				WHERE m.tenant_id = :tenant AND m.media_id = o.media_id""")
			.bind("tenant", tenantId).bind("media", mediaIds.toArray(UUID[]::new))
			.then();
	}

	/** Of these addresses, those no file of the chamber uses any more (their bytes can go). */
	Mono<List<String>> unused(UUID tenantId, List<String> addresses) {
		if (addresses.isEmpty()) {
			return Mono.just(List.of());
		}
		return transactions.read(tenantId, db -> db.sql("""
				SELECT a FROM unnest(:addresses::text[]) AS a
				WHERE NOT EXISTS (SELECT 1 FROM media_file f WHERE f.tenant_id = :tenant AND f.address = a)""")
			.bind("tenant", tenantId).bind("addresses", addresses.toArray(String[]::new))
			.map(row -> row.get("a", String.class)).all().collectList());
	}

	// quotas

	Flux<Media.Quota> quotas(UUID tenantId) {
		return transactions.readMany(tenantId, db -> db.sql("""
				SELECT tier, images_per_listing, documents_per_listing, gallery_images, max_file_bytes
				FROM media_quota WHERE tenant_id = :tenant""")
			.bind("tenant", tenantId)
			.map(row -> new Media.Quota(row.get("tier", String.class), row.get("images_per_listing", Integer.class),
					row.get("documents_per_listing", Integer.class), row.get("gallery_images", Integer.class),
					row.get("max_file_bytes", Long.class)))
			.all());
	}

	Mono<Void> saveQuota(UUID tenantId, Media.Quota quota) {
		return transactions.mono(tenantId, db -> db.sql("""
				INSERT INTO media_quota (tenant_id, tier, images_per_listing, documents_per_listing, gallery_images, max_file_bytes)
				VALUES (:tenant, :tier, :images, :documents, :gallery, :maxBytes)
				ON CONFLICT (tenant_id, tier) DO UPDATE SET images_per_listing = excluded.images_per_listing,
				  documents_per_listing = excluded.documents_per_listing, gallery_images = excluded.gallery_images,
				  max_file_bytes = excluded.max_file_bytes""")
			.bind("tenant", tenantId).bind("tier", quota.tier()).bind("images", quota.imagesPerListing())
			.bind("documents", quota.documentsPerListing()).bind("gallery", quota.galleryImages())
			.bind("maxBytes", quota.maxFileSize())
			.then());
	}

	private Media media(Readable row) {
		String files = row.get("files", String.class);
		return new Media(row.get("tenant_id", UUID.class), row.get("media_id", UUID.class),
				Media.Role.valueOf(row.get("role", String.class)), row.get("listing_id", UUID.class), row.get("member_id", UUID.class),
				row.get("position", Integer.class), mapper.readValue(row.get("alt", String.class), ALT), row.get("title", String.class),
				row.get("content_type", String.class), row.get("byte_size", Long.class), row.get("width", Integer.class),
				row.get("height", Integer.class), row.get("pages", Integer.class), Boolean.TRUE.equals(row.get("on_network", Boolean.class)),
				files == null ? List.of() : mapper.readValue(files, FILES));
	}

	private static Media.Upload upload(Readable row) {
		return new Media.Upload(row.get("tenant_id", UUID.class), row.get("upload_id", UUID.class), row.get("user_id", UUID.class),
				Media.MediaKind.valueOf(row.get("kind", String.class)), row.get("content_type", String.class),
				row.get("file_name", String.class), row.get("byte_size", Long.class), row.get("sha256", String.class),
				row.get("received", Long.class), row.get("expires_at", OffsetDateTime.class));
	}

}
