package org.comptoir.local.generator;

import java.util.List;
import java.util.Random;

/** Trade vocabulary for generated listings: products by HS code, in French and English, and their qualifiers. */
final class Vocabulary {

	record Product(String hsCode, String fr, String en, String unit) {
	}

	static final List<Product> PRODUCTS = List.of(
			new Product("090111", "Café vert arabica", "Green arabica coffee", "TNE"),
			new Product("090111", "Café vert robusta", "Green robusta coffee", "TNE"),
			new Product("090121", "Café torréfié en grains", "Roasted coffee beans", "KGM"),
			new Product("080131", "Noix de cajou brutes", "Raw cashew nuts", "TNE"),
			new Product("080132", "Amandes de cajou décortiquées", "Shelled cashew kernels", "TNE"),
			new Product("180100", "Fèves de cacao fermentées", "Fermented cocoa beans", "TNE"),
			new Product("180310", "Pâte de cacao", "Cocoa paste", "TNE"),
			new Product("180500", "Poudre de cacao", "Cocoa powder", "KGM"),
			new Product("520100", "Coton égrené", "Ginned cotton", "TNE"),
			new Product("520852", "Tissu de coton imprimé", "Printed cotton fabric", "MTR"),
			new Product("151590", "Huile d'argan cosmétique", "Cosmetic argan oil", "LTR"),
			new Product("151590", "Beurre de karité", "Shea butter", "KGM"),
			new Product("150920", "Huile d'olive vierge extra", "Extra virgin olive oil", "LTR"),
			new Product("090240", "Thé noir", "Black tea", "KGM"),
			new Product("090220", "Thé vert", "Green tea", "KGM"),
			new Product("091020", "Safran", "Saffron", "KGM"),
			new Product("080521", "Clémentines", "Clementines", "TNE"),
			new Product("080450", "Mangues fraîches", "Fresh mangoes", "TNE"),
			new Product("080440", "Avocats", "Avocados", "TNE"),
			new Product("120242", "Arachides décortiquées", "Shelled groundnuts", "TNE"),
			new Product("030617", "Crevettes congelées", "Frozen shrimps", "KGM"),
			new Product("610910", "T-shirts en coton", "Cotton T-shirts", "C62"),
			new Product("620462", "Pantalons femme en coton", "Women's cotton trousers", "C62"),
			new Product("420221", "Sacs à main en cuir", "Leather handbags", "C62"),
			new Product("330499", "Crèmes cosmétiques", "Cosmetic creams", "C62"),
			new Product("040900", "Miel naturel", "Natural honey", "KGM"),
			new Product("440791", "Sciages de chêne", "Sawn oak timber", "TNE"),
			new Product("100630", "Riz blanchi", "Milled rice", "TNE"),
			new Product("170114", "Sucre de canne brut", "Raw cane sugar", "TNE"),
			new Product("200912", "Jus d'orange", "Orange juice", "LTR"));

	static final List<String[]> QUALIFIERS = List.of(new String[] { "qualité export", "export grade" },
			new String[] { "biologique certifié", "certified organic" }, new String[] { "commerce équitable", "fair trade" },
			new String[] { "récolte 2026", "2026 harvest" }, new String[] { "premier choix", "first choice" },
			new String[] { "grade A", "grade A" }, new String[] { "en vrac", "in bulk" },
			new String[] { "conditionné en sacs de jute", "packed in jute bags" },
			new String[] { "lavé", "washed" }, new String[] { "séché au soleil", "sun dried" });

	static final List<String> REGIONS = List.of("Casamance", "Kivu", "Souss", "Sine-Saloum", "Huye", "Agadir", "Thiès",
			"Nyamasheke", "Fès", "Kaolack", "Rubavu", "Meknès", "Ziguinchor", "Musanze", "Essaouira", "Lyon", "Bordeaux");

	static final List<String> COMPANY_WORDS = List.of("Comptoir", "Société", "Coopérative", "Maison", "Groupe", "Négoce",
			"Atelier", "Union", "Entreprise", "Compagnie", "Agro", "Trading", "Export", "Industries", "Distribution");

	private Vocabulary() {
	}

	static <T> T pick(List<T> items, Random random) {
		return items.get(random.nextInt(items.size()));
	}

}
