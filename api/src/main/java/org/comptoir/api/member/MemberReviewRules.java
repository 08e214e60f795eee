package org.comptoir.api.member;

import java.util.Optional;

/** Which decision is possible from which state: PENDING → ACTIVE/REJECTED, ACTIVE ⇄ SUSPENDED, VERIFY once. */
final class MemberReviewRules {

	record Outcome(String status, boolean verified) {
	}

	private MemberReviewRules() {
	}

	static Optional<Outcome> apply(Member member, String decision) {
		String status = member.status();
		switch (decision) {
			case "APPROVE":
				return "PENDING".equals(status) ? Optional.of(new Outcome("ACTIVE", member.verified())) : Optional.empty();
			case "REJECT":
				return "PENDING".equals(status) ? Optional.of(new Outcome("REJECTED", member.verified())) : Optional.empty();
			case "SUSPEND":
				return "ACTIVE".equals(status) ? Optional.of(new Outcome("SUSPENDED", member.verified())) : Optional.empty();
			case "REINSTATE":
				return "SUSPENDED".equals(status) ? Optional.of(new Outcome("ACTIVE", member.verified())) : Optional.empty();
			case "VERIFY":
				return !member.verified() && ("PENDING".equals(status) || "ACTIVE".equals(status))
						? Optional.of(new Outcome(status, true)) : Optional.empty();
			default:
				return Optional.empty();
		}
	}

}
