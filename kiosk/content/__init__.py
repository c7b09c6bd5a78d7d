"""Content system: YAML loading with locations, schemas, checks, images and hot reload."""
