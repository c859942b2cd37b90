"""Text in: finding files, decoding their bytes, stripping markup, normalising, and the offset
maps and line index that take every position back to the text as the user wrote it."""
