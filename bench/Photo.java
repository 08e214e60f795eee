import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;

/**
 * Photo-like JPEGs for the media benchmark (bench/media.sh), with no image library but the JDK's:
 * a sky-to-ground gradient, soft blobs of colour, a mid-frequency texture (value noise over two octaves)
 * and per-pixel sensor noise, so that JPEG compresses it about as it does a real photo (a 4000 x 3000
 * at quality 0.9 comes out at a few megabytes, not the few hundred kilobytes of a plain gradient).
 *
 *   java bench/Photo.java WIDTH HEIGHT SEED OUT.jpg [OUT2.jpg ...]   one photo per file, seeds SEED, SEED+1, ...
 */
public class Photo {

	public static void main(String[] args) throws IOException {
		if (args.length < 4) {
			System.err.println("usage: java Photo.java WIDTH HEIGHT SEED OUT.jpg [OUT2.jpg ...]");
			System.exit(2);
		}
		int width = Integer.parseInt(args[0]);
		int height = Integer.parseInt(args[1]);
		long seed = Long.parseLong(args[2]);
		for (int i = 3; i < args.length; i++) {
			write(photo(width, height, seed + i - 3), new File(args[i]), 0.9f);
			System.out.println(args[i] + " " + new File(args[i]).length());
		}
	}

	static BufferedImage photo(int width, int height, long seed) {
		Random random = new Random(seed);
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		// blobs: centre, radius, colour
		int blobs = 14;
		double[][] blob = new double[blobs][6];
		for (double[] b : blob) {
			b[0] = random.nextDouble() * width;
			b[1] = random.nextDouble() * height;
			b[2] = (0.05 + random.nextDouble() * 0.25) * Math.max(width, height);
			b[3] = random.nextDouble() * 160 - 80;
			b[4] = random.nextDouble() * 160 - 80;
			b[5] = random.nextDouble() * 160 - 80;
		}
		// value-noise grids: a coarse one (cells of ~40 px) and a fine one (~6 px), scaled to the image
		double scale = Math.max(width, height) / 4000.0;
		Grid coarse = new Grid(width, height, Math.max(4, 40 * scale), random);
		Grid fine = new Grid(width, height, Math.max(2, 6 * scale), random);
		int[] row = new int[width];
		double horizon = height * (0.45 + random.nextDouble() * 0.15);
		for (int y = 0; y < height; y++) {
			double sky = y < horizon ? y / horizon : 0;
			for (int x = 0; x < width; x++) {
				double r, g, b;
				if (y < horizon) { // sky: blue going pale towards the horizon
					r = 90 + 120 * sky; g = 140 + 90 * sky; b = 210 + 30 * sky;
				}
				else { // ground: greens and browns, darker towards the bottom
					double d = (y - horizon) / (height - horizon);
					r = 120 - 60 * d; g = 110 - 40 * d; b = 60 - 30 * d;
				}
				for (double[] c : blob) {
					double dx = x - c[0], dy = y - c[1];
					double w = Math.exp(-(dx * dx + dy * dy) / (c[2] * c[2]));
					r += w * c[3]; g += w * c[4]; b += w * c[5];
				}
				double texture = (y < horizon ? 8 : 28) * coarse.at(x, y) + (y < horizon ? 3 : 14) * fine.at(x, y);
				double noise = random.nextGaussian() * 6;
				r += texture + noise + random.nextGaussian() * 2.5;
				g += texture + noise + random.nextGaussian() * 2.5;
				b += texture * 0.8 + noise + random.nextGaussian() * 2.5;
				row[x] = clamp(r) << 16 | clamp(g) << 8 | clamp(b);
			}
			image.setRGB(0, y, width, 1, row, 0, width);
		}
		return image;
	}

	/** Bilinear value noise in [-1, 1] over a grid of random values. */
	static final class Grid {
		final double cell;
		final int columns;
		final float[] values;

		Grid(int width, int height, double cell, Random random) {
			this.cell = cell;
			this.columns = (int) (width / cell) + 2;
			int rows = (int) (height / cell) + 2;
			this.values = new float[columns * rows];
			for (int i = 0; i < values.length; i++) {
				values[i] = random.nextFloat() * 2 - 1;
			}
		}

		double at(int x, int y) {
			double gx = x / cell, gy = y / cell;
			int ix = (int) gx, iy = (int) gy;
			double fx = gx - ix, fy = gy - iy;
			fx = fx * fx * (3 - 2 * fx);
			fy = fy * fy * (3 - 2 * fy);
			int i = iy * columns + ix;
			double top = values[i] + (values[i + 1] - values[i]) * fx;
			double bottom = values[i + columns] + (values[i + columns + 1] - values[i + columns]) * fx;
			return top + (bottom - top) * fy;
		}
	}

	static int clamp(double v) {
		return v < 0 ? 0 : v > 255 ? 255 : (int) v;
	}

	static void write(BufferedImage image, File out, float quality) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ImageWriteParam param = writer.getDefaultWriteParam();
		param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
		param.setCompressionQuality(quality);
		try (FileImageOutputStream output = new FileImageOutputStream(out)) {
			writer.setOutput(output);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
	}

}
