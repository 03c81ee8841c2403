"""The DID purchase wizard's pages (the flow is core.did_purchase)."""
