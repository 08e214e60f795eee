package org.comptoir.api.graphql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.FloatValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;
import graphql.schema.idl.RuntimeWiring;

/**
 * The contract's scalars, validated on the way in: an invalid value is refused before execution with
 * {@code BAD_USER_INPUT} and a message naming the value.
 * <p>
 * Hand-written, not graphql-java-extended-scalars: its country, currency and locale scalars coerce to its
 * own enum, {@code Currency} and a lenient {@code Locale} where the API checks strings, its DateTime always
 * prints milliseconds, its BigDecimal is a JSON number (the contract's Decimal is a string), and its
 * descriptions would change the schema snapshot.
 */
@Component
class Scalars implements RuntimeWiringConfigurer {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
		.map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

	private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

	static final GraphQLScalarType COUNTRY_CODE = stringScalar("CountryCode", value -> {
		if (!COUNTRIES.contains(value)) {
			throw new IllegalArgumentException("Invalid CountryCode '" + value + "': expected an ISO 3166-1 alpha-2 code such as SN or MA");
		}
		return value;
	});

	static final GraphQLScalarType CURRENCY_CODE = stringScalar("CurrencyCode", value -> {
		if (!CURRENCIES.contains(value)) {
			throw new IllegalArgumentException("Invalid CurrencyCode '" + value + "': expected an ISO 4217 code such as XOF or EUR");
		}
		return value;
	});

	static final GraphQLScalarType LOCALE_TAG = stringScalar("Locale", value -> {
		if (!LOCALE.matcher(value).matches() || Locale.forLanguageTag(value).getLanguage().isEmpty()) {
			throw new IllegalArgumentException("Invalid Locale '" + value + "': expected a BCP 47 language tag such as fr or en");
		}
		return value;
	});

	static final GraphQLScalarType DECIMAL = GraphQLScalarType.newScalar()
		.name("Decimal")
		.description("Exact decimal, serialised as a string")
		.coercing(new Coercing<BigDecimal, String>() {
			@Override
			public String serialize(Object result, GraphQLContext context, Locale locale) {
				if (result instanceof BigDecimal decimal) {
					return decimal.toPlainString();
				}
				if (result instanceof Number || result instanceof String) {
					return new BigDecimal(result.toString()).toPlainString();
				}
				throw new CoercingSerializeException("Not a decimal");
			}

			@Override
			public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
				try {
					return parse(input);
				}
				catch (IllegalArgumentException ex) {
					throw new CoercingParseValueException(ex.getMessage());
				}
			}

			@Override
			public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
				Object raw = input instanceof StringValue s ? s.getValue()
						: input instanceof IntValue i ? i.getValue().toString()
						: input instanceof FloatValue f ? f.getValue().toString() : null;
				try {
					return parse(raw);
				}
				catch (IllegalArgumentException ex) {
					throw new CoercingParseLiteralException(ex.getMessage());
				}
			}

			private BigDecimal parse(Object input) {
				String text = input == null ? "null" : input.toString();
				if (!(input instanceof String || input instanceof Number) || text.length() > 40) {
					throw new IllegalArgumentException("Invalid Decimal '" + text + "': expected a decimal string such as \"1250.50\"");
				}
				try {
					return new BigDecimal(text.trim());
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("Invalid Decimal '" + text + "': expected a decimal string such as \"1250.50\"");
				}
			}
		})
		.build();

	static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
		.name("DateTime")
		.description("RFC 3339 date-time with offset")
		.coercing(new Coercing<OffsetDateTime, String>() {
			@Override
			public String serialize(Object result, GraphQLContext context, Locale locale) {
				OffsetDateTime time = result instanceof OffsetDateTime odt ? odt
						: result instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : null;
				if (time == null) {
					throw new CoercingSerializeException("Not a date-time");
				}
				return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
			}

			@Override
			public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale) {
				try {
					return parse(input);
				}
				catch (IllegalArgumentException ex) {
					throw new CoercingParseValueException(ex.getMessage());
				}
			}

			@Override
			public OffsetDateTime parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
				try {
					return parse(input instanceof StringValue s ? s.getValue() : input);
				}
				catch (IllegalArgumentException ex) {
					throw new CoercingParseLiteralException(ex.getMessage());
				}
			}

			private OffsetDateTime parse(Object input) {
				try {
					if (input instanceof String text) {
						return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
					}
				}
				catch (DateTimeParseException ex) {
					// fall through
				}
				throw new IllegalArgumentException("Invalid DateTime '" + input + "': expected RFC 3339 with an offset, such as 2026-11-23T10:15:00Z");
			}
		})
		.build();

	@Override
	public void configure(RuntimeWiring.Builder builder) {
		builder.scalar(COUNTRY_CODE).scalar(CURRENCY_CODE).scalar(LOCALE_TAG).scalar(DECIMAL).scalar(DATE_TIME);
	}

	private static GraphQLScalarType stringScalar(String name, Function<String, String> check) {
		return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<String, String>() {
			@Override
			public String serialize(Object result, GraphQLContext context, Locale locale) {
				return result.toString();
			}

			@Override
			public String parseValue(Object input, GraphQLContext context, Locale locale) {
				if (!(input instanceof String text)) {
					throw new CoercingParseValueException("Invalid " + name + " '" + input + "': expected a string");
				}
				try {
					return check.apply(text);
				}
				catch (IllegalArgumentException ex) {
					throw new CoercingParseValueException(ex.getMessage());
				}
			}

			@Override
			public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
				if (!(input instanceof StringValue text)) {
					throw new CoercingParseLiteralException("Invalid " + name + ": expected a string");
				}
				try {
					return check.apply(text.getValue());
				}
				catch (IllegalArgumentException ex) {
					throw new CoercingParseLiteralException(ex.getMessage());
				}
			}
		}).build();
	}

}
