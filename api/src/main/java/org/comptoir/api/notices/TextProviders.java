package org.comptoir.api.notices;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Placeholder until the adapters land (branch texts): the configured providers, chosen by channel. */
@Component
class TextProviders {

	private final List<TextProvider> providers;

	TextProviders(List<TextProvider> providers) {
		this.providers = providers;
	}

	Optional<TextProvider> forPhone(Channel channel, String e164) {
		return providers.stream().filter(p -> p.channel() == channel).findFirst();
	}

	boolean available(Channel channel) {
		return providers.stream().anyMatch(p -> p.channel() == channel);
	}

}
