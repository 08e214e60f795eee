package org.comptoir.api.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.jpeg.JpegCommentDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.groups.Tuple;
import org.comptoir.api.media.MediaProcessing.FileType;
import org.comptoir.api.media.MediaProcessing.ImageFormat;
import org.comptoir.api.media.MediaProcessing.ProcessedImage;
import org.comptoir.api.media.MediaProcessing.Variant;
import org.comptoir.api.media.MediaProcessing.VariantName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every fixture drawn here with Java2D (and its metadata written with Commons Imaging): no binary file checked in. */
class MediaProcessingTests {

	private static final Color RED = new Color(220, 30, 30);

	private static final Color GREEN = new Color(30, 200, 30);

	private final MediaProcessing processing = new MediaProcessing(40_000_000);

	@TempDir
	Path directory;

	@Test
	void aPhotoWithGpsAndAnOrientationIsServedUprightWithNoMetadataAtAll() throws Exception {
		Path photo = write("photo.jpg", withXmp(withExif(jpeg(markedImage(2000, 1500)), 6, true)));
		Metadata original = ImageMetadataReader.readMetadata(photo.toFile());
		assertThat(original.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation()).isNotNull();
		assertThat(original.getFirstDirectoryOfType(XmpDirectory.class)).isNotNull();

		ProcessedImage image = processing.image(photo);

		assertThat(image.width()).isEqualTo(1500);
		assertThat(image.height()).isEqualTo(2000);
		assertThat(image.variants()).extracting(Variant::width, Variant::height)
			.containsExactly(sizes(120, 160, 360, 480, 960, 1280));
		for (Variant variant : image.variants()) {
			assertNoMetadata(variant);
			BufferedImage decoded = decode(variant);
			assertThat(corner(decoded, 0.9, 0.1)).as("%s the red corner", variant).isEqualTo(RED);
			assertThat(corner(decoded, 0.9, 0.9)).as("%s the green corner", variant).isEqualTo(GREEN);
			assertThat(corner(decoded, 0.1, 0.1)).as("%s the rest", variant).isEqualTo(Color.GRAY);
		}
	}

	/** The stored top-left corner is red, the top-right green; where each ends up upright, for every orientation. */
	@ParameterizedTest
	@CsvSource({ "1, 0.1, 0.1, 0.9, 0.1", "2, 0.9, 0.1, 0.1, 0.1", "3, 0.9, 0.9, 0.1, 0.9", "4, 0.1, 0.9, 0.9, 0.9",
			"5, 0.1, 0.1, 0.1, 0.9", "6, 0.9, 0.1, 0.9, 0.9", "7, 0.9, 0.9, 0.9, 0.1", "8, 0.1, 0.9, 0.1, 0.1" })
	void everyOrientationStandsUpright(int orientation, double redX, double redY, double greenX, double greenY) throws Exception {
		ProcessedImage image = processing.image(write("turned.jpg", withExif(jpeg(markedImage(400, 300)), orientation, false)));

		boolean swapped = orientation >= 5;
		assertThat(image.width()).isEqualTo(swapped ? 300 : 400);
		assertThat(image.height()).isEqualTo(swapped ? 400 : 300);
		for (Variant variant : image.variants()) {
			BufferedImage decoded = decode(variant);
			assertThat(corner(decoded, redX, redY)).as("%s the red corner", variant).isEqualTo(RED);
			assertThat(corner(decoded, greenX, greenY)).as("%s the green corner", variant).isEqualTo(GREEN);
		}
	}

	@Test
	void aDecompressionBombIsRefusedBeforeItIsDecoded() throws Exception {
		Path bomb = write("bomb.png", pngDeclaring(30_000, 30_000));
		assertThat(Files.size(bomb)).isLessThan(1024);

		MediaRefused refused = assertRefusedWithin(Duration.ofSeconds(2), bomb);

		assertThat(refused.code()).isEqualTo("IMAGE_TOO_LARGE");
		assertThat(refused.getMessage()).contains("30000x30000", "900000000", "40000000");
	}

