package org.comptoir.api.listing;

/** The Incoterms 2020 rules a listing may name (GraphQL {@code Incoterm}); stored by name. */
public enum Incoterm {
	EXW, FCA, CPT, CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF
}
