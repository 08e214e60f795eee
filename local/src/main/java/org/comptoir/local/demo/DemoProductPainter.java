package org.comptoir.local.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint.CycleMethod;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Locale;
import java.util.Random;

/** The product illustrations of {@link DemoPictures#product}: one method per kind of product, chosen by HS code. */
record DemoProductPainter(Graphics2D g, Random random, int w, int h) {

	void paint(String hsCode, String title) {
		String lower = title.toLowerCase(Locale.ROOT);
		if (hsCode.startsWith("0901") || hsCode.startsWith("2101")) {
			// green coffee is most of the demo's coffee, and it is not brown
			coffee(lower.contains("vert") || lower.contains("green"));
		}
		else if (hsCode.startsWith("0801") || hsCode.startsWith("0802")) {
			cashew();
		}
		else if (hsCode.startsWith("18")) {
			cocoa();
		}
		else if (hsCode.startsWith("5201")) {
			cotton();
		}
		else if (hsCode.startsWith("15") || hsCode.startsWith("33")) {
			oil();
		}
		else if (hsCode.matches("(5[0-9]|6[0-3]).*")) {
			textile();
		}
		else {
			crates(hsCode);
		}
		light();
	}

	/** Beans with their crease, scattered on burlap; the crease is what makes an ellipse read as coffee. */
	private void coffee(boolean green) {
		burlap(new Color(0xB89A6A), new Color(0x8E7246));
		Color bean = green ? new Color(0x9AA56B) : new Color(0x5A3520);
		for (int i = 0; i < 170; i++) {
			double x = spread(w), y = spread(h), size = 70 + random.nextDouble() * 20;
			AffineTransform at = place(x, y, random.nextDouble() * Math.PI);
			Shape body = at.createTransformedShape(new Ellipse2D.Double(-size / 2, -size * 0.36, size, size * 0.72));
			shadow(body, 10);
			g.setPaint(sphere(at, size * 0.5, vary(bean, 18)));
			g.fill(body);
			Path2D crease = new Path2D.Double();
			crease.moveTo(-size * 0.42, 0);
			crease.curveTo(-size * 0.15, -size * 0.12, size * 0.15, size * 0.12, size * 0.42, 0);
			g.setColor(darker(bean, 0.45));
			g.setStroke(new BasicStroke((float) (size * 0.06), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
			g.draw(at.createTransformedShape(crease));
		}
	}

	/** Curved nuts on dark wood: a thick arc with round ends is the cashew's kidney. */
	private void cashew() {
		planks(new Color(0x4A2F1E));
		for (int i = 0; i < 95; i++) {
			double x = spread(w), y = spread(h), r = 40 + random.nextDouble() * 10;
			AffineTransform at = place(x, y, random.nextDouble() * 2 * Math.PI);
			Arc2D arc = new Arc2D.Double(-r, -r, 2 * r, 2 * r, 35, 120, Arc2D.OPEN);
			Shape nut = at.createTransformedShape(
					new BasicStroke((float) (r * 1.25), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(arc));
			shadow(nut, 9);
			g.setPaint(sphere(place(x, y - r * 0.5, 0), r * 1.8, vary(new Color(0xEBC88C), 14)));
			g.fill(nut);
			g.setColor(new Color(255, 250, 235, 70));
			g.setStroke(new BasicStroke((float) (r * 0.12), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
			g.draw(at.createTransformedShape(new Arc2D.Double(-r * 1.2, -r * 1.2, 2.4 * r, 2.4 * r, 50, 90, Arc2D.OPEN)));
		}
	}

	/** Ridged yellow-to-red pods among their beans on a wooden table. */
	private void cocoa() {
		planks(new Color(0x7A5334));
		for (int i = 0; i < 90; i++) {
			double x = spread(w), y = spread(h), size = 60 + random.nextDouble() * 16;
			AffineTransform at = place(x, y, random.nextDouble() * Math.PI);
			Shape bean = at.createTransformedShape(new Ellipse2D.Double(-size / 2, -size * 0.3, size, size * 0.6));
			shadow(bean, 8);
			g.setPaint(sphere(at, size * 0.5, vary(new Color(0x5C2E24), 14)));
			g.fill(bean);
		}
		Color[] ripe = {new Color(0xE3A21A), new Color(0xD8641C), new Color(0xA8321F), new Color(0xC98A1E)};
		for (int i = 0; i < 4; i++) {
			double x = w * (0.2 + 0.2 * i) + jitter(80), y = h * (i % 2 == 0 ? 0.33 : 0.67) + jitter(120), len = 440 + random.nextDouble() * 80;
			AffineTransform at = place(x, y, (i % 2 == 0 ? 0.5 : -0.4) + jitter(0.6));
			Path2D pod = new Path2D.Double();
			pod.moveTo(len / 2, 0);
			pod.curveTo(len * 0.3, -len * 0.3, -len * 0.3, -len * 0.3, -len * 0.46, -len * 0.1);
			pod.quadTo(-len * 0.54, 0, -len * 0.46, len * 0.1);
			pod.curveTo(-len * 0.3, len * 0.3, len * 0.3, len * 0.3, len / 2, 0);
			Shape body = at.createTransformedShape(pod);
			shadow(body, 22);
			g.setPaint(sphere(at, len * 0.45, vary(ripe[random.nextInt(ripe.length)], 12)));
			g.fill(body);
			g.setStroke(new BasicStroke(9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
			for (double k = -0.3; k <= 0.31; k += 0.12) {
				Path2D ridge = new Path2D.Double();
				ridge.moveTo(-len * 0.47, 0);
				ridge.curveTo(-len * 0.3, len * k, len * 0.25, len * k, len * 0.48, 0);
				g.setColor(new Color(70, 25, 0, 55));
				g.draw(at.createTransformedShape(ridge));
				g.setColor(new Color(255, 230, 160, 35));
				g.draw(at.createTransformedShape(AffineTransform.getTranslateInstance(0, -7).createTransformedShape(ridge)));
			}
			if (i == 1) { // a pod cut open: the white pulp and its beans are what cocoa looks like inside
				g.setPaint(sphere(at, len * 0.35, new Color(0xF1E6D2)));
				g.fill(at.createTransformedShape(new Ellipse2D.Double(-len * 0.38, -len * 0.17, len * 0.76, len * 0.34)));
				for (double bx = -0.3; bx <= 0.31; bx += 0.12) {
					for (double by : new double[] {-0.07, 0.07}) {
						g.setPaint(sphere(place(x, y, 0), len * 0.06, new Color(0x6E3B4A)));
						g.fill(at.createTransformedShape(new Ellipse2D.Double(len * (bx - 0.05), len * (by - 0.04), len * 0.1, len * 0.08)));
					}
				}
			}
		}
	}

	/** White bolls on brown stems over a field that goes back to the sky; far bolls are smaller. */
	private void cotton() {
		g.setPaint(new GradientPaint(0, 0, new Color(0x8DB8E0), 0, h * 0.38f, new Color(0xE8EEF0)));
		g.fill(new Rectangle2D.Double(0, 0, w, h * 0.4));
		g.setPaint(new GradientPaint(0, h * 0.38f, new Color(0x8E9A5A), 0, h, new Color(0x4F5A2C)));
		g.fill(new Rectangle2D.Double(0, h * 0.38, w, h * 0.62));
		for (int k = 0; k < 60; k++) {
			g.setColor(vary(new Color(0x6F8A6A), 10, 200));
			double r = 30 + random.nextDouble() * 50;
			g.fill(new Ellipse2D.Double(k * w / 58.0 - r, h * 0.39 - r * 0.7, 2.2 * r, r));
		}
		for (int row = 0; row < 12; row++) {
			double depth = row / 11.0, y = h * (0.42 + 0.62 * depth * depth), scale = 0.2 + depth * 1.2;
			for (int i = 0; i < 10 + (11 - row) * 3; i++) {
				double x = random.nextDouble() * w;
				for (int leaf = 0; leaf < 7; leaf++) {
					g.setColor(vary(new Color(0x3E5A26), 14));
					g.fill(new Ellipse2D.Double(x + jitter(110) * scale - 30 * scale, y - (20 + random.nextDouble() * 80) * scale, 60 * scale, 34 * scale));
				}
				for (int b = 0; b < 3; b++) {
					boll(x + jitter(100) * scale, y - (50 + random.nextDouble() * 60) * scale, 16 * scale);
				}
			}
		}
	}

	/** A glass bottle of golden oil with its nuts at the foot: argan, and any oil or cosmetic. */
	private void oil() {
		g.setPaint(new GradientPaint(0, 0, new Color(0xF3E4C6), 0, h, new Color(0xC9A878)));
		g.fillRect(0, 0, w, h);
		g.setPaint(new GradientPaint(0, h * 0.72f, new Color(0xB08C5C), 0, h, new Color(0x8A6A40)));
		g.fill(new Rectangle2D.Double(0, h * 0.72, w, h * 0.28));
		double cx = w * 0.5, bottom = h * 0.86;
		g.setColor(new Color(60, 35, 10, 60));
		g.fill(new Ellipse2D.Double(cx - 260, bottom - 40, 560, 80));
		Shape glass = new RoundRectangle2D.Double(cx - 200, bottom - 620, 400, 620, 120, 120);
		g.setPaint(new Color(255, 255, 255, 90));
		g.fill(new RoundRectangle2D.Double(cx - 60, bottom - 820, 120, 200, 30, 30));
		g.fill(glass);
		g.setPaint(new LinearGradientPaint((float) cx - 200, 0, (float) cx + 200, 0, new float[] {0f, 0.4f, 1f},
				new Color[] {new Color(0xB06F10), new Color(0xF2B631), new Color(0x9A5A08)}));
		g.fill(new RoundRectangle2D.Double(cx - 188, bottom - 430, 376, 418, 100, 100));
		g.setPaint(new GradientPaint(0, (float) bottom - 900, new Color(0x8A5A32), 0, (float) bottom - 800, new Color(0x5E3A1E)));
		g.fill(new RoundRectangle2D.Double(cx - 52, bottom - 900, 104, 100, 16, 16));
		g.setColor(new Color(255, 255, 255, 110));
		g.fill(new RoundRectangle2D.Double(cx - 160, bottom - 560, 34, 470, 30, 30));
		for (int i = 0; i < 14; i++) {
			double x = cx + (i % 2 == 0 ? -1 : 1) * (280 + random.nextDouble() * 380), y = bottom - 40 + jitter(110), size = 70 + random.nextDouble() * 30;
			AffineTransform at = place(x, y, random.nextDouble() * Math.PI);
			Shape nut = at.createTransformedShape(new Ellipse2D.Double(-size / 2, -size * 0.38, size, size * 0.76));
			shadow(nut, 10);
			g.setPaint(sphere(at, size * 0.5, vary(new Color(0x7A4E26), 18)));
			g.fill(nut);
		}
	}

	/** Folded cloth: woven stripes of a seeded palette, a twill grain, and light and shade for the folds. */
	private void textile() {
		Color[][] palettes = {{new Color(0x1F3B73), new Color(0xE9E2D0), new Color(0xC0392B)},
			{new Color(0x2E5E4E), new Color(0xF2C14E), new Color(0xF7F3E8)}, {new Color(0x6B2D5C), new Color(0xF0A202), new Color(0x1B998B)}};
		Color[] palette = palettes[random.nextInt(palettes.length)];
		for (int x = 0, k = 0; x < w; k++) {
			int stripe = 20 + random.nextInt(90);
			g.setColor(vary(palette[k % palette.length], 10));
			g.fillRect(x, 0, stripe, h);
			x += stripe;
		}
		g.setStroke(new BasicStroke(2f));
		g.setColor(new Color(0, 0, 0, 28));
		for (int d = -h; d < w; d += 7) {
			g.drawLine(d, h, d + h, 0);
		}
		g.setPaint(new LinearGradientPaint(0, 0, 380, 60, new float[] {0f, 0.5f, 1f},
				new Color[] {new Color(0, 0, 0, 90), new Color(255, 255, 255, 40), new Color(0, 0, 0, 90)}, CycleMethod.REFLECT));
		g.fillRect(0, 0, w, h);
	}

	/** Fallback: stacked wooden crates stencilled with the HS code, in a warehouse. */
	private void crates(String hsCode) {
		g.setPaint(new GradientPaint(0, 0, new Color(0x5D6770), 0, h * 0.6f, new Color(0x9AA3A8)));
		g.fillRect(0, 0, w, h);
		g.setPaint(new GradientPaint(0, h * 0.6f, new Color(0x7D7468), 0, h, new Color(0x4C463E)));
		g.fill(new Rectangle2D.Double(0, h * 0.6, w, h * 0.4));
		int size = 300;
		g.setColor(new Color(0, 0, 0, 60));
		g.fill(new Ellipse2D.Double(w / 2.0 - 2.3 * size, h * 0.84 - 40, 4.6 * size, 90));
		for (int row = 0; row < 3; row++) {
			for (int col = 0; col < 4 - row; col++) {
				double x = w / 2.0 - (4 - row) * size / 2.0 + col * size + jitter(16), y = h * 0.84 - (row + 1) * size;
				Color wood = vary(new Color(0xB98A52), 16);
				g.setColor(wood);
				g.fill(new Rectangle2D.Double(x, y, size - 8, size - 8));
				g.setColor(darker(wood, 0.7));
				g.setStroke(new BasicStroke(3f));
				for (int p = 1; p < 5; p++) {
					g.drawLine((int) x, (int) (y + p * size / 5.0), (int) (x + size - 8), (int) (y + p * size / 5.0));
				}
				g.setColor(darker(wood, 0.8));
				g.setStroke(new BasicStroke(26f));
				g.draw(new Rectangle2D.Double(x + 13, y + 13, size - 34, size - 34));
				g.setClip(new Rectangle2D.Double(x, y, size - 8, size - 8));
				g.draw(new Line2D.Double(x + 13, y + size - 21, x + size - 21, y + 13));
				g.setClip(null);
				if (row == 0) { // stencilled on the front row only: eight of the same label read as wallpaper
					DemoPictures.drawCentered(g, "HS " + hsCode.substring(0, Math.min(4, hsCode.length())), (float) x + size / 2f,
							(float) y + size / 2f, 48, new Color(40, 30, 20, 200));
				}
			}
		}
	}

	/** A burlap sack: a base color and a loose weave of slightly jittered threads both ways. */
	private void burlap(Color base, Color thread) {
		g.setColor(base);
		g.fillRect(0, 0, w, h);
		g.setStroke(new BasicStroke(3.5f));
		for (int i = 0; i < Math.max(w, h); i += 7) {
			g.setColor(vary(thread, 20, 120));
			g.drawLine(i, 0, i + random.nextInt(9) - 4, h);
			g.setColor(vary(darker(thread, 0.85), 20, 120));
			g.drawLine(0, i, w, i + random.nextInt(9) - 4);
		}
	}

	/** Wooden planks with their grain, across the picture. */
	private void planks(Color wood) {
		for (int y = 0; y < h; y += 200) {
			Color plank = vary(wood, 10);
			g.setPaint(new GradientPaint(0, y, plank.brighter(), 0, y + 200, plank));
			g.fillRect(0, y, w, 200);
			g.setStroke(new BasicStroke(2f));
			for (int k = 0; k < 14; k++) {
				g.setColor(new Color(0, 0, 0, 20 + random.nextInt(30)));
				double gy = y + random.nextDouble() * 200, amp = 4 + random.nextDouble() * 10;
				g.draw(new CubicCurve2D.Double(0, gy, w / 3.0, gy + amp, 2 * w / 3.0, gy - amp, w, gy + jitter(8)));
			}
			g.setColor(new Color(0, 0, 0, 110));
			g.fillRect(0, y, w, 4);
		}
	}

	/** A boll: brown bracts under five white lobes; only near bolls get a lit gradient per lobe (far ones are a few pixels). */
	private void boll(double x, double y, double r) {
		g.setColor(new Color(0x4A2E1A));
		g.fill(new Ellipse2D.Double(x - r * 0.8, y + r * 0.1, r * 1.6, r * 0.8));
		for (int k = 0; k < 5; k++) {
			double a = k * 2 * Math.PI / 5 + random.nextDouble() * 0.5, bx = x + Math.cos(a) * r * 0.55, by = y + Math.sin(a) * r * 0.45;
			g.setPaint(r > 12 ? sphere(place(bx, by, 0), r * 0.75, new Color(0xF4F2EC)) : new Color(0xE8E6E0));
			g.fill(new Ellipse2D.Double(bx - r * 0.6, by - r * 0.6, r * 1.2, r * 1.2));
		}
	}

	/** Soft light from the upper left and a vignette: the lighting that makes flat shapes look photographed. */
	private void light() {
		// eased stops: a gradient whose slope breaks shows a band (Mach band) where it breaks
		g.setPaint(new RadialGradientPaint(w * 0.3f, h * 0.25f, w * 0.8f, new float[] {0f, 0.5f, 1f},
				new Color[] {new Color(255, 245, 225, 50), new Color(255, 245, 225, 14), new Color(255, 245, 225, 0)}));
		g.fillRect(0, 0, w, h);
		g.setPaint(new RadialGradientPaint(w * 0.5f, h * 0.5f, w * 0.62f, new float[] {0f, 0.5f, 0.8f, 1f},
				new Color[] {new Color(0, 0, 0, 0), new Color(0, 0, 0, 8), new Color(0, 0, 0, 50), new Color(0, 0, 0, 110)}));
		g.fillRect(0, 0, w, h);
	}

	/** Adds per-pixel noise to the whole picture: a camera's grain, and what keeps JPEG sizes realistic. */
	static void grain(BufferedImage image, Random random, int amount) {
		int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
		for (int i = 0; i < pixels.length; i++) {
			int p = pixels[i], n = random.nextInt(2 * amount + 1) - amount;
			pixels[i] = clamp((p >> 16 & 0xff) + n) << 16 | clamp((p >> 8 & 0xff) + n) << 8 | clamp((p & 0xff) + n);
		}
	}

	private void shadow(Shape shape, double offset) {
		g.setColor(new Color(0, 0, 0, 70));
		g.fill(AffineTransform.getTranslateInstance(offset * 0.6, offset).createTransformedShape(shape));
	}

	/** A radial fill lit from the upper left of where at places the shape (the light does not turn with it), so it reads as round. */
	private static RadialGradientPaint sphere(AffineTransform at, double radius, Color color) {
		float x = (float) (at.getTranslateX() - radius * 0.35), y = (float) (at.getTranslateY() - radius * 0.35);
		return new RadialGradientPaint(x, y, (float) (radius * 1.6), new float[] {0f, 0.6f, 1f},
				new Color[] {lighter(color), color, darker(color, 0.55)});
	}

	private static AffineTransform place(double x, double y, double angle) {
		AffineTransform at = AffineTransform.getTranslateInstance(x, y);
		at.rotate(angle);
		return at;
	}

	private double spread(double extent) {
		return random.nextDouble() * extent * 1.1 - extent * 0.05;
	}

	private double jitter(double extent) {
		return (random.nextDouble() - 0.5) * extent;
	}

	private Color vary(Color color, int by) {
		return vary(color, by, 255);
	}

	private Color vary(Color color, int by, int alpha) {
		int n = random.nextInt(2 * by + 1) - by;
		return new Color(clamp(color.getRed() + n), clamp(color.getGreen() + n), clamp(color.getBlue() + n), alpha);
	}

	private static Color lighter(Color c) {
		return new Color(clamp(c.getRed() + 60), clamp(c.getGreen() + 55), clamp(c.getBlue() + 45));
	}

	private static Color darker(Color c, double factor) {
		return new Color((int) (c.getRed() * factor), (int) (c.getGreen() * factor), (int) (c.getBlue() * factor), c.getAlpha());
	}

	private static int clamp(int v) {
		return Math.max(0, Math.min(255, v));
	}

}