	@Test
	void aFileIsTypedByItsBytesNotItsName() throws Exception {
		Path executable = write("photo.jpg", new byte[] { 0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
		Path text = write("contract.pdf", "Not a PDF at all, only words.\n".getBytes(StandardCharsets.UTF_8));
		Path empty = write("empty.png", new byte[0]);

		assertThat(refusal(() -> processing.image(executable))).isEqualTo("UNSUPPORTED_FILE_TYPE");
		assertThat(refusal(() -> processing.document(text))).isEqualTo("UNSUPPORTED_FILE_TYPE");
		assertThat(refusal(() -> processing.image(empty))).isEqualTo("UNSUPPORTED_FILE_TYPE");
		assertThat(catchThrowableOfType(MediaRefused.class, () -> MediaProcessing.detect(executable)).getMessage())
			.contains("JPEG", "PNG", "WebP", "PDF");
		assertThat(MediaProcessing.detect(write("photo.pdf", jpeg(markedImage(40, 30))))).isEqualTo(FileType.JPEG);
		assertThat(MediaProcessing.detect(write("a.jpg", webp(markedImage(40, 30))))).isEqualTo(FileType.WEBP);
		Path document = write("doc.png", pdf(1));
		Path picture = write("doc.pdf", jpeg(markedImage(40, 30)));
		assertThat(refusal(() -> processing.image(document))).isEqualTo("UNSUPPORTED_FILE_TYPE");
		assertThat(refusal(() -> processing.document(picture))).isEqualTo("UNSUPPORTED_FILE_TYPE");
	}

	@Test
	void aDamagedImageIsMalformed() throws Exception {
		byte[] whole = jpeg(photoLike(800, 600, 1));
		byte[] garbage = new byte[2000];
		new Random(2).nextBytes(garbage);
		ByteArrayOutputStream afterSignature = new ByteArrayOutputStream();
		afterSignature.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		afterSignature.write(garbage);
		byte[] png = png(markedImage(200, 100));
		byte[] webp = webp(photoLike(300, 200, 3));

		for (byte[] damaged : List.of(Arrays.copyOf(whole, whole.length / 2), afterSignature.toByteArray(),
				Arrays.copyOf(png, png.length - 30), Arrays.copyOf(webp, webp.length / 2))) {
			Path file = write("damaged", damaged);
			MediaRefused refused = catchThrowableOfType(MediaRefused.class, () -> processing.image(file));
			assertThat(refused).isNotNull();
			assertThat(refused.code()).isEqualTo("MALFORMED_FILE");
			assertThat(refused.getMessage()).contains("could not be decoded");
		}
	}

	@Test
	void variantsBoundTheLongerSideAndAreNeverEnlarged() throws Exception {
		ProcessedImage photo = processing.image(write("photo.jpg", jpeg(photoLike(4000, 3000, 4))));
		ProcessedImage small = processing.image(write("small.png", png(markedImage(100, 80))));

		assertThat(photo.width()).isEqualTo(4000);
		assertThat(photo.variants()).extracting(Variant::name, Variant::format, Variant::width, Variant::height)
			.containsExactly(variant(VariantName.THUMBNAIL, ImageFormat.JPEG, 160, 120), variant(VariantName.THUMBNAIL, ImageFormat.WEBP, 160, 120),
					variant(VariantName.CARD, ImageFormat.JPEG, 480, 360), variant(VariantName.CARD, ImageFormat.WEBP, 480, 360),
					variant(VariantName.FULL, ImageFormat.JPEG, 1280, 960), variant(VariantName.FULL, ImageFormat.WEBP, 1280, 960));
		assertThat(small.variants()).extracting(Variant::width, Variant::height).containsOnly(Tuple.tuple(100, 80));
		for (Variant variant : photo.variants()) {
			BufferedImage decoded = decode(variant);
			assertThat(decoded.getWidth()).isEqualTo(variant.width());
			assertThat(decoded.getHeight()).isEqualTo(variant.height());
		}
	}

	@Test
	void aLargePhotoIsDecodedAtNoMoreThanTwiceTheLargestVariant() {
		assertThat(MediaProcessing.subsampling(4000, 3000)).isEqualTo(3);
		assertThat(MediaProcessing.subsampling(1280, 720)).isEqualTo(1);
		assertThat(MediaProcessing.subsampling(2559, 100)).isEqualTo(1);
		assertThat(MediaProcessing.subsampling(3000, 6000)).isEqualTo(4);
		for (int longer = 1280; longer < 20_000; longer += 37) {
			int decoded = longer / MediaProcessing.subsampling(longer, 10);
			assertThat(decoded).isBetween(1280, 2560);
		}
	}

	@Test
	void transparencyIsWhiteInJpegAndKeptInWebp() throws Exception {
		BufferedImage halfClear = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
		Graphics2D graphics = halfClear.createGraphics();
		graphics.setColor(Color.BLUE);
		graphics.fillRect(150, 0, 150, 200);
		graphics.dispose();

		ProcessedImage image = processing.image(write("clear.png", png(halfClear)));

		for (Variant variant : image.variants()) {
			BufferedImage decoded = decode(variant);
			if (variant.format() == ImageFormat.JPEG) {
				assertThat(corner(decoded, 0.1, 0.5)).as("%s", variant).isEqualTo(Color.WHITE);
			}
			else {
				assertThat(decoded.getRGB((int) (0.1 * decoded.getWidth()), decoded.getHeight() / 2) >>> 24).as("%s", variant).isZero();
			}
			assertThat(corner(decoded, 0.9, 0.5)).as("%s", variant).isEqualTo(Color.BLUE);
		}
	}

	@Test
	void webpVariantsDecodeAndAreSmallerThanJpegForAPhoto() throws Exception {
		ProcessedImage image = processing.image(write("photo.jpg", jpeg(photoLike(1600, 1200, 5))));

		for (VariantName name : VariantName.values()) {
			Variant jpeg = variant(image, name, ImageFormat.JPEG);
			Variant webp = variant(image, name, ImageFormat.WEBP);
			BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(webp.bytes()));
			assertThat(decoded.getWidth()).isEqualTo(jpeg.width());
			assertThat(decoded.getHeight()).isEqualTo(jpeg.height());
			assertThat(webp.bytes().length).as("%s", name).isLessThan(jpeg.bytes().length);
			assertThat(webpChunks(webp.bytes())).as("lossy").containsExactly("VP8 ");
		}
	}

	@Test
	void aWebpIsTakenAndScaledWhileDecoded() throws Exception {
		ProcessedImage large = processing.image(write("large.webp", webp(photoLike(3000, 2000, 6))));
		ProcessedImage small = processing.image(write("small.webp", webp(markedImage(300, 200))));

		assertThat(large.width()).isEqualTo(3000);
		assertThat(large.height()).isEqualTo(2000);
		assertThat(variant(large, VariantName.FULL, ImageFormat.WEBP).height()).isEqualTo(853);
		assertNoMetadata(variant(large, VariantName.FULL, ImageFormat.JPEG));
		assertThat(small.variants()).extracting(Variant::width, Variant::height).containsExactly(sizes(160, 107, 300, 200, 300, 200));
		assertThat(corner(decode(variant(small, VariantName.FULL, ImageFormat.JPEG)), 0.1, 0.1)).isEqualTo(RED);
	}

	@Test
	void twelveMegapixelPhotosAreProcessedTwoAtOnce() throws Exception {
		Path first = write("first.jpg", jpeg(photoLike(4000, 3000, 7)));
		Path second = write("second.jpg", jpeg(photoLike(3000, 4000, 8)));

		ExecutorService two = Executors.newFixedThreadPool(2);
		try {
			Future<ProcessedImage> one = two.submit(() -> processing.image(first));
			Future<ProcessedImage> other = two.submit(() -> processing.image(second));

			assertThat(one.get().variants()).hasSize(6);
			assertThat(other.get().height()).isEqualTo(4000);
		}
		finally {
			two.shutdown();
		}
	}

	@Test
	void aPdfIsCountedAndADamagedOrEncryptedOneRefused() throws Exception {
		assertThat(processing.document(write("two.pdf", pdf(2))).pages()).isEqualTo(2);

		Path broken = write("broken.pdf", ("%PDF-1.7\n" + "garbage ".repeat(200)).getBytes(StandardCharsets.US_ASCII));
		assertThat(refusal(() -> processing.document(broken))).isEqualTo("MALFORMED_FILE");
		Path encrypted = write("secret.pdf", encryptedPdf("secret"));
		assertThat(refusal(() -> processing.document(encrypted))).isEqualTo("MALFORMED_FILE");
		Path ownerOnly = write("restricted.pdf", encryptedPdf(""));
		assertThat(refusal(() -> processing.document(ownerOnly))).isEqualTo("MALFORMED_FILE");
	}

	// what the variants carry

	private static void assertNoMetadata(Variant variant) throws Exception {
		Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(variant.bytes()));
		for (Class<? extends Directory> type : List.of(ExifIFD0Directory.class, GpsDirectory.class, XmpDirectory.class, IccDirectory.class,
				JpegCommentDirectory.class)) {
			assertThat(metadata.getFirstDirectoryOfType(type)).as("%s in %s", type.getSimpleName(), variant).isNull();
		}
		assertThat(variant.format() == ImageFormat.JPEG ? jpegSegments(variant.bytes()) : webpChunks(variant.bytes())).as("%s", variant)
			.isSubsetOf(Set.of("APP0", "DQT", "SOF0", "SOF2", "DHT", "SOS", "VP8 ", "VP8L", "VP8X", "ALPH"));
	}

