"""Output: pages and files written into the output folder atomically, and what each was made from."""
