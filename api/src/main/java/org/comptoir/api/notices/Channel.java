package org.comptoir.api.notices;

/** Where a notification goes besides the bell. */
enum Channel {
	EMAIL, SMS, WHATSAPP
}
