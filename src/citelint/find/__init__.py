"""Finding citations: scan for candidate starts, parse each window with the Lark grammar,
assemble the parts into citations, place them in the original text."""
