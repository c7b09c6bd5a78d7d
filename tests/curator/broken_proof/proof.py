"""A proof module with a bug, on purpose."""

raise RuntimeError("this proof module is broken on purpose")
