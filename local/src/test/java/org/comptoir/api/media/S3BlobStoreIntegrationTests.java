package org.comptoir.api.media;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.media.S3BlobStore.BlobStoreFailure;
import org.comptoir.api.support.ObjectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link S3BlobStore} against a real S3 API server ({@link ObjectStore}), no application around it; and
 * {@link MediaStorageConfiguration} in a bare context.
 */
class S3BlobStoreIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int CHUNK = 64 * 1024;

	private static final long MB = 1024 * 1024;

	private static S3BlobStore store;

	@BeforeAll
	static void connect() {
		store = S3BlobStore.create(new MediaProperties.S3(ObjectStore.endpoint(), ObjectStore.REGION, ObjectStore.BUCKET,
				ObjectStore.ACCESS_KEY, ObjectStore.SECRET_KEY, true));
		store.ensureBucket().block(TIMEOUT);
		// the second finds it there: every start of the application does this
		store.ensureBucket().block(TIMEOUT);
	}

	@AfterAll
	static void close() {
		store.close();
	}

	@Test
	void whatIsPutIsGotBackWhole() {
		UUID tenant = UUID.randomUUID();
		byte[] bytes = random(300_000, 1);
		put(tenant, bytes);
		assertThat(get(tenant, address(bytes), 0, bytes.length)).isEqualTo(bytes);
	}

	@Test
	void aRangeIsExactlyThoseBytes() {
		UUID tenant = UUID.randomUUID();
		byte[] bytes = random(5 * (int) MB, 2);
		put(tenant, bytes);
		int offset = 1_234_567;
		int length = 2_000_001;
		assertThat(get(tenant, address(bytes), offset, length)).isEqualTo(Arrays.copyOfRange(bytes, offset, offset + length));
		assertThat(get(tenant, address(bytes), bytes.length - 1, 1)).containsExactly(bytes[bytes.length - 1]);
	}

	@Test
	void puttingAnAddressAlreadyThereChangesNothingAndReadsNothing() {
		UUID tenant = UUID.randomUUID();
		byte[] bytes = random(100_000, 3);
		put(tenant, bytes);
		AtomicBoolean read = new AtomicBoolean();
		store.put(tenant, address(bytes), bytes.length, chunks(bytes).doOnSubscribe(subscription -> read.set(true))).block(TIMEOUT);
		assertThat(read).isFalse();
		assertThat(get(tenant, address(bytes), 0, bytes.length)).isEqualTo(bytes);
	}

	@Test
	void aDeletedAddressIsNotFoundAndDeletingItAgainIsFine() {
		UUID tenant = UUID.randomUUID();
		byte[] bytes = random(10_000, 4);
		String address = address(bytes);
		put(tenant, bytes);
		store.delete(tenant, address).block(TIMEOUT);
		store.delete(tenant, address).block(TIMEOUT);
		assertThatThrownBy(() -> get(tenant, address, 0, bytes.length)).isInstanceOfSatisfying(BlobStoreFailure.class, failure -> {
			assertThat(failure.status()).isEqualTo(404);
			assertThat(failure).hasMessage("GET s3://" + ObjectStore.BUCKET + "/" + tenant + "/" + address + " failed: HTTP 404 NoSuchKey");
		});
	}

	@Test
	void tenantsObjectsUnderTheSameAddressAreApart() {
		UUID one = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		byte[] first = random(1_000, 5);
		byte[] second = random(2_000, 6);
		String address = address(first);
		store.put(one, address, first.length, chunks(first)).block(TIMEOUT);
		store.put(other, address, second.length, chunks(second)).block(TIMEOUT);
		store.delete(one, address).block(TIMEOUT);
		assertThat(get(other, address, 0, second.length)).isEqualTo(second);
		assertThatThrownBy(() -> get(one, address, 0, first.length)).isInstanceOf(BlobStoreFailure.class);
	}

	/**
	 * 64 MB from a generator, read back through a digest; halfway through each way the live heap (after a
	 * GC) is measured: holding the object anywhere (client or server, both in this JVM) would show.
	 */
	@Test
	void aLargeObjectStreamsBothWays() {
		UUID tenant = UUID.randomUUID();
		int chunks = (int) (64 * MB / CHUNK);
		MessageDigest expected = sha256();
		generated(chunks).doOnNext(chunk -> expected.update(chunk.duplicate())).blockLast(TIMEOUT);
		String address = HexFormat.of().formatHex(expected.digest());
		long baseline = liveHeap();
		List<Long> growth = new CopyOnWriteArrayList<>();

		store.put(tenant, address, 64 * MB, generated(chunks).index().doOnNext(chunk -> {
			if (chunk.getT1() == chunks / 2) {
				growth.add(liveHeap() - baseline);
			}
		}).map(chunk -> chunk.getT2())).block(TIMEOUT);

		MessageDigest read = sha256();
		AtomicLong bytes = new AtomicLong();
		store.get(tenant, address, 0, 64 * MB).doOnNext(buffer -> {
			if (bytes.getAndAdd(buffer.remaining()) < 32 * MB && bytes.get() >= 32 * MB) {
				growth.add(liveHeap() - baseline);
			}
			read.update(buffer);
		}).blockLast(TIMEOUT);

		assertThat(bytes).hasValue(64 * MB);
		assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(address);
		assertThat(growth).hasSize(2).allSatisfy(grown -> assertThat(grown).isLessThan(16 * MB));
	}

	/** The bucket is a fresh one: the store is made only once it is there. */
	@Test
	void theConfigurationMakesTheStoreForS3WithItsBucket() {
		MediaProperties properties = new MediaProperties("s3", new MediaProperties.S3(ObjectStore.endpoint(), ObjectStore.REGION,
				"comptoir-media-configured", ObjectStore.ACCESS_KEY, ObjectStore.SECRET_KEY, true), 1, 1, Duration.ZERO,
				Duration.ZERO, null, "", null);
		byte[] bytes = random(1_000, 7);
		UUID tenant = UUID.randomUUID();
		new ApplicationContextRunner().withUserConfiguration(MediaStorageConfiguration.class)
			.withBean(MediaProperties.class, () -> properties)
			.withPropertyValues("comptoir.media.store=s3")
			.run(context -> {
				BlobStore configured = context.getBean(BlobStore.class);
				assertThat(configured).isInstanceOf(S3BlobStore.class);
				configured.put(tenant, address(bytes), bytes.length, chunks(bytes)).block(TIMEOUT);
				assertThat(configured.get(tenant, address(bytes), 0, 10).map(ByteBuffer::remaining).reduce(0, Integer::sum).block(TIMEOUT))
					.isEqualTo(10);
			});
	}

	@Test
	void theConfigurationMakesTheDatabaseStoreOtherwise() {
		new ApplicationContextRunner().withUserConfiguration(MediaStorageConfiguration.class)
			.withBean(TenantTransactions.class, () -> org.mockito.Mockito.mock(TenantTransactions.class))
			.run(context -> assertThat(context.getBean(BlobStore.class)).isInstanceOf(DatabaseBlobStore.class));
	}

	private static void put(UUID tenant, byte[] bytes) {
		store.put(tenant, address(bytes), bytes.length, chunks(bytes)).block(TIMEOUT);
	}

	private static byte[] get(UUID tenant, String address, long offset, long length) {
		return store.get(tenant, address, offset, length).collect(ByteArrayOutputStream::new, (out, buffer) -> {
			byte[] chunk = new byte[buffer.remaining()];
			buffer.get(chunk);
			out.writeBytes(chunk);
		}).map(ByteArrayOutputStream::toByteArray).block(TIMEOUT);
	}

	/** The bytes as an upload arrives: in chunks. */
	private static Flux<ByteBuffer> chunks(byte[] bytes) {
		return Flux.range(0, (bytes.length + CHUNK - 1) / CHUNK)
			.map(i -> ByteBuffer.wrap(bytes, i * CHUNK, Math.min(CHUNK, bytes.length - i * CHUNK)).slice());
	}

	/** Chunks made as they are asked for, the same ones on every subscription, never all at once. */
	private static Flux<ByteBuffer> generated(int chunks) {
		return Flux.range(0, chunks).map(i -> ByteBuffer.wrap(random(CHUNK, i)));
	}

	private static byte[] random(int length, long seed) {
		byte[] bytes = new byte[length];
		new SplittableRandom(seed).nextBytes(bytes);
		return bytes;
	}

	private static String address(byte[] bytes) {
		return HexFormat.of().formatHex(sha256().digest(bytes));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long liveHeap() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
