"""Load: a seller's files (YAML, Markdown, photos' names) → checked Market, Shop and Product models."""
