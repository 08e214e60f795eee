package org.comptoir.api.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** Files the media tests send, made here: a phone's photo with its GPS position, a bomb, an executable, a PDF. */
final class TestFiles {

	private TestFiles() {
	}

	/** A photo-like JPEG (gradient and noise, so it does not compress to nothing). */
	static byte[] jpeg(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setPaint(new GradientPaint(0, 0, new Color(120, 72, 40), width, height, new Color(230, 190, 120)));
		g.fillRect(0, 0, width, height);
		Random random = new Random(seed);
		for (int i = 0; i < width * height / 40; i++) {
			g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 90));
			g.fillOval(random.nextInt(width), random.nextInt(height), 3 + random.nextInt(6), 3 + random.nextInt(6));
		}
		g.dispose();
		return write(image, "jpg");
	}

	/** A JPEG as a phone writes it: EXIF with the camera, an orientation, and where it was taken (Ziguinchor). */
	static byte[] jpegWithGps(int width, int height) {
		try {
			TiffOutputSet exif = new TiffOutputSet();
			TiffOutputDirectory root = exif.getOrCreateRootDirectory();
			root.add(TiffTagConstants.TIFF_TAG_MAKE, "PhoneMaker");
			root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 1);
			exif.setGpsInDegrees(-16.2719, 12.5681);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			new ExifRewriter().updateExifMetadataLossless(jpeg(width, height, 7), out, exif);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] png(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0, 133, 63));
		g.fillOval(0, 0, width, height);
		g.dispose();
		return write(image, "png");
	}

	/** A PNG that says it has 50,000 × 50,000 pixels (10 GB decoded), a few hundred bytes on disk. */
	static byte[] decompressionBomb() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(50_000).putInt(50_000).put((byte) 8).put((byte) 2).put((byte) 0)
			.put((byte) 0).put((byte) 0).array());
		Deflater deflater = new Deflater(9);
		deflater.setInput(new byte[64 * 1024]);
		deflater.finish();
		byte[] compressed = new byte[4096];
		int n = deflater.deflate(compressed);
		chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, n));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(name);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	/** An ELF executable's first bytes and some more: what a renamed program looks like. */
	static byte[] executable() {
		byte[] bytes = new byte[4096];
		new Random(1).nextBytes(bytes);
		System.arraycopy(new byte[] { 0x7F, 'E', 'L', 'F', 2, 1, 1, 0 }, 0, bytes, 0, 8);
		return bytes;
	}

	static byte[] pdf(int pages) {
		try (PDDocument document = new PDDocument()) {
			for (int i = 0; i < pages; i++) {
				document.addPage(new PDPage());
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] write(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, format, out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
