package org.comptoir.api.notices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.comptoir.api.graphql.UserError;
import org.comptoir.api.notices.NoticeRepository.ChannelSetting;
import org.comptoir.api.notices.NoticeRepository.Defaults;
import org.comptoir.api.notices.NoticeRepository.Setting;
import org.comptoir.api.notices.NoticeRepository.Verification;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rules of a user's notification settings: modes per channel (texts only to a verified phone, with consent
 * recorded), time zone, quiet hours and digest times over the chamber's defaults, and the codes that verify a
 * phone (hashed, expiring, a few an hour, a few wrong tries).
 */
@Service
class NoticeSettings {

	/** A user's settings as shown: every value the one in force, the chamber's where the user chose none. */
	record View(String email, @Nullable String locale, @Nullable String emailOffReason, String sms, String whatsapp,
			List<ChannelView> channels, @Nullable String phone, @Nullable String pendingPhone, String timeZone,
			@Nullable Quiet quietHours, int digestHour, int digestWeekday, boolean chamberDefaults) {
	}

	record ChannelView(Channel channel, String mode, @Nullable String address, boolean available, @Nullable String offReason,
			@Nullable String consentText, @Nullable OffsetDateTime consentedAt) {
	}

	/** Quiet hours, HH:mm. */
	record Quiet(String from, String until) {

		static @Nullable Quiet of(@Nullable LocalTime from, @Nullable LocalTime until) {
			return from == null || until == null || from.equals(until) ? null : new Quiet(from.toString(), until.toString());
		}
	}

	record Change(@Nullable String email, @Nullable String sms, @Nullable String whatsapp, @Nullable String locale,
			@Nullable String timeZone, @Nullable Quiet quietHours, @Nullable Integer digestHour, @Nullable Integer digestWeekday,
			@Nullable Boolean useChamberDefaults) {
	}

	record DefaultsChange(@Nullable String email, @Nullable String timeZone, @Nullable Quiet quietHours, @Nullable Integer digestHour,
			@Nullable Integer digestWeekday) {
	}

	/** A result or what is wrong with the input. */
	record Outcome<T>(@Nullable T value, List<UserError> userErrors) {

		static <T> Outcome<T> ok(T value) {
			return new Outcome<>(value, List.of());
		}

		static <T> Outcome<T> refused(String code, String message, String... field) {
			return new Outcome<>(null, List.of(UserError.of(code, message, field)));
		}
	}

	static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

	static final int CODE_TRIES = 5;

	private static final List<String> LOCALES = List.of("fr", "en", "ar", "rw");

	private final SecureRandom random = new SecureRandom();

	private final NoticeRepository notices;

	private final TextProviders texts;

	private final TenantRegistry registry;

	private final NoticeProperties properties;

	NoticeSettings(NoticeRepository notices, TextProviders texts, TenantRegistry registry, NoticeProperties properties) {
		this.notices = notices;
		this.texts = texts;
		this.registry = registry;
		this.properties = properties;
	}

	Mono<View> view(UUID tenantId, UUID userId, String email) {
		Tenant tenant = registry.find(tenantId).orElseThrow();
		return Mono.zip(notices.setting(tenantId, userId), notices.channels(tenantId, userId), notices.defaults(tenantId),
				notices.consents(tenantId, userId), notices.verification(tenantId, userId).map(Optional::of).defaultIfEmpty(Optional.empty()))
			.map(read -> view(tenant, email, read.getT1(), read.getT2(), read.getT3(), read.getT4(), read.getT5().orElse(null)));
	}

