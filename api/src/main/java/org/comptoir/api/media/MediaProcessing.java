package org.comptoir.api.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.luciad.imageio.webp.WebPReadParam;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * What an uploaded file is, read from its bytes, and what is served of it. Images are decoded within
 * {@link MediaProperties#maxPixels()}, turned upright by their EXIF orientation, and written again as
 * variants with no metadata at all (EXIF, GPS, XMP, ICC comments gone); the original is never served.
 * A PDF is checked to be one. Blocking (called on a bounded scheduler of its own).
 */
final class MediaProcessing {

	/** A type a file may have, told by its first bytes, never by its name or declared type. */
	enum FileType {
		JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp"), PDF("application/pdf");

		final String contentType;

		FileType(String contentType) {
			this.contentType = contentType;
		}

		boolean image() {
			return this != PDF;
		}
	}

	/** The sizes served, each bounding the longer side (never enlarged). */
	enum VariantName {
		THUMBNAIL(160), CARD(480), FULL(1280);

		final int bound;

		VariantName(int bound) {
			this.bound = bound;
		}
	}

	/** The formats every variant is written in: JPEG for every client, WebP for the ones that take it (smaller). */
	enum ImageFormat {
		JPEG("image/jpeg", "jpg"), WEBP("image/webp", "webp");

		final String contentType;

		final String extension;

		ImageFormat(String contentType, String extension) {
			this.contentType = contentType;
			this.extension = extension;
		}
	}

	/** @param width the upright image's, before any variant */
	record ProcessedImage(int width, int height, List<Variant> variants) {
	}

	/** One size in one format, written from the pixels alone. */
	record Variant(VariantName name, ImageFormat format, int width, int height, byte[] bytes) {
	}

	/** A PDF that opens, and how many pages it has. */
	record CheckedDocument(int pages) {
	}

	private static final String UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE";

	private static final String IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE";

	private static final String MALFORMED_FILE = "MALFORMED_FILE";

	private static final String TYPES_TAKEN = "the files taken are JPEG, PNG and WebP images and PDF documents";

	private static final byte[] JPEG_MAGIC = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private static final byte[] RIFF = ascii("RIFF");

	private static final byte[] WEBP = ascii("WEBP");

	private static final byte[] PDF_MAGIC = ascii("%PDF-");

	private final long maxPixels;

	/** Writes a pixel in WebP once: a missing ImageIO plugin or native libwebp fails the start, not the first upload. */
	MediaProcessing(long maxPixels) {
		this.maxPixels = maxPixels;
		Pictures.webp(Pictures.blank(1, 1, false));
	}

	/** The file's type from its first bytes; an unreadable file (ours, not the sender's fault) is an {@link UncheckedIOException}. */
	static FileType detect(Path file) throws MediaRefused {
		byte[] head = firstBytes(file, 12);
		if (startsWith(head, 0, JPEG_MAGIC)) {
			return FileType.JPEG;
		}
		if (startsWith(head, 0, PNG_MAGIC)) {
			return FileType.PNG;
		}
		if (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP)) {
			return FileType.WEBP;
		}
		if (startsWith(head, 0, PDF_MAGIC)) {
			return FileType.PDF;
		}
		throw new MediaRefused(UNSUPPORTED_FILE_TYPE, (head.length == 0 ? "The file is empty: " : "The file's content is of no type taken: ")
				+ TYPES_TAKEN + " (told by the content, whatever the file's name)");
	}

	/** Every {@link VariantName} in every {@link ImageFormat}. */
	ProcessedImage image(Path file) throws MediaRefused {
		FileType type = detect(file);
		if (!type.image()) {
			throw new MediaRefused(UNSUPPORTED_FILE_TYPE, "A PDF is a document, not an image: the images taken are JPEG, PNG and WebP");
		}
		Orientation orientation = Orientation.of(exifOrientation(file, type));
		ImageReader reader = reader(type);
		BufferedImage upright;
		int width;
		int height;
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			reader.setInput(in, true, true); // no metadata read: the orientation is read apart, nothing else of it is kept
			width = reader.getWidth(0);
			height = reader.getHeight(0);
			refuseTooLarge(width, height);
			upright = orientation.apply(decode(reader, width, height));
		}
		catch (IOException | RuntimeException ex) {
			throw malformed(type, ex);
		}
		catch (OutOfMemoryError ex) { // a broken header may ask a decoder for an array it cannot have; that one was never allocated
			throw malformed(type, ex);
		}
		finally {
			reader.dispose();
		}
		return orientation.swapsSides() ? variants(upright, height, width) : variants(upright, width, height);
	}

	/** The page count of a PDF that opens without a password. */
	CheckedDocument document(Path file) throws MediaRefused {
		if (detect(file) != FileType.PDF) {
			throw new MediaRefused(UNSUPPORTED_FILE_TYPE, "The document is not a PDF: the documents taken are PDF only");
		}
		// its streams cached in temporary files, not the heap, however large the document
		try (PDDocument pdf = Loader.loadPDF(file.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
			if (pdf.isEncrypted()) {
				throw encrypted();
			}
			return new CheckedDocument(pdf.getNumberOfPages());
		}
		catch (InvalidPasswordException ex) {
			throw encrypted();
		}
		catch (IOException | RuntimeException ex) {
			throw new MediaRefused(MALFORMED_FILE, "The PDF could not be read (" + reason(ex) + "): it is damaged or incomplete");
		}
	}

	/** The step in both directions that decodes no more than about twice the {@link VariantName#FULL} bound on the longer side. */
	static int subsampling(int width, int height) {
		return Math.max(1, Math.max(width, height) / VariantName.FULL.bound);
	}

	/** The size of a variant: the longer side at most {@code bound}, the proportions kept, never enlarged. */
	private static Size fit(int width, int height, int bound) {
		int longer = Math.max(width, height);
		if (longer <= bound) {
			return new Size(width, height);
		}
		double scale = (double) bound / longer;
		return new Size(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)));
	}

	private record Size(int width, int height) {
	}

	private void refuseTooLarge(int width, int height) throws MediaRefused {
		long pixels = (long) width * height;
		if (pixels > maxPixels) {
			throw new MediaRefused(IMAGE_TOO_LARGE, "The image is " + width + "x" + height + ", " + pixels + " pixels: at most " + maxPixels
					+ " are taken");
		}
	}

	/** The pixels, subsampled while decoded, so a large photo is never held whole; a decoder's warning means damaged pixels. */
	private static BufferedImage decode(ImageReader reader, int width, int height) throws IOException {
		int step = subsampling(width, height);
		ImageReadParam param = reader.getDefaultReadParam();
		if (param instanceof WebPReadParam webp) { // the WebP reader ignores subsampling: libwebp scales while it decodes instead
			if (step > 1) {
				webp.setUseScaling(true);
				webp.setScaledWidth(width / step);
				webp.setScaledHeight(Math.max(1, height / step));
			}
		}
		else {
			param.setSourceSubsampling(step, step, 0, 0);
		}
		List<String> warnings = new ArrayList<>();
		reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
		BufferedImage decoded = reader.read(0, param);
		if (!warnings.isEmpty()) {
			throw new IOException(warnings.get(0));
		}
		return decoded;
	}

	private static ProcessedImage variants(BufferedImage upright, int width, int height) {
		List<Variant> variants = new ArrayList<>();
		BufferedImage source = upright;
		for (int i = VariantName.values().length - 1; i >= 0; i--) { // the largest first, each the source of the next smaller
			VariantName name = VariantName.values()[i];
			Size size = fit(width, height, name.bound);
			BufferedImage scaled = Pictures.scale(source, size.width(), size.height());
			variants.add(0, new Variant(name, ImageFormat.WEBP, size.width(), size.height(), Pictures.webp(scaled)));
			variants.add(0, new Variant(name, ImageFormat.JPEG, size.width(), size.height(), Pictures.jpeg(scaled)));
			source = scaled;
		}
		return new ProcessedImage(width, height, List.copyOf(variants));
	}

	/** 1 (as stored) when there is none, or when the metadata is broken: the pixels, not the metadata, decide whether a file is taken. */
	private static int exifOrientation(Path file, FileType type) {
		try (InputStream in = Files.newInputStream(file)) {
			ExifIFD0Directory exif = metadata(in, type).getFirstDirectoryOfType(ExifIFD0Directory.class);
			return exif == null || !exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION) ? 1 : exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
		}
		catch (ImageProcessingException | MetadataException | IOException | RuntimeException | OutOfMemoryError ex) {
			return 1;
		}
	}

	/** Only the EXIF of a JPEG is parsed (not its XMP, ICC, Photoshop segments): less of a stranger's file read. */
	private static Metadata metadata(InputStream in, FileType type) throws ImageProcessingException, IOException {
		return switch (type) {
			case JPEG -> JpegMetadataReader.readMetadata(in, List.of(new ExifReader()));
			case PNG -> PngMetadataReader.readMetadata(in);
			case WEBP -> WebpMetadataReader.readMetadata(in);
			case PDF -> throw new IllegalArgumentException("not an image");
		};
	}

	/** The reader of the type the bytes told, not whichever ImageIO would guess. */
	private static ImageReader reader(FileType type) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.contentType);
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + type.contentType);
		}
		return readers.next();
	}

	private static MediaRefused malformed(FileType type, Throwable cause) {
		return new MediaRefused(MALFORMED_FILE, "The " + type + " image could not be decoded (" + reason(cause) + "): it is damaged or incomplete");
	}

	private static String reason(Throwable cause) {
		return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
	}

	private static MediaRefused encrypted() {
		return new MediaRefused(MALFORMED_FILE, "The PDF is encrypted: only documents that open without a password are taken");
	}

	private static byte[] firstBytes(Path file, int count) {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(count);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean startsWith(byte[] head, int offset, byte[] magic) {
		return head.length >= offset + magic.length && Arrays.equals(head, offset, offset + magic.length, magic, 0, magic.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
