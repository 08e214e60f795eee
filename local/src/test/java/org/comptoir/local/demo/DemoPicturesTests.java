package org.comptoir.local.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPicturesTests {

	/** One HS code of each kind DemoPictures draws, the last one the fallback. */
	private static final Map<String, String> KINDS = Map.of("090111", "Washed Arabica green coffee beans",
			"080132", "Cashew kernels W320", "180100", "Fermented and dried cocoa beans", "520100", "West African ginned cotton",
			"151590", "Certified organic cosmetic argan oil", "520852", "Printed cotton poplin", "843880", "Coffee roasters");

	@ParameterizedTest
	@ValueSource(strings = {"090111", "080132", "180100", "520100", "151590", "520852", "843880"})
	void eachProductKindIsADecodablePictureOfTheDemoSize(String hsCode) throws IOException {
		byte[] picture = DemoPictures.product(hsCode, KINDS.get(hsCode), 42);

		BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture));
		assertThat(image.getWidth()).isEqualTo(1600);
		assertThat(image.getHeight()).isEqualTo(1200);
		assertThat(picture.length).as("a photo-like size").isBetween(100_000, 3_000_000);
	}

	@Test
	void theSameArgumentsGiveTheSameBytes() {
		assertThat(DemoPictures.product("090111", "Kivu green coffee", 7)).isEqualTo(DemoPictures.product("090111", "Kivu green coffee", 7));
		assertThat(DemoPictures.logo("Coopérative des Caféiculteurs du Kivu", 7))
			.isEqualTo(DemoPictures.logo("Coopérative des Caféiculteurs du Kivu", 7));
	}

	@Test
	void coffeeIsNotCottonAndAnotherSeedIsAnotherPicture() {
		byte[] coffee = DemoPictures.product("090111", "Coffee", 1);

		assertThat(coffee).isNotEqualTo(DemoPictures.product("520100", "Coffee", 1))
			.isNotEqualTo(DemoPictures.product("090111", "Coffee", 2));
	}

	@Test
	void logosAreSquarePngs() throws IOException {
		assertThat(size(DemoPictures.logo("Comptoir Cacaoyer de Paris", 3))).isEqualTo(512);
		assertThat(size(DemoPictures.chamberLogo("Chambre de commerce du Rwanda", "#00A1DE", "#FAD201"))).isEqualTo(512);
		assertThat(size(DemoPictures.favicon("Chambre de commerce du Rwanda", "#00A1DE"))).isEqualTo(64);
	}

	@Test
	void initialsSkipTheSmallWords() {
		assertThat(DemoPictures.initials("Comptoir Cacaoyer de Paris", 2)).isEqualTo("CC");
		assertThat(DemoPictures.initials("Épicerie Fine Montorgueil", 3)).isEqualTo("ÉFM");
		assertThat(DemoPictures.initials("  ", 2)).isEqualTo("?");
	}

	/** -Dcomptoir.demo-pictures.samples=true writes one picture of each kind into /tmp/demo-pictures, to look at. */
	@Test
	@EnabledIfSystemProperty(named = "comptoir.demo-pictures.samples", matches = "true")
	void writeSamples() throws IOException {
		Path dir = Files.createDirectories(Path.of("/tmp/demo-pictures"));
		KINDS.forEach((hsCode, title) -> DemoPictures.product(hsCode, title, 41)); // warms the JIT, so the times below are the demo's
		for (Map.Entry<String, String> kind : KINDS.entrySet()) {
			long best = Long.MAX_VALUE;
			byte[] picture = null;
			for (int run = 0; run < 3; run++) { // the best of three: a busy machine's pauses are not the drawing's time
				long start = System.nanoTime();
				picture = DemoPictures.product(kind.getKey(), kind.getValue(), 42);
				best = Math.min(best, System.nanoTime() - start);
			}
			System.out.printf("%s %d ms %d KB%n", kind.getKey(), best / 1_000_000, picture.length / 1024);
			Files.write(dir.resolve("product-" + kind.getKey() + ".jpg"), picture);
			ImageIO.write(ImageIO.read(new ByteArrayInputStream(picture)), "png", dir.resolve("product-" + kind.getKey() + ".png").toFile());
		}
		Files.write(dir.resolve("logo.png"), DemoPictures.logo("Coopérative des Caféiculteurs du Kivu", 1));
		Files.write(dir.resolve("logo-2.png"), DemoPictures.logo("Comptoir Cacaoyer de Paris", 2));
		Files.write(dir.resolve("chamber.png"), DemoPictures.chamberLogo("Chambre de commerce du Rwanda", "#00A1DE", "#FAD201"));
		Files.write(dir.resolve("favicon.png"), DemoPictures.favicon("Chambre de commerce du Rwanda", "#00A1DE"));
	}

	private static int size(byte[] png) throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image.getWidth()).isEqualTo(image.getHeight());
		return image.getWidth();
	}

}
