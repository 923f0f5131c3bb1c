"""Reading extract files: encodings, records, mappings, typed values and their problems."""
