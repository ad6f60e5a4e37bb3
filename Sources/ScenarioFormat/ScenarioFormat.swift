// The scenario file format: YAML and CSV to a compiled Exercise, with located diagnostics.
