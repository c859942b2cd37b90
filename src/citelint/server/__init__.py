"""The language server (LSP over stdio): diagnostics, hover, code actions."""
