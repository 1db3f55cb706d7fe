"""The catalogue to Flanders (LPDC/IPDC): the municipality's LDES feed of product
instances, and the import of IPDC concepts as proposals (docs/interop.md, "LPDC/IPDC")."""
