"""Pure functions on strings and values: Chinese script, punctuation, whitespace, numerals, dates."""
