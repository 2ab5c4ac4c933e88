"""The bottom of the pipeline: models, problems and their messages, caches, atomic writes, money."""
