package org.comptoir.api.media;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** The eight EXIF orientations (TIFF tag 274, values 1 to 8 in this order): how stored pixels are turned to stand upright. */
enum Orientation {
	NORMAL, MIRRORED, UPSIDE_DOWN, FLIPPED, TRANSPOSED, TURNED_RIGHT, TRANSVERSE, TURNED_LEFT;

	/** {@link #NORMAL} for a value out of the range, as viewers do. */
	static Orientation of(int exif) {
		return exif >= 1 && exif <= values().length ? values()[exif - 1] : NORMAL;
	}

	/** Whether the upright image's width is the stored height. */
	boolean swapsSides() {
		return compareTo(TRANSPOSED) >= 0;
	}

	/** The pixels upright, in an RGB (or ARGB) image of their own whatever the decoder's color model. */
	BufferedImage apply(BufferedImage stored) {
		int width = stored.getWidth();
		int height = stored.getHeight();
		BufferedImage upright = Pictures.blank(swapsSides() ? height : width, swapsSides() ? width : height, stored.getColorModel().hasAlpha());
		Graphics2D graphics = upright.createGraphics();
		try {
			graphics.drawImage(stored, transform(width, height), null); // whole quarter turns and flips: each pixel lands on one, none blended
		}
		finally {
			graphics.dispose();
		}
		return upright;
	}

	/** From stored to upright coordinates (m00, m10, m01, m11, m02, m12). */
	private AffineTransform transform(int width, int height) {
		return switch (this) {
			case NORMAL -> new AffineTransform();
			case MIRRORED -> new AffineTransform(-1, 0, 0, 1, width, 0);
			case UPSIDE_DOWN -> new AffineTransform(-1, 0, 0, -1, width, height);
			case FLIPPED -> new AffineTransform(1, 0, 0, -1, 0, height);
			case TRANSPOSED -> new AffineTransform(0, 1, 1, 0, 0, 0);
			case TURNED_RIGHT -> new AffineTransform(0, 1, -1, 0, height, 0);
			case TRANSVERSE -> new AffineTransform(0, -1, -1, 0, height, width);
			case TURNED_LEFT -> new AffineTransform(0, -1, 1, 0, 0, width);
		};
	}

}
