package org.comptoir.local.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Pictures the demo data shows, drawn here with Java2D from a seed (no external asset, so they are ours to license):
 * a product illustration by HS code, a company logo, a chamber's logo and favicon. Same arguments, same bytes;
 * runs headless (text uses the logical {@link Font#SANS_SERIF} font, which needs only some installed font).
 */
public final class DemoPictures {

	public static final int PRODUCT_WIDTH = 1600;

	public static final int PRODUCT_HEIGHT = 1200;

	public static final int LOGO_SIZE = 512;

	public static final int FAVICON_SIZE = 64;

	/** Words an abbreviation skips: "Comptoir Cacaoyer de Paris" is CC, not CCD. */
	private static final Set<String> SMALL_WORDS = Set.of("de", "du", "des", "d", "la", "le", "les", "l", "et", "en",
			"of", "the", "and", "&", "sa", "sarl", "sas", "ltd", "gie");

	private DemoPictures() {
	}

	/** A 1600x1200 JPEG (photo-like, so JPEG as a camera would give) of the product of that HS code. */
	public static byte[] product(String hsCode, String title, long seed) {
		BufferedImage image = new BufferedImage(PRODUCT_WIDTH, PRODUCT_HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = graphics(image);
		Random random = new Random(seed * 31 + hsCode.hashCode() * 17L + (title == null ? 0 : title.hashCode()));
		new DemoProductPainter(g, random, PRODUCT_WIDTH, PRODUCT_HEIGHT).paint(hsCode, title == null ? "" : title);
		g.dispose();
		DemoProductPainter.grain(image, random, 9);
		return jpeg(image, 0.9f);
	}

	/** A 512x512 PNG: the company's initials on a rounded shape whose color and form come from the seed. */
	public static byte[] logo(String companyName, long seed) {
		Random random = new Random(seed ^ companyName.hashCode());
		Color base = Color.getHSBColor(random.nextFloat(), 0.45f + random.nextFloat() * 0.35f, 0.45f + random.nextFloat() * 0.3f);
		BufferedImage image = new BufferedImage(LOGO_SIZE, LOGO_SIZE, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = graphics(image);
		int inset = 24;
		int size = LOGO_SIZE - 2 * inset;
		// three families of form, so a page of logos is not a page of the same badge
		Shape shape = switch (random.nextInt(3)) {
			case 0 -> new Ellipse2D.Double(inset, inset, size, size);
			case 1 -> new RoundRectangle2D.Double(inset, inset, size, size, 140, 140);
			default -> new RoundRectangle2D.Double(inset, inset, size, size, 380, 60);
		};
		g.setPaint(new GradientPaint(0, inset, base.brighter(), 0, inset + size, base.darker()));
		g.fill(shape);
		g.setStroke(new BasicStroke(10));
		g.setColor(new Color(255, 255, 255, 70));
		g.draw(shape);
		drawCentered(g, initials(companyName, 2), LOGO_SIZE / 2f, LOGO_SIZE / 2f, 210, Color.WHITE);
		g.dispose();
		return png(image);
	}

	/** A 512x512 PNG: a disc of the chamber's primary color, an accent ring, bar and dot, its initials. */
	public static byte[] chamberLogo(String displayName, String primaryColor, String accentColor) {
		Color primary = Color.decode(primaryColor);
		Color accent = Color.decode(accentColor);
		BufferedImage image = new BufferedImage(LOGO_SIZE, LOGO_SIZE, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = graphics(image);
		g.setPaint(new GradientPaint(0, 0, primary.brighter(), 0, LOGO_SIZE, primary.darker()));
		g.fill(new Ellipse2D.Double(16, 16, 480, 480));
		g.setColor(accent);
		g.setStroke(new BasicStroke(22));
		g.draw(new Ellipse2D.Double(40, 40, 432, 432));
		g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.drawLine(166, 346, 346, 346);
		g.fill(new Ellipse2D.Double(240, 372, 32, 32));
		drawCentered(g, initials(displayName, 3), 256, 236, 150, Color.WHITE);
		g.dispose();
		return png(image);
	}

	/** A 64x64 PNG: the chamber's first letter on a rounded square of its primary color. */
	public static byte[] favicon(String displayName, String primaryColor) {
		BufferedImage image = new BufferedImage(FAVICON_SIZE, FAVICON_SIZE, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = graphics(image);
		g.setColor(Color.decode(primaryColor));
		g.fill(new RoundRectangle2D.Double(0, 0, FAVICON_SIZE, FAVICON_SIZE, 18, 18));
		drawCentered(g, initials(displayName, 1), 32, 32, 44, Color.WHITE);
		g.dispose();
		return png(image);
	}

	/** The first letters of the significant words, upper case; "?" for a name without letters. */
	static String initials(String name, int max) {
		String initials = Arrays.stream(name.split("[\\s\\-'’.,/]+"))
			.filter(word -> !word.isEmpty() && Character.isLetterOrDigit(word.codePointAt(0)))
			.filter(word -> !SMALL_WORDS.contains(word.toLowerCase(Locale.ROOT)))
			.limit(max)
			.map(word -> word.substring(0, Character.charCount(word.codePointAt(0))).toUpperCase(Locale.ROOT))
			.collect(Collectors.joining());
		return initials.isEmpty() ? "?" : initials;
	}

	static Graphics2D graphics(BufferedImage image) {
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
		return g;
	}

	/** Text centered on (x, y), shrunk until it fits 80% of twice the distance to the image's nearer edge. */
	static void drawCentered(Graphics2D g, String text, float x, float y, int size, Color color) {
		Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
		FontMetrics metrics = g.getFontMetrics(font);
		float room = Math.min(x, g.getDeviceConfiguration().getBounds().width - x) * 1.6f;
		if (metrics.stringWidth(text) > room) {
			font = font.deriveFont(size * room / metrics.stringWidth(text));
			metrics = g.getFontMetrics(font);
		}
		g.setFont(font);
		g.setColor(new Color(0, 0, 0, 50));
		float baseline = y + (metrics.getAscent() - metrics.getDescent()) / 2f;
		g.drawString(text, x - metrics.stringWidth(text) / 2f + size / 40f, baseline + size / 30f);
		g.setColor(color);
		g.drawString(text, x - metrics.stringWidth(text) / 2f, baseline);
	}

	private static byte[] png(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] jpeg(BufferedImage image, float quality) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			writer.setOutput(stream);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

}
