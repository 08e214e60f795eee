package org.comptoir.api.support;

import org.comptoir.api.identity.IdentityProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Base of the integration tests that act as the demo users of the demo chambers, with real tokens. */
public abstract class Chambers {

	@LocalServerPort
	protected int port;

	@Autowired
	protected IdentityProperties identity;

	protected Api api() {
		return new Api(port);
	}

	protected Tokens tokens() {
		return new Tokens(identity.baseUrl());
	}

	protected String token(String realm, String email) {
		return tokens().demo(realm, email);
	}

	/** The demo user {@code <who>@<slug>.test} (admin, owner, newcomer) in their own chamber. */
	protected HttpGraphQlTester as(String who, String slug) {
		return api().as(slug, token(slug, who + "@" + slug + ".test"));
	}

	protected HttpGraphQlTester anonymous(String slug) {
		return api().chamber(slug);
	}

}
