package org.comptoir.api.listing;

/** Who reads a listing: its chamber, the chamber's members, or the network (GraphQL {@code Visibility}); stored by name. */
public enum Visibility {
	CHAMBER, MEMBERS, NETWORK
}