	/** The markers before the scan: APP1 (EXIF, XMP), APP2 (ICC), COM would each be metadata. */
	private static List<String> jpegSegments(byte[] jpeg) {
		List<String> segments = new ArrayList<>();
		int at = 2;
		while (true) {
			int marker = jpeg[at + 1] & 0xFF;
			String name = marker >= 0xE0 && marker <= 0xEF ? "APP" + (marker - 0xE0) : switch (marker) {
				case 0xDB -> "DQT";
				case 0xC0 -> "SOF0";
				case 0xC2 -> "SOF2";
				case 0xC4 -> "DHT";
				case 0xDA -> "SOS";
				case 0xFE -> "COM";
				default -> String.format("%02X", marker);
			};
			segments.add(name);
			if (marker == 0xDA) {
				return segments;
			}
			at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
		}
	}

	/** The RIFF chunks: EXIF, XMP, ICCP would each be metadata. */
	private static List<String> webpChunks(byte[] webp) {
		ByteBuffer buffer = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
		List<String> chunks = new ArrayList<>();
		for (int at = 12; at + 8 <= webp.length; at += 8 + (buffer.getInt(at + 4) + 1 & ~1)) {
			chunks.add(new String(webp, at, 4, StandardCharsets.US_ASCII));
		}
		return chunks;
	}

