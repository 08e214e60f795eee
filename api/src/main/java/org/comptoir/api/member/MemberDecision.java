package org.comptoir.api.member;

/** An admin's decision on a member (GraphQL {@code MemberDecision}); the review log stores its name. */
enum MemberDecision {
	APPROVE, REJECT, SUSPEND, REINSTATE, VERIFY
}
