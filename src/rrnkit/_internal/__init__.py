"""Private helpers shared across rrnkit's packages (never a public API).

Modules here import nothing else of rrnkit's, so any layer may use them
without an import pointing upward.
"""
