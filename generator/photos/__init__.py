"""Photos: phone photos → upright, metadata-free WebP/JPEG renditions, cached by content."""
