"""Tiny scene packages for the check/schema/registry tests (content only, no drawing)."""
