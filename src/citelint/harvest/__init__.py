"""Growing the registry from articles: the analysis pipeline up to resolution, then YAML out."""
