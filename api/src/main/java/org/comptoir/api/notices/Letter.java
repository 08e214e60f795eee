package org.comptoir.api.notices;

/** An e-mail's words: its subject, its plain-text part and its HTML part. */
record Letter(String subject, String text, String html) {
}