	private View view(Tenant tenant, String email, Setting setting, List<ChannelSetting> chosen, Defaults defaults,
			Map<Channel, OffsetDateTime> consents, @Nullable Verification pending) {
		String locale = setting.locale() == null ? tenant.defaultLocale() : setting.locale();
		Letters.Sender sender = Letters.Sender.of(tenant.branding());
		List<ChannelView> channels = new ArrayList<>();
		for (Channel channel : Channel.values()) {
			ChannelSetting choice = chosen.stream().filter(c -> c.channel() == channel).findFirst()
				.orElse(new ChannelSetting(channel, null, null, null));
			boolean text = channel != Channel.EMAIL;
			String mode = choice.mode() != null ? choice.mode() : text ? "OFF" : defaults.email();
			String address = text ? choice.address() != null ? choice.address() : setting.phone() : email;
			channels.add(new ChannelView(channel, mode, address, text ? address != null ? available(channel, address) : texts.available(channel) : true,
					choice.offReason(), text && address != null ? Letters.consent(channel, address, locale, sender) : null, consents.get(channel)));
		}
		boolean own = setting.timeZone() != null || setting.quietFrom() != null || setting.digestHour() != null || setting.digestWeekday() != null;
		return new View(channels.get(0).mode(), setting.locale(), channels.get(0).offReason(), channels.get(1).mode(), channels.get(2).mode(),
				channels, setting.phone(), pending == null ? null : pending.phone(),
				setting.timeZone() != null ? setting.timeZone() : defaults.timeZone(),
				setting.quietFrom() != null ? Quiet.of(setting.quietFrom(), setting.quietUntil()) : Quiet.of(defaults.quietFrom(), defaults.quietUntil()),
				setting.digestHour() != null ? setting.digestHour() : defaults.digestHour(),
				setting.digestWeekday() != null ? setting.digestWeekday() : defaults.digestWeekday(), !own);
	}

	private boolean available(Channel channel, String phone) {
		return texts.forPhone(channel, phone).isPresent();
	}

	Mono<Outcome<View>> update(UUID tenantId, UUID userId, String email, Change change) {
		Tenant tenant = registry.find(tenantId).orElseThrow();
		if (change.locale() != null && !LOCALES.contains(change.locale().split("-")[0])) {
			return Mono.just(Outcome.refused("UNSUPPORTED_LOCALE", "Notices are written in fr, en, ar or rw.", "input", "locale"));
		}
		Optional<Outcome<View>> wrong = wrongTimes(change.timeZone(), change.quietHours(), change.digestHour(), change.digestWeekday());
		if (wrong.isPresent()) {
			return Mono.just(wrong.get());
		}
		return notices.setting(tenantId, userId).zipWith(notices.channels(tenantId, userId)).flatMap(read -> {
			Setting old = Boolean.TRUE.equals(change.useChamberDefaults())
					? new Setting(read.getT1().locale(), null, null, null, null, null, read.getT1().phone()) : read.getT1();
			LocalTime from = change.quietHours() == null ? old.quietFrom() : LocalTime.parse(change.quietHours().from());
			LocalTime until = change.quietHours() == null ? old.quietUntil() : LocalTime.parse(change.quietHours().until());
			Setting next = new Setting(change.locale() == null ? old.locale() : change.locale(),
					change.timeZone() == null ? old.timeZone() : change.timeZone(), from, until,
					change.digestHour() == null ? old.digestHour() : change.digestHour(),
					change.digestWeekday() == null ? old.digestWeekday() : change.digestWeekday(), old.phone());
			String locale = next.locale() == null ? tenant.defaultLocale() : next.locale();
			List<Mono<Void>> saves = new ArrayList<>();
			saves.add(notices.saveSetting(tenantId, userId, next));
			if (change.email() != null) {
				saves.add(notices.saveChannel(tenantId, userId, new ChannelSetting(Channel.EMAIL, change.email(), null,
						change.email().equals("OFF") ? "UNSUBSCRIBED" : null), null));
			}
			for (Channel channel : List.of(Channel.SMS, Channel.WHATSAPP)) {
				String mode = channel == Channel.SMS ? change.sms() : change.whatsapp();
				if (mode == null) {
					continue;
				}
				ChannelSetting was = read.getT2().stream().filter(c -> c.channel() == channel).findFirst().orElse(null);
				if (mode.equals("OFF")) {
					saves.add(notices.saveChannel(tenantId, userId, new ChannelSetting(channel, "OFF", null, "UNSUBSCRIBED"), null));
					continue;
				}
				String field = channel.name().toLowerCase(java.util.Locale.ROOT);
				if (old.phone() == null) {
					return Mono.just(Outcome.<View>refused("PHONE_NOT_VERIFIED",
							"Texts go only to a verified phone: requestPhoneVerification, then verifyPhone.", "input", field));
				}
				if (!available(channel, old.phone())) {
					return Mono.just(Outcome.<View>refused("CHANNEL_UNAVAILABLE",
							"This platform sends no " + channel + " to " + old.phone() + "'s country.", "input", field));
				}
				boolean consenting = was == null || was.mode() == null || was.mode().equals("OFF");
				saves.add(notices.saveChannel(tenantId, userId, new ChannelSetting(channel, mode, old.phone(), null), consenting
						? new NoticeRepository.Consent(old.phone(), locale, Letters.consent(channel, old.phone(), locale, Letters.Sender.of(tenant.branding())))
						: null));
			}
			return Flux.concat(saves).then(view(tenantId, userId, email)).map(Outcome::ok);
		});
	}

