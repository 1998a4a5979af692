"""The command line: one module per command, all calling :mod:`kroniek.api`."""
