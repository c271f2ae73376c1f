"""woo package."""
