package org.comptoir.api.member;

/** A company's official registration: its scheme (ICE, SIREN, NINEA, TIN…) and value. */
public record Registration(String scheme, String value) {
}
