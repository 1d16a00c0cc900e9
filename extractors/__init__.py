"""The document model, one reader per input format, and the semantic extractors."""