	private static BufferedImage decode(Variant variant) throws IOException {
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(variant.bytes()));
		assertThat(decoded.getWidth()).as("%s", variant).isEqualTo(variant.width());
		assertThat(decoded.getHeight()).as("%s", variant).isEqualTo(variant.height());
		return decoded;
	}

	/** The nearest of the fixtures' colors at that fraction of the width and height (lossy variants are only near). */
	private static Color corner(BufferedImage image, double x, double y) {
		Color found = new Color(image.getRGB((int) (x * image.getWidth()), (int) (y * image.getHeight())));
		Color nearest = null;
		for (Color color : List.of(RED, GREEN, Color.GRAY, Color.WHITE, Color.BLUE)) {
			if (nearest == null || distance(found, color) < distance(found, nearest)) {
				nearest = color;
			}
		}
		return distance(found, nearest) < 60 ? nearest : found;
	}

	private static int distance(Color one, Color other) {
		return Math.abs(one.getRed() - other.getRed()) + Math.abs(one.getGreen() - other.getGreen()) + Math.abs(one.getBlue() - other.getBlue());
	}

	private static Variant variant(ProcessedImage image, VariantName name, ImageFormat format) {
		return image.variants().stream().filter(v -> v.name() == name && v.format() == format).findFirst().orElseThrow();
	}

	private static Tuple variant(VariantName name, ImageFormat format, int width, int height) {
		return Tuple.tuple(name, format, width, height);
	}

	private static Tuple[] sizes(int... widthsAndHeights) {
		List<Tuple> sizes = new ArrayList<>();
		for (int i = 0; i < widthsAndHeights.length; i += 2) {
			sizes.add(Tuple.tuple(widthsAndHeights[i], widthsAndHeights[i + 1]));
			sizes.add(Tuple.tuple(widthsAndHeights[i], widthsAndHeights[i + 1]));
		}
		return sizes.toArray(Tuple[]::new);
	}

	// refusals

	private static String refusal(ThrowingCallable call) {
		MediaRefused refused = catchThrowableOfType(MediaRefused.class, call);
		assertThat(refused).isNotNull();
		return refused.code();
	}

	private MediaRefused assertRefusedWithin(Duration bound, Path file) {
		long start = System.nanoTime();
		MediaRefused refused = catchThrowableOfType(MediaRefused.class, () -> processing.image(file));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
		assertThat(refused).isNotNull();
		return refused;
	}

	// fixtures

	private Path write(String name, byte[] bytes) throws IOException {
		return Files.write(directory.resolve(name), bytes);
	}

	/** Gray, the top-left quarter red, the top-right quarter green. */
	private static BufferedImage markedImage(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.GRAY);
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(RED);
		graphics.fillRect(0, 0, width / 4, height / 4);
		graphics.setColor(GREEN);
		graphics.fillRect(width - width / 4, 0, width / 4, height / 4);
		graphics.dispose();
		return image;
	}

	/** Smooth gradients with a little noise, as a photo's sky and skin (compressed about as a photo is). */
	static BufferedImage photoLike(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		Random random = new Random(seed);
		byte[] row = new byte[width * 3];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int noise = random.nextInt(17) - 8;
				row[3 * x] = (byte) clamp(255 * y / height + noise);
				row[3 * x + 1] = (byte) clamp(128 + (int) (100 * Math.sin(x / 150.0)) + noise);
				row[3 * x + 2] = (byte) clamp(255 * x / width + noise);
			}
			image.getRaster().setDataElements(0, y, width, 1, row);
		}
		return image;
	}

	private static int clamp(int value) {
		return Math.max(0, Math.min(255, value));
	}

	static byte[] jpeg(BufferedImage image) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	private static byte[] png(BufferedImage image) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static byte[] webp(BufferedImage image) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, "webp", out)).isTrue();
		return out.toByteArray();
	}

	private static byte[] withExif(byte[] jpeg, int orientation, boolean gps) throws Exception {
		TiffOutputSet exif = new TiffOutputSet();
		exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
		if (gps) {
			exif.setGpsInDegrees(-17.4467, 14.6928);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
		return out.toByteArray();
	}

	private static byte[] withXmp(byte[] jpeg) throws Exception {
		String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
				+ "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:creator=\"Awa Diop\"/></rdf:RDF></x:xmpmeta>";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new JpegXmpRewriter().updateXmpXml(jpeg, out, xmp);
		return out.toByteArray();
	}

	/** A PNG whose header declares the size, with a few bytes of pixels: small on disk, huge decoded. */
	private static byte[] pngDeclaring(int width, int height) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
			.put((byte) 0);
		chunk(out, "IHDR", header.array());
		Deflater deflater = new Deflater();
		deflater.setInput(new byte[4096]);
		deflater.finish();
		byte[] compressed = new byte[256];
		chunk(out, "IDAT", Arrays.copyOf(compressed, deflater.deflate(compressed)));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
		DataOutputStream chunk = new DataOutputStream(out);
		chunk.writeInt(data.length);
		byte[] typeAndData = new byte[4 + data.length];
		System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, typeAndData, 0, 4);
		System.arraycopy(data, 0, typeAndData, 4, data.length);
		chunk.write(typeAndData);
		CRC32 crc = new CRC32();
		crc.update(typeAndData);
		chunk.writeInt((int) crc.getValue());
	}

	private static byte[] pdf(int pages) throws IOException {
		try (PDDocument document = new PDDocument()) {
			for (int i = 0; i < pages; i++) {
				document.addPage(new PDPage());
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
	}

	private static byte[] encryptedPdf(String userPassword) throws IOException {
		try (PDDocument document = new PDDocument()) {
			document.addPage(new PDPage());
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", userPassword, new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
	}

}
