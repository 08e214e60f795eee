package org.comptoir.api.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.Consumer;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Scaling and encoding the pixels of a variant, from images of this package's own (RGB, or ARGB when there is alpha). */
final class Pictures {

	private static final float JPEG_QUALITY = 0.8f;

	private static final float WEBP_QUALITY = 0.75f;

	private Pictures() {
	}

	static BufferedImage blank(int width, int height, boolean alpha) {
		return new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
	}

	/** Halved with bilinear sampling (each pixel the mean of four) while twice as large, then the last step: no aliasing of a single jump. */
	static BufferedImage scale(BufferedImage source, int width, int height) {
		BufferedImage current = source;
		while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
			current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
		}
		return current.getWidth() == width && current.getHeight() == height ? current : draw(current, width, height);
	}

	/** Progressive, with no metadata: transparent pixels on white, as JPEG has no alpha. */
	static byte[] jpeg(BufferedImage image) {
		return write("image/jpeg", image.getColorModel().hasAlpha() ? onWhite(image) : image, param -> {
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(JPEG_QUALITY);
			param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
		});
	}

	/** Lossy, the alpha kept, with no metadata. */
	static byte[] webp(BufferedImage image) {
		return write("image/webp", image, param -> {
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionType("Lossy");
			param.setCompressionQuality(WEBP_QUALITY);
		});
	}

	private static BufferedImage draw(BufferedImage source, int width, int height) {
		BufferedImage target = blank(width, height, source.getColorModel().hasAlpha());
		Graphics2D graphics = target.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	private static BufferedImage onWhite(BufferedImage image) {
		BufferedImage opaque = blank(image.getWidth(), image.getHeight(), false);
		Graphics2D graphics = opaque.createGraphics();
		try {
			graphics.drawImage(image, 0, 0, Color.WHITE, null);
		}
		finally {
			graphics.dispose();
		}
		return opaque;
	}

	/** Written from the pixels alone: no stream or image metadata given, so none is written (a JPEG keeps only its JFIF header). */
	private static byte[] write(String contentType, BufferedImage image, Consumer<ImageWriteParam> settings) {
		ImageWriter writer = writer(contentType);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			settings.accept(param);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	private static ImageWriter writer(String contentType) {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(contentType);
		if (!writers.hasNext()) {
			throw new IllegalStateException("No ImageIO writer for " + contentType);
		}
		return writers.next();
	}

}