	/** A time zone, quiet hours or digest times that cannot be. */
	private static <T> Optional<Outcome<T>> wrongTimes(@Nullable String timeZone, @Nullable Quiet quiet, @Nullable Integer hour,
			@Nullable Integer weekday) {
		if (timeZone != null) {
			try {
				ZoneId.of(timeZone);
			}
			catch (DateTimeException ex) {
				return Optional.of(Outcome.refused("INVALID_TIME_ZONE", "Not a time zone: give an IANA name such as Africa/Dakar.", "input", "timeZone"));
			}
		}
		if (quiet != null) {
			try {
				LocalTime.parse(quiet.from());
				LocalTime.parse(quiet.until());
			}
			catch (DateTimeParseException ex) {
				return Optional.of(Outcome.refused("INVALID_QUIET_HOURS", "Quiet hours are two times of day, HH:mm (21:00 to 07:00).", "input", "quietHours"));
			}
		}
		if (hour != null && (hour < 0 || hour > 23)) {
			return Optional.of(Outcome.refused("INVALID_DIGEST_TIME", "The digest hour is 0 to 23.", "input", "digestHour"));
		}
		if (weekday != null && (weekday < 1 || weekday > 7)) {
			return Optional.of(Outcome.refused("INVALID_DIGEST_TIME", "The digest weekday is 1 (Monday) to 7 (Sunday).", "input", "digestWeekday"));
		}
		return Optional.empty();
	}

	// phones

	/** The phone understood, and a code sent to it that proves it the user's when typed back. */
	Mono<Outcome<Verification>> requestVerification(UUID tenantId, UUID userId, String typed, Channel channel) {
		Tenant tenant = registry.find(tenantId).orElseThrow();
		if (channel == Channel.EMAIL) {
			return Mono.just(Outcome.refused("BAD_USER_INPUT", "A code goes by SMS or WhatsApp.", "input", "channel"));
		}
		Optional<String> phone = PhoneNumbers.e164(typed, tenant.country());
		if (phone.isEmpty()) {
			return Mono.just(Outcome.refused("INVALID_PHONE_NUMBER",
					"Not a mobile number: give it with its country code (+221 77 123 45 67) or as dialled in " + tenant.country() + ".", "input", "phone"));
		}
		Optional<TextProvider> provider = texts.forPhone(channel, phone.get());
		if (provider.isEmpty()) {
			return Mono.just(Outcome.refused("CHANNEL_UNAVAILABLE", "This platform sends no " + channel + " to this number's country.", "input", "channel"));
		}
		return notices.verification(tenantId, userId).map(Optional::of).defaultIfEmpty(Optional.empty())
			.zipWith(notices.setting(tenantId, userId).map(setting -> setting.locale() == null ? tenant.defaultLocale() : setting.locale()))
			.flatMap(read -> sendCode(tenant, userId, phone.get(), channel, provider.get(), read.getT1(), read.getT2()));
	}

