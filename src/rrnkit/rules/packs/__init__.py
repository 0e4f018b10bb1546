"""Rule packs, one module per framework."""
