"""The award table's rules evaluated against what a question or a profile states."""