	/** A new code, unless the hour's are used up: saved, then sent in the user's language. */
	private Mono<Outcome<Verification>> sendCode(Tenant tenant, UUID userId, String phone, Channel channel, TextProvider provider,
			Optional<Verification> previous, String locale) {
		OffsetDateTime now = OffsetDateTime.now();
		boolean sameWindow = previous.isPresent() && previous.get().windowStart().isAfter(now.minusHours(1));
		int sent = sameWindow ? previous.get().sent() + 1 : 1;
		if (sent > properties.verificationCodesPerHour()) {
			return Mono.just(Outcome.refused("TOO_MANY_CODES", "At most " + properties.verificationCodesPerHour()
					+ " codes an hour: the next one can be asked after " + previous.get().windowStart().plusHours(1) + ".", "input", "phone"));
		}
		String code = String.format("%06d", random.nextInt(1_000_000));
		Verification verification = new Verification(phone, channel, hash(userId, phone, code), now.plus(CODE_LIFETIME), 0, sent,
				sameWindow ? previous.get().windowStart() : now);
		String text = Letters.verificationCode(code, locale, Letters.Sender.of(tenant.branding()));
		// saved first: a code that arrives can always be typed back
		return notices.saveVerification(tenant.tenantId(), userId, verification)
			.then(provider.send(new TextProvider.TextMessage(phone, text, locale, "verify-" + UUID.randomUUID())))
			.thenReturn(Outcome.ok(verification))
			.onErrorResume(TextProvider.TextRefused.class, ex -> Mono.just(Outcome.refused("PHONE_REFUSED",
					"The " + channel + " provider refused this number: " + ex.getMessage(), "input", "phone")))
			.onErrorResume(ex -> !(ex instanceof DataAccessException), ex -> Mono.just(Outcome.refused("SEND_FAILED",
					"The code could not be sent just now; try again in a minute.", "input", "phone")));
	}

	/** The code typed back: the phone the user's from now on. */
	Mono<Outcome<View>> verify(UUID tenantId, UUID userId, String email, String code) {
		return notices.verification(tenantId, userId).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
			if (found.isEmpty()) {
				return Mono.just(Outcome.<View>refused("NO_CODE_REQUESTED", "Ask for a code first (requestPhoneVerification).", "input", "code"));
			}
			Verification pending = found.get();
			if (pending.expiresAt().isBefore(OffsetDateTime.now()) || pending.attempts() >= CODE_TRIES) {
				return Mono.just(Outcome.<View>refused("CODE_EXPIRED", "This code expired or was mistyped " + CODE_TRIES
						+ " times: ask for a new one.", "input", "code"));
			}
			if (!MessageDigest.isEqual(hash(userId, pending.phone(), code.strip()).getBytes(StandardCharsets.US_ASCII),
					pending.codeHash().getBytes(StandardCharsets.US_ASCII))) {
				return notices.wrongCode(tenantId, userId).map(tries -> Outcome.<View>refused("INVALID_CODE", "Wrong code; "
						+ Math.max(0, CODE_TRIES - tries) + " tries left.", "input", "code"));
			}
			return notices.phoneVerified(tenantId, userId, pending.phone()).then(view(tenantId, userId, email)).map(Outcome::ok);
		});
	}

	private static String hash(UUID userId, String phone, String code) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest((userId + " " + phone + " " + code).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always there", ex);
		}
	}

	// the chamber's defaults

	Mono<Defaults> defaults(UUID tenantId) {
		return notices.defaults(tenantId);
	}

	Mono<Outcome<Defaults>> updateDefaults(UUID tenantId, DefaultsChange change) {
		Optional<Outcome<Defaults>> wrong = wrongTimes(change.timeZone(), change.quietHours(), change.digestHour(), change.digestWeekday());
		if (wrong.isPresent()) {
			return Mono.just(wrong.get());
		}
		return notices.defaults(tenantId).flatMap(old -> {
			Defaults next = new Defaults(change.email() == null ? old.email() : change.email(),
					change.timeZone() == null ? old.timeZone() : change.timeZone(),
					change.quietHours() == null ? old.quietFrom() : LocalTime.parse(change.quietHours().from()),
					change.quietHours() == null ? old.quietUntil() : LocalTime.parse(change.quietHours().until()),
					change.digestHour() == null ? old.digestHour() : change.digestHour(),
					change.digestWeekday() == null ? old.digestWeekday() : change.digestWeekday());
			return notices.saveDefaults(tenantId, next).thenReturn(Outcome.ok(next));
		});
	}

}
