package org.comptoir.api.member;

import java.util.Optional;

/** Which decision is possible from which state: PENDING → ACTIVE/REJECTED, ACTIVE ⇄ SUSPENDED, VERIFY once. */
final class MemberReviewRules {

	record Outcome(MemberStatus status, boolean verified) {
	}

	private MemberReviewRules() {
	}

	static Optional<Outcome> apply(Member member, MemberDecision decision) {
		MemberStatus status = member.status();
		return switch (decision) {
			case APPROVE -> status == MemberStatus.PENDING ? Optional.of(new Outcome(MemberStatus.ACTIVE, member.verified())) : Optional.empty();
			case REJECT -> status == MemberStatus.PENDING ? Optional.of(new Outcome(MemberStatus.REJECTED, member.verified())) : Optional.empty();
			case SUSPEND -> status == MemberStatus.ACTIVE ? Optional.of(new Outcome(MemberStatus.SUSPENDED, member.verified())) : Optional.empty();
			case REINSTATE -> status == MemberStatus.SUSPENDED ? Optional.of(new Outcome(MemberStatus.ACTIVE, member.verified())) : Optional.empty();
			case VERIFY -> !member.verified() && (status == MemberStatus.PENDING || status == MemberStatus.ACTIVE)
					? Optional.of(new Outcome(status, true)) : Optional.empty();
		};
	}

}
